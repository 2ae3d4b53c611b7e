// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.peers;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

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
public final class DuckDbPeer {
  private DuckDbPeer() {}

  public static void main(String[] args) throws Exception {
    List<Path> inputs = new ArrayList<>();
    Path check = null;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--check") && i + 1 < args.length) {
        check = Path.of(args[++i]);
      } else if (args[i].startsWith("-")) {
        usage("unknown option " + args[i]);
      } else {
        inputs.add(Path.of(args[i]));
      }
    }
    if (inputs.isEmpty()) {
      usage("no input file");
    }
    for (Path p : inputs) {
      if (!Files.isRegularFile(p)) {
        usage("no such file: " + p);
      }
    }
    long start = System.nanoTime();
    RunTotals duckdb = RunTotals.of(DuckDbFeatures.run(inputs));
    double seconds = (System.nanoTime() - start) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "duckdb %s: %s seconds=%.3f%n",
        DuckDbFeatures.version(),
        duckdb.describe(),
        seconds);
    if (check != null) {
      if (!Files.isDirectory(check.resolve("customers"))) {
        usage("no customers/ folder in " + check + " (give a finished segflow run's output)");
      }
      RunTotals segflow = RunTotals.ofSegflowOutput(check);
      System.out.println("segflow: " + segflow.describe());
      if (!duckdb.matches(segflow)) {
        System.out.println("check FAILED: DuckDB and Segflow differ");
        System.exit(1);
      }
      System.out.println("check: DuckDB and Segflow agree");
    }
  }

  private static void usage(String problem) {
    System.err.println("duckdb peer: " + problem);
    System.err.println("usage: DuckDbPeer [--check SEGFLOW_OUTPUT] INPUT.csv[.gz]...");
    System.exit(2);
  }
}
