// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Blocks grouped by customer to one {@link CustomerRecord} per customer (one element per customer
 * from here on), as of the date in the side input (see {@link ComputeAsOfDate}): {@link
 * ComputeCustomerFeatures}, then {@link ApplyAsOfDate}.
 */
public final class AggregateCustomers
    extends PTransform<PCollection<TransactionBlock>, PCollection<CustomerRecord>> {
  private final PCollectionView<Long> asOfEpochDay;
  private final boolean netReturns;

  private AggregateCustomers(PCollectionView<Long> asOfEpochDay, boolean netReturns) {
    this.asOfEpochDay = asOfEpochDay;
    this.netReturns = netReturns;
  }

  public static AggregateCustomers create() {
    return new AggregateCustomers(null, false);
  }

  /** With true, returns are netted (see {@link CustomerFeatures#withoutAsOf}). */
  public AggregateCustomers withReturnsNetted(boolean net) {
    return new AggregateCustomers(asOfEpochDay, net);
  }

  /** The as-of date as a singleton view of its epoch day. */
  public AggregateCustomers withAsOf(PCollectionView<Long> epochDay) {
    if (epochDay == null) {
      throw new IllegalArgumentException("the as-of view must not be null");
    }
    return new AggregateCustomers(epochDay, netReturns);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<TransactionBlock> input) {
    if (asOfEpochDay == null) {
      throw new IllegalStateException("AggregateCustomers needs withAsOf(...)");
    }
    return input
        .apply(
            "ComputeCustomerFeatures",
            ComputeCustomerFeatures.create().withReturnsNetted(netReturns))
        .apply("ApplyAsOfDate", ApplyAsOfDate.create().withAsOf(asOfEpochDay));
  }
}
