// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.peers;

import io.segflow.benchmarks.InputFiles;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs {@link DuckDbFeatures} on the input files and prints one line of totals; {@code
 * benchmarks/peers.sh} times the whole process. With {@code --check SEGFLOW_OUTPUT} it also reads
 * that Segflow run's {@code customers/} and exits 1 unless both found the same customers, rows used
 * and total revenue.
 *
 * <pre>
 *   java -cp benchmarks/target/benchmarks.jar io.segflow.benchmarks.peers.DuckDbPeer \
 *       [--check SEGFLOW_OUTPUT] INPUT.csv[.gz]...
 * </pre>
 */
@Command(
    name = "DuckDbPeer",
    description = "The features as one DuckDB SQL statement; prints one line of totals.")
public final class DuckDbPeer implements Callable<Integer> {
  @Option(
      names = "--check",
      paramLabel = "SEGFLOW_OUTPUT",
      description = "A finished segflow run's output folder to compare totals with.")
  private Path check;

  @Parameters(paramLabel = "INPUT", arity = "1..*", description = "CSV files, optionally .gz.")
  private List<Path> inputs;

  @Spec private CommandSpec spec;

  public static void main(String[] args) {
    System.exit(new CommandLine(new DuckDbPeer()).execute(args));
  }

  @Override
  public Integer call() throws Exception {
    InputFiles.requireRegular(spec.commandLine(), inputs);
    long start = System.nanoTime();
    RunTotals duckdb = RunTotals.of(DuckDbFeatures.run(inputs));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "duckdb %s: %s seconds=%.3f%n",
        DuckDbFeatures.version(),
        duckdb.describe(),
        seconds);
    if (check == null) {
      return 0;
    }
    if (!Files.isDirectory(check.resolve("customers"))) {
      throw new ParameterException(
          spec.commandLine(),
          "no customers/ folder in " + check + " (give a finished segflow run's output)");
    }
    RunTotals segflow = RunTotals.ofSegflowOutput(check);
    System.out.println("segflow: " + segflow.describe());
    if (!duckdb.matches(segflow)) {
      System.out.println("check FAILED: DuckDB and Segflow differ");
      return 1;
    }
    System.out.println("check: DuckDB and Segflow agree");
    return 0;
  }
}
