// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Rejects every row of customers whose features fall outside fences computed over all customers
 * (off by default, so that Online Retail's 4,338 reference customers stay). Needs blocks grouped by
 * customer and the as-of date, since features such as recency depend on it.
 */
public final class FilterCustomerOutliers
    extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  public static final Set<String> FIELDS =
      Set.of(
          "recency_days",
          "frequency",
          "monetary",
          "total_quantity",
          "avg_basket_value",
          "tenure_days",
          "distinct_products");

  private final OutlierRule rule;
  private final PCollectionView<Long> asOfEpochDay;
  private final boolean netReturns;

  private FilterCustomerOutliers(
      OutlierRule rule, PCollectionView<Long> asOfEpochDay, boolean netReturns) {
    this.rule = rule;
    this.asOfEpochDay = asOfEpochDay;
    this.netReturns = netReturns;
  }

  public static FilterCustomerOutliers create() {
    return new FilterCustomerOutliers(OutlierRule.none(), null, false);
  }

  /** With true, the fences see the customers' features with returns netted, as published. */
  public FilterCustomerOutliers withReturnsNetted(boolean net) {
    return new FilterCustomerOutliers(rule, asOfEpochDay, net);
  }

  public FilterCustomerOutliers withRule(OutlierRule rule) {
    if (rule == null) {
      throw new IllegalArgumentException("the outlier rule must not be null");
    }
    for (String f : rule.fields()) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "customer outlier field '" + f + "' is unknown; use one of " + FIELDS);
      }
    }
    return new FilterCustomerOutliers(rule, asOfEpochDay, netReturns);
  }

  public FilterCustomerOutliers withAsOf(PCollectionView<Long> epochDay) {
    if (epochDay == null) {
      throw new IllegalArgumentException("the as-of view must not be null");
    }
    return new FilterCustomerOutliers(rule, epochDay, netReturns);
  }

  static Map<String, Double> values(CustomerRecord c, List<String> fields) {
    Map<String, Double> out = new HashMap<>();
    for (String f : fields) {
      out.put(f, CustomerFeatures.value(c, f));
    }
    return out;
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    if (rule.isNone()) {
      return OutlierStages.passThrough(input);
    }
    if (asOfEpochDay == null) {
      throw new IllegalStateException("FilterCustomerOutliers needs withAsOf(...)");
    }
    List<String> fields = rule.fields();
    PCollectionView<Long> asOf = asOfEpochDay;
    boolean net = netReturns;
    PCollectionView<Fences> fences =
        input
            .apply(
                "CustomerFieldValues",
                ParDo.of(
                        new DoFn<TransactionBlock, Map<String, double[]>>() {
                          @ProcessElement
                          public void process(@Element TransactionBlock b, ProcessContext c) {
                            List<CustomerRecord> customers = new ArrayList<>();
                            CustomerFeatures.forEachCustomer(
                                b, c.sideInput(asOf), net, customers::add);
                            Map<String, double[]> batch = new HashMap<>();
                            for (String f : fields) {
                              double[] v = new double[customers.size()];
                              for (int i = 0; i < v.length; i++) {
                                v[i] = CustomerFeatures.value(customers.get(i), f);
                              }
                              batch.put(f, v);
                            }
                            c.output(batch);
                          }
                        })
                    .withSideInputs(asOf))
            .setCoder(OutlierStages.BATCH_CODER)
            .apply("ComputeCustomerFences", Combine.globally(new ComputeFences(rule)))
            .apply("CustomerFencesView", View.asSingleton());
    return RowTags.applyRowStage(
        input,
        "RejectOutlierCustomers",
        new FilterFn(fields, fences, asOf, netReturns),
        fences,
        asOf);
  }

  static final class FilterFn extends DoFn<TransactionBlock, TransactionBlock> {
    private final List<String> fields;
    private final PCollectionView<Fences> fences;
    private final PCollectionView<Long> asOf;
    private final boolean netReturns;

    FilterFn(
        List<String> fields,
        PCollectionView<Fences> fences,
        PCollectionView<Long> asOf,
        boolean netReturns) {
      this.fields = fields;
      this.fences = fences;
      this.asOf = asOf;
      this.netReturns = netReturns;
    }

    @ProcessElement
    public void process(
        @Element TransactionBlock block, ProcessContext c, MultiOutputReceiver out) {
      long start = System.nanoTime();
      Fences f = c.sideInput(fences);
      long asOfDay = c.sideInput(asOf);
      KeptRows kept = new KeptRows(block);
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      block.forEachCustomerRun(
          (from, to) -> {
            CustomerRecord customer =
                CustomerFeatures.asOf(
                    CustomerFeatures.withoutAsOf(block, from, to, netReturns), asOfDay);
            String violation = f.violation(values(customer, fields));
            for (int i = from; i < to; i++) {
              if (violation != null) {
                kept.drop(i);
                rejected.addRow(
                    block,
                    i,
                    RejectReason.CUSTOMER_OUTLIER,
                    "customer " + block.customerId(i) + ": " + violation);
              }
            }
          });
      StageMetrics.emit("customer_outliers", kept.build(), rejected.build(), out, start);
    }
  }
}
