// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Rejects transaction lines whose {@code quantity}, {@code unit_price} or {@code line_total}
 * (quantity × price) fall outside fences computed over all lines given (off by default).
 */
public final class FilterTransactionOutliers
    extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  public static final Set<String> FIELDS = Set.of("quantity", "unit_price", "line_total");

  private final OutlierRule rule;

  private FilterTransactionOutliers(OutlierRule rule) {
    this.rule = rule;
  }

  public static FilterTransactionOutliers create() {
    return new FilterTransactionOutliers(OutlierRule.none());
  }

  public FilterTransactionOutliers withRule(OutlierRule rule) {
    if (rule == null) {
      throw new IllegalArgumentException("the outlier rule must not be null");
    }
    for (String f : rule.fields()) {
      if (!FIELDS.contains(f)) {
        throw new IllegalArgumentException(
            "transaction outlier field '" + f + "' is unknown; use one of " + FIELDS);
      }
    }
    return new FilterTransactionOutliers(rule);
  }

  static Map<String, double[]> values(TransactionBlock b, List<String> fields) {
    Map<String, double[]> out = new HashMap<>();
    for (String f : fields) {
      double[] v = new double[b.size()];
      for (int i = 0; i < b.size(); i++) {
        v[i] = value(b, i, f);
      }
      out.put(f, v);
    }
    return out;
  }

  private static double value(TransactionBlock b, int i, String field) {
    return switch (field) {
      case "quantity" -> b.quantity(i);
      case "unit_price" -> b.unitPrice(i);
      default -> b.lineValue(i);
    };
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    if (rule.isNone()) {
      return OutlierStages.passThrough(input);
    }
    List<String> fields = rule.fields();
    PCollectionView<Fences> fences =
        input
            .apply(
                "FieldValues",
                MapElements.into(
                        TypeDescriptors.maps(
                            TypeDescriptors.strings(), new TypeDescriptor<double[]>() {}))
                    .via((TransactionBlock b) -> values(b, fields)))
            .setCoder(OutlierStages.BATCH_CODER)
            .apply("ComputeFences", Combine.globally(new ComputeFences(rule)))
            .apply("FencesView", View.asSingleton());
    return RowTags.applyRowStage(
        input, "RejectOutlierLines", new FilterFn(rule.fields(), fences), fences);
  }

  static final class FilterFn extends DoFn<TransactionBlock, TransactionBlock> {
    private final List<String> fields;
    private final PCollectionView<Fences> fences;

    FilterFn(List<String> fields, PCollectionView<Fences> fences) {
      this.fields = fields;
      this.fences = fences;
    }

    @ProcessElement
    public void process(
        @Element TransactionBlock block, ProcessContext c, MultiOutputReceiver out) {
      long start = System.nanoTime();
      Fences f = c.sideInput(fences);
      KeptRows kept = new KeptRows(block);
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      Map<String, Double> row = new HashMap<>();
      for (int i = 0; i < block.size(); i++) {
        for (String field : fields) {
          row.put(field, value(block, i, field));
        }
        String violation = f.violation(row);
        if (violation != null) {
          kept.drop(i);
          rejected.addRow(block, i, RejectReason.TRANSACTION_OUTLIER, violation);
        }
      }
      StageMetrics.emit("transaction_outliers", kept.build(), rejected.build(), out, start);
    }
  }
}
