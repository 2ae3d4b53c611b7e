// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.jmh;

import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.features.CustomerPartialsMerge;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.features.SummarizeCustomers;
import io.segflow.transforms.rows.CustomerPartials;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
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
 * customer's rows together (GroupRowsByCustomer's merge), the per-customer features
 * (AggregateCustomers), and the per-block customer summaries that replace the last two on the
 * default path (SummarizeCustomers) with their merge. Scores are nanoseconds per row.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class BlockAggregationBenchmark {
  private final RowRules rules = RowRules.defaults();
  private final SummarizeCustomers summarize = SummarizeCustomers.create();

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

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public SummarizeCustomers.Summary summarizeBlock(SampleRows sample) {
    return summarize.summarize(sample.clean);
  }

  @Benchmark
  @OperationsPerInvocation(SampleRows.ROWS)
  public void summarizeAndMerge(SampleRows sample, Blackhole bh) {
    List<CustomerPartials> parts = new ArrayList<>();
    for (CustomerPartials p : summarize.summarize(sample.clean).shards()) {
      if (p != null) {
        parts.add(p);
      }
    }
    new CustomerPartialsMerge(true).merge(parts, bh::consume, (f, l, ff, fl) -> bh.consume(l));
  }
}
