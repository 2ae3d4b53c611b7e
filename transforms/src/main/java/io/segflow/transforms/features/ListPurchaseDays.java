// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Blocks grouped by customer to each customer's {@link PurchaseDayList}, from the same rows as
 * {@link ComputeCustomerFeatures}: the grouped row path's counterpart of {@link
 * SummarizeCustomers#withPurchaseDayLists}, for the CLV holdout check.
 */
public final class ListPurchaseDays
    extends PTransform<PCollection<TransactionBlock>, PCollection<PurchaseDayList>> {
  private final boolean netReturns;

  private ListPurchaseDays(boolean netReturns) {
    this.netReturns = netReturns;
  }

  public static ListPurchaseDays create() {
    return new ListPurchaseDays(false);
  }

  /** With true, returns are not purchase days (see {@link CustomerFeatures#withoutAsOf}). */
  public ListPurchaseDays withReturnsNetted(boolean net) {
    return new ListPurchaseDays(net);
  }

  @Override
  public PCollection<PurchaseDayList> expand(PCollection<TransactionBlock> input) {
    boolean net = netReturns;
    return input
        .apply(
            "ListCustomerPurchaseDays",
            ParDo.of(
                new DoFn<TransactionBlock, PurchaseDayList>() {
                  @ProcessElement
                  public void process(
                      @Element TransactionBlock block, OutputReceiver<PurchaseDayList> out) {
                    block.forEachCustomerRun(
                        (from, to) ->
                            out.output(CustomerFeatures.purchaseDayList(block, from, to, net)));
                  }
                }))
        .setCoder(SerializableCoder.of(PurchaseDayList.class));
  }
}
