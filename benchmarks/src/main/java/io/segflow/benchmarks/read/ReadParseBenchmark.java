// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.read;

import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.read.FileSplit;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;

/**
 * The CPU time of reading a transaction file into blocks and of parsing the blocks into rows, on
 * one thread, without the rest of a run: the part of a run in which the input's format matters
 * (CSV, compressed or not, Parquet or Avro, by extension). Each file is read whole (a large Parquet
 * file is not split); the first round includes the JIT's warm-up.
 *
 * <p>Usage: {@code ReadParseBenchmark ROUNDS FILE...}; the files are read in turn in each round.
 */
public final class ReadParseBenchmark {
  private ReadParseBenchmark() {}

  public static void main(String[] args) throws IOException {
    int rounds = Integer.parseInt(args[0]);
    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    for (int round = 1; round <= rounds; round++) {
      for (int f = 1; f < args.length; f++) {
        String file = args[f];
        TransactionParser parser = new TransactionParser("auto");
        long[] rowsRejectedParseNanos = {0, 0, 0};
        long start = System.nanoTime();
        long cpuStart = threads.getCurrentThreadCpuTime();
        ReadTransactionFiles.create()
            .from(file)
            .readFile(
                FileSplit.whole(file),
                block -> {
                  long t = threads.getCurrentThreadCpuTime();
                  TransactionBlock.Builder rows = TransactionBlock.builder(block.size());
                  RejectedBlock.Builder rejected = new RejectedBlock.Builder();
                  parser.parse(block, rows, rejected);
                  rowsRejectedParseNanos[0] += rows.build().size();
                  rowsRejectedParseNanos[1] += rejected.build().size();
                  rowsRejectedParseNanos[2] += threads.getCurrentThreadCpuTime() - t;
                });
        long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
        System.out.printf(
            Locale.ROOT,
            "round %d %s: %,d rows, %,d rejected; CPU read %.2f s, parse %.2f s (wall %.2f s)%n",
            round,
            file,
            rowsRejectedParseNanos[0],
            rowsRejectedParseNanos[1],
            (cpu - rowsRejectedParseNanos[2]) / 1e9,
            rowsRejectedParseNanos[2] / 1e9,
            (System.nanoTime() - start) / 1e9);
      }
    }
  }
}
