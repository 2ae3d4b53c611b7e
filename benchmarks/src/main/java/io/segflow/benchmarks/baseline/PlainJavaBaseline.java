// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import io.segflow.benchmarks.InputFiles;
import io.segflow.transforms.parse.ColumnMapping;
import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The hand-written floor that {@code benchmarks/scale.sh} measures Segflow against: one thread, one
 * pass over the same CSV files, the same cleaning (default rules) and the same per-customer
 * features as {@code segflow run --no-segmentation}, but no engine, no rejected-rows output, no
 * outlier stages and no Avro. Its results are checked against Segflow's customers/ output by {@code
 * BaselineMatchesSegflowTest}.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.segflow.benchmarks.baseline.PlainJavaBaseline \
 *       [--features-csv FILE] INPUT.csv[.gz]...
 * </pre>
 */
@Command(
    name = "PlainJavaBaseline",
    description = "The features in single-threaded plain Java; prints one line of totals.")
public final class PlainJavaBaseline implements Callable<Integer> {
  /** What one run read and computed. */
  public record Result(
      long rowsRead, long rowsUsed, LocalDate asOfDate, List<BaselineCustomer> customers) {
    public long rowsRejected() {
      return rowsRead - rowsUsed;
    }
  }

  @Option(
      names = "--features-csv",
      paramLabel = "FILE",
      description = "Also write every customer's features to this CSV file.")
  private Path featuresCsv;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "CSV files, optionally .gz.")
  private List<Path> inputs;

  @Spec private CommandSpec spec;

  private PlainJavaBaseline() {}

  /**
   * Reads {@code files} in the order of their paths (the order Segflow sums a customer's rows in)
   * and returns every customer's features, sorted by customer id.
   */
  public static Result run(List<Path> files) throws IOException {
    List<Path> ordered = new ArrayList<>(files);
    ordered.sort((a, b) -> a.toString().compareTo(b.toString()));
    FeatureAggregator aggregator = new FeatureAggregator();
    long read = 0;
    long used = 0;
    for (Path file : ordered) {
      try (RetailCsvReader reader = RetailCsvReader.open(file)) {
        if (!reader.next()) {
          continue; // an empty file
        }
        RecordFields header = reader.fields();
        List<String> names = new ArrayList<>();
        for (int i = 0; i < header.count(); i++) {
          names.add(header.text(i));
        }
        aggregator.useColumns(ColumnMapping.defaults().resolve(file.toString(), names));
        int fieldCount = names.size();
        while (reader.next()) {
          read++;
          RecordFields fields = reader.fields();
          if (fields.count() == fieldCount && aggregator.add(fields)) {
            used++;
          }
        }
      }
    }
    return new Result(read, used, aggregator.asOfDate(), aggregator.features());
  }

  public static void main(String[] args) {
    System.exit(new CommandLine(new PlainJavaBaseline()).execute(args));
  }

  @Override
  public Integer call() throws IOException {
    InputFiles.requireRegular(spec.commandLine(), inputs);
    long start = System.nanoTime();
    Result r = run(inputs);
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        "baseline: rows_read=%d rows_used=%d rows_rejected=%d customers=%d as_of=%s "
            + "seconds=%.3f rows_per_s=%.0f%n",
        r.rowsRead(),
        r.rowsUsed(),
        r.rowsRejected(),
        r.customers().size(),
        r.asOfDate(),
        seconds,
        r.rowsRead() / Math.max(seconds, 1e-9));
    if (featuresCsv != null) {
      try (BufferedWriter w = Files.newBufferedWriter(featuresCsv)) {
        w.write(BaselineCustomer.CSV_HEADER);
        w.newLine();
        for (BaselineCustomer c : r.customers()) {
          w.write(c.csv());
          w.newLine();
        }
      }
    }
    return 0;
  }
}
