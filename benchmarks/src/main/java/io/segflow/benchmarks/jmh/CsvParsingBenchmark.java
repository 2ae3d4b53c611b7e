// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.jmh;

import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.read.CsvRecordSplitter;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Reading: bytes to records ({@link CsvRecordSplitter} and a copy of each record's bytes, what
 * ReadTransactionFiles does per file) and records to typed rows ({@link TransactionParser}, what
 * ParseTransactions does per block). Scores are nanoseconds per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class CsvParsingBenchmark {
  /** Kept across invocations, as a DoFn keeps it across blocks (its date cache included). */
  private TransactionParser parser;

  @Setup
  public void createParser() {
    parser = new TransactionParser("auto");
  }

  /** Where split records are copied, as the reader copies them into its block. */
  private byte[] block = new byte[1 << 20];

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public void splitRecords(SampleRows sample, Blackhole bh) throws IOException {
    int[] pos = new int[1];
    CsvRecordSplitter.create(StandardCharsets.UTF_8)
        .split(
            new ByteArrayInputStream(sample.csv),
            (line, bytes, from, to, flag) -> {
              int len = to - from;
              if (pos[0] + len > block.length) {
                pos[0] = 0;
              }
              System.arraycopy(bytes, from, block, pos[0], len);
              pos[0] += len;
              bh.consume(line);
            });
  }

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public TransactionBlock parseBlock(SampleRows sample) {
    TransactionBlock.Builder rows = TransactionBlock.builder(sample.raw.size());
    parser.parse(sample.raw, rows, new RejectedBlock.Builder());
    return rows.build();
  }
}
