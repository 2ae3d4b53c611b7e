// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * With {@code cleaning.returns: net}: a customer whose rows are all returns has nothing to net them
 * against (no order, no purchase date), so those rows are rejected as {@code
 * return_without_purchase}; every other row passes. Needs blocks grouped by customer.
 */
public final class NetReturns extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  private NetReturns() {}

  public static NetReturns create() {
    return new NetReturns();
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    return RowTags.applyRowStage(input, "RejectReturnsWithoutPurchase", new NetFn());
  }

  static final class NetFn extends DoFn<TransactionBlock, TransactionBlock> {
    @ProcessElement
    public void process(@Element TransactionBlock block, MultiOutputReceiver out) {
      long start = System.nanoTime();
      KeptRows kept = new KeptRows(block);
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      boolean[] any = {false};
      block.forEachCustomerRun(
          (from, to) -> {
            for (int i = from; i < to; i++) {
              if (!block.isReturn(i)) {
                return;
              }
            }
            any[0] = true;
            for (int i = from; i < to; i++) {
              kept.drop(i);
              rejected.addRow(
                  block,
                  i,
                  RejectReason.RETURN_WITHOUT_PURCHASE,
                  "a return of customer " + block.customerId(i) + ", who has no purchase");
            }
          });
      StageMetrics.emit("net_returns", any[0] ? kept.build() : block, rejected.build(), out, start);
    }
  }

  /** How many rows of a block are returns (for the manifest's returns_netted). */
  public static long returnsIn(TransactionBlock block) {
    long n = 0;
    for (int i = 0; i < block.size(); i++) {
      if (block.isReturn(i)) {
        n++;
      }
    }
    return n;
  }
}
