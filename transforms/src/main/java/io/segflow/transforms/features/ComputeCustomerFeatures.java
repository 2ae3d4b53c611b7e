// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Blocks grouped by customer to one {@link CustomerRecord} per customer with every feature that
 * does not depend on the as-of date; {@link ApplyAsOfDate} adds recency, tenure and the date.
 *
 * <p>Kept apart because the as-of date depends on every row: a runner that must hold a side input
 * consumer's input until the side input is ready (Flink materialises it on disk) then holds one
 * record per customer, not every row.
 */
public final class ComputeCustomerFeatures
    extends PTransform<PCollection<TransactionBlock>, PCollection<CustomerRecord>> {
  private final boolean netReturns;

  private ComputeCustomerFeatures(boolean netReturns) {
    this.netReturns = netReturns;
  }

  public static ComputeCustomerFeatures create() {
    return new ComputeCustomerFeatures(false);
  }

  /** With true, returns are netted (see {@link CustomerFeatures#withoutAsOf}). */
  public ComputeCustomerFeatures withReturnsNetted(boolean net) {
    return new ComputeCustomerFeatures(net);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<TransactionBlock> input) {
    return input
        .apply("SummarizeCustomerRows", ParDo.of(new AggregateFn(netReturns)))
        .setCoder(AvroCoder.of(CustomerRecord.class));
  }

  static final class AggregateFn extends DoFn<TransactionBlock, CustomerRecord> {
    private final boolean netReturns;

    AggregateFn(boolean netReturns) {
      this.netReturns = netReturns;
    }

    @ProcessElement
    public void process(@Element TransactionBlock block, OutputReceiver<CustomerRecord> out) {
      long start = System.nanoTime();
      block.forEachCustomerRun(
          (from, to) -> out.output(CustomerFeatures.withoutAsOf(block, from, to, netReturns)));
      StageMetrics.count("rows_used", block.size());
      StageMetrics.timed("aggregate", start);
    }
  }
}
