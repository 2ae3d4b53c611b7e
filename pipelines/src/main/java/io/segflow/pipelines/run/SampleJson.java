// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.models.KMeansReport;
import io.segflow.models.KScanRow;
import io.segflow.models.QuantileSketch;
import io.segflow.transforms.segment.SegmentationQuality;
import io.segflow.transforms.segment.TrainedSegmentation;
import io.segflow.transforms.segment.TrainingSample;
import java.util.Locale;

/**
 * The parts of model.json that only a model trained on a sample has: how the sample was chosen, and
 * how the model does on every customer. Absent when every customer was trained on, so such
 * model.json files are unchanged.
 */
final class SampleJson {
  static final String SKETCH_MEDIANS =
      String.format(
          Locale.ROOT,
          "segment medians (segments/) "
              + "come from a bounded-memory quantile sketch: within %.1f%% of the exact median, exact where "
              + "it falls among equal values (counts, days); means are exact",
          100 * QuantileSketch.RELATIVE_ACCURACY);

  private SampleJson() {}

  /** Adds "training_sample" and the all-customer counts to {@code m}, written by ModelJson. */
  static void add(ObjectNode m, TrainedSegmentation t, SegmentationQuality q) {
    TrainingSample s = t.sample();
    m.put("customers", q.customers());
    m.put("training_customers", s.size());
    ObjectNode n = m.putObject("training_sample");
    n.put("method", TrainingSample.METHOD);
    n.put("threshold", s.threshold());
    n.put("sample_size", s.size());
    n.put("seed", s.seed());
    n.put("customers", q.customers());
    n.put("profiles", SKETCH_MEDIANS);
    ObjectNode all = n.putObject("all_customers");
    all.put(
        "note",
        "the model trained on the sample, measured on every customer in two "
            + "distributed passes (exact sums); in the model's scaled space"
            + (q.noise() > 0 || t.dbscanReport() != null
                ? "; DBSCAN's noise customers excluded"
                : ""));
    all.put("customers", q.customers());
    all.put("noise", q.noise());
    ObjectNode sizes = all.putObject("segment_sizes");
    q.sizes().forEach((id, size) -> sizes.put(String.valueOf(id), size));
    all.put("calinski_harabasz", q.calinskiHarabasz());
    all.put("davies_bouldin", q.daviesBouldin());
    all.put("wcss_around_segment_means", q.wcss());
    KMeansReport r = t.kmeansReport();
    if (r != null) {
      KScanRow chosen =
          r.kScan().stream().filter(row -> row.k() == r.chosenK()).findFirst().orElseThrow();
      double perCustomerAll = q.modelCost() / q.customers();
      double perCustomerSample = chosen.wcss() / r.customers();
      all.put("model_cost", q.modelCost());
      all.put("model_cost_per_customer", perCustomerAll);
      all.put("sample_wcss_per_customer", perCustomerSample);
      all.put("cost_ratio", perCustomerAll / perCustomerSample);
      all.put(
          "cost_ratio_note",
          "model_cost is the k-means objective over all customers under the "
              + "centroids fitted on the sample; cost_ratio compares it per customer with the sample's "
              + "own WCSS (near 1: the sample represents the data). wcss_around_segment_means is the "
              + "cost after moving each centroid to its segment's mean over all customers (one Lloyd "
              + "step on the full data): the closer to model_cost, the closer the sample's centroids "
              + "are to the full data's");
    }
  }

  /** "silhouette_customers" when the silhouette is a sample estimate (nothing otherwise). */
  static void silhouetteRows(ObjectNode n, int rows, int of) {
    if (rows < of) {
      n.put("silhouette_customers", rows);
      n.put(
          "silhouette_note",
          String.format(
              Locale.ROOT,
              "silhouette on a seeded sample of %,d of "
                  + "the %,d customers (each against all of them); other metrics over all",
              rows,
              of));
    }
  }
}
