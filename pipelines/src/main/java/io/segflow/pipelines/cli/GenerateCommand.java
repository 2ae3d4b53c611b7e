// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.generate.CustomerType;
import io.segflow.pipelines.generate.GeneratorConfig;
import io.segflow.pipelines.generate.TransactionGenerator;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code segflow generate}: synthetic Online-Retail-shaped transactions with known customer types.
 */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes synthetic transaction CSV shaped like the UCI Online Retail data "
          + "(InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country) for "
          + "customers of known latent types (loyal high-value, regular mid-value, lapsed, new), with "
          + "a share of the defects the cleaning stage rejects, and types.csv (customer_id,true_type). "
          + "The same seed gives the same bytes."
    })
final class GenerateCommand implements Callable<Integer> {
  @Option(
      names = "--rows",
      paramLabel = "N",
      required = true,
      description = "Data rows to write (header not counted); at least --customers.")
  long rows;

  @Option(
      names = "--customers",
      paramLabel = "C",
      required = true,
      description = "Number of customers.")
  int customers;

  @Option(
      names = "--seed",
      paramLabel = "S",
      defaultValue = "42",
      description = "Random seed (default 42).")
  long seed;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "Folder to write the CSV file(s) and types.csv to (created if missing).")
  Path output;

  @Option(
      names = "--files",
      paramLabel = "N",
      defaultValue = "1",
      description = "Split the rows into N files of consecutive customers (default 1).")
  int files;

  @Option(names = "--gzip", description = "Write .csv.gz files.")
  boolean gzip;

  @Option(
      names = "--defect-rate",
      paramLabel = "X",
      defaultValue = "0.03",
      description =
          "Share of rows with a defect: missing CustomerID, duplicate, cancellation or "
              + "zero price (default 0.03).")
  double defectRate;

  @Override
  public Integer call() throws IOException {
    if (Files.exists(output) && !Files.isDirectory(output)) {
      throw new ConfigException("--output " + output + " exists and is not a folder");
    }
    GeneratorConfig config;
    try {
      config =
          new GeneratorConfig(
              rows,
              customers,
              seed,
              List.of(CustomerType.values()),
              defectRate,
              GeneratorConfig.DEFAULT_START,
              GeneratorConfig.DEFAULT_END,
              gzip,
              files,
              output);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "segflow generate: "
              + e.getMessage()
                  .replace("customers must", "--customers must")
                  .replace("rows must", "--rows must")
                  .replace("defect rate", "--defect-rate")
                  .replace("files must", "--files must"),
          e);
    }
    long t0 = System.nanoTime();
    TransactionGenerator.Result r = TransactionGenerator.generate(config);
    double seconds = (System.nanoTime() - t0) / 1e9;
    print(r, seconds, System.out);
    return 0;
  }

  static void print(TransactionGenerator.Result r, double seconds, PrintStream out)
      throws IOException {
    out.printf("Segflow generate complete: %,d rows, %,d customers%n", r.rows(), r.customers());
    long bytes = 0;
    for (Path p : r.dataFiles()) {
      bytes += Files.size(p);
      if (r.dataFiles().size() <= 8) {
        out.printf("  %s%n", p);
      }
    }
    if (r.dataFiles().size() > 8) {
      out.printf(
          "  %d files: %s … %s%n",
          r.dataFiles().size(), r.dataFiles().get(0), r.dataFiles().get(r.dataFiles().size() - 1));
    }
    out.printf("  %s   (customer_id,true_type)%n", r.typesFile());
    out.println("  customers by true type:");
    for (Map.Entry<CustomerType, Integer> e : r.customersByType().entrySet()) {
      out.printf("    %-24s %,10d%n", e.getKey().label, e.getValue());
    }
    out.println("  defect rows:");
    for (Map.Entry<String, Long> e : r.defects().entrySet()) {
      out.printf("    %-24s %,10d%n", e.getKey(), e.getValue());
    }
    out.printf("  size           %,12.1f MB%n", bytes / 1e6);
    out.printf(
        "  time           %,12.1f s   (%,.0f rows/s)%n",
        seconds, r.rows() / Math.max(seconds, 1e-9));
  }
}
