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
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Blocks grouped by customer to one {@link CustomerRecord} per customer (one element per customer
 * from here on), as of the date in the side input (see {@link ComputeAsOfDate}).
 *
 * <p>The features are computed from the rows first and the as-of date (recency, tenure) applied
 * to the customers after: the as-of date depends on every row, and a runner that must hold a side
 * input's consumer's input until the side input is ready (Flink materialises it on disk) then
 * holds one record per customer instead of every row.
 */
public final class AggregateCustomers
    extends PTransform<PCollection<TransactionBlock>, PCollection<CustomerRecord>> {
  private final PCollectionView<Long> asOfEpochDay;

  private AggregateCustomers(PCollectionView<Long> asOfEpochDay) {
    this.asOfEpochDay = asOfEpochDay;
  }

  public static AggregateCustomers create() {
    return new AggregateCustomers(null);
  }

  /** The as-of date as a singleton view of its epoch day. */
  public AggregateCustomers withAsOf(PCollectionView<Long> epochDay) {
    if (epochDay == null) {
      throw new IllegalArgumentException("the as-of view must not be null");
    }
    return new AggregateCustomers(epochDay);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<TransactionBlock> input) {
    if (asOfEpochDay == null) {
      throw new IllegalStateException("AggregateCustomers needs withAsOf(...)");
    }
    return input
        .apply("ComputeCustomerFeatures", ParDo.of(new AggregateFn()))
        .setCoder(AvroCoder.of(CustomerRecord.class))
        .apply("ApplyAsOfDate", ParDo.of(new AsOfFn(asOfEpochDay)).withSideInputs(asOfEpochDay))
        .setCoder(AvroCoder.of(CustomerRecord.class));
  }

  static final class AggregateFn extends DoFn<TransactionBlock, CustomerRecord> {
    @ProcessElement
    public void process(@Element TransactionBlock block, OutputReceiver<CustomerRecord> out) {
      long start = System.nanoTime();
      block.forEachCustomerRun((from, to) -> out.output(CustomerFeatures.withoutAsOf(block, from, to)));
      StageMetrics.count("rows_used", block.size());
      StageMetrics.timed("aggregate", start);
    }
  }

  static final class AsOfFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<Long> asOfEpochDay;

    AsOfFn(PCollectionView<Long> asOfEpochDay) {
      this.asOfEpochDay = asOfEpochDay;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord customer, ProcessContext c, OutputReceiver<CustomerRecord> out) {
      // a copy: a DoFn must not change its input
      out.output(CustomerFeatures.asOf(CustomerRecord.newBuilder(customer).build(),
          c.sideInput(asOfEpochDay)));
    }
  }
}
