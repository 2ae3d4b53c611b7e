// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.jmh;

import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * The per-block work after parsing: the row rules (ApplyRowRules), the sort that puts each
 * customer's rows together (GroupRowsByCustomer's merge) and the per-customer features
 * (AggregateCustomers). Scores are nanoseconds per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockAggregationBenchmark {
  private final RowRules rules = RowRules.defaults();

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public int rowRules(SampleRows sample) {
    TransactionBlock b = sample.parsed;
    int rejected = 0;
    for (int i = 0; i < b.size(); i++) {
      if (rules.check(b, i) != null) {
        rejected++;
      }
    }
    return rejected;
  }

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public TransactionBlock groupByCustomer(SampleRows sample) {
    return GroupRowsByCustomer.mergeSorted(List.of(sample.clean));
  }

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public void customerFeatures(SampleRows sample, Blackhole bh) {
    CustomerFeatures.forEachCustomer(sample.grouped, sample.asOfEpochDay, bh::consume);
  }
}
