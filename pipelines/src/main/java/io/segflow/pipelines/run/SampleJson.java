// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.KMeansReport;
import io.segflow.models.KScanRow;
import io.segflow.models.QuantileSketch;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.transforms.segment.SegmentationQuality;
import io.segflow.transforms.segment.TrainedSegmentation;
import io.segflow.transforms.segment.TrainingSample;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

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

  /** "training_sample" of model.json: the sample, and the model measured on every customer. */
  static ModelDescription.TrainingSample of(TrainedSegmentation t, SegmentationQuality q) {
    TrainingSample s = t.sample();
    Map<String, Long> sizes = new LinkedHashMap<>();
    q.sizes().forEach((id, size) -> sizes.put(String.valueOf(id), size));
    KMeansReport r = t.kmeansReport();
    Double modelCost = null;
    Double perCustomerAll = null;
    Double perCustomerSample = null;
    Double costRatio = null;
    String costRatioNote = null;
    if (r != null) {
      KScanRow chosen =
          r.kScan().stream().filter(row -> row.k() == r.chosenK()).findFirst().orElseThrow();
      modelCost = q.modelCost();
      perCustomerAll = q.modelCost() / q.customers();
      perCustomerSample = chosen.wcss() / r.customers();
      costRatio = perCustomerAll / perCustomerSample;
      costRatioNote =
          "model_cost is the k-means objective over all customers under the "
              + "centroids fitted on the sample; cost_ratio compares it per customer with the sample's "
              + "own WCSS (near 1: the sample represents the data). wcss_around_segment_means is the "
              + "cost after moving each centroid to its segment's mean over all customers (one Lloyd "
              + "step on the full data): the closer to model_cost, the closer the sample's centroids "
              + "are to the full data's";
    }
    ModelDescription.AllCustomers all =
        new ModelDescription.AllCustomers(
            "the model trained on the sample, measured on every customer in two "
                + "distributed passes (exact sums); in the model's scaled space"
                + (q.noise() > 0 || t.dbscanReport() != null
                    ? "; DBSCAN's noise customers excluded"
                    : ""),
            q.customers(),
            q.noise(),
            sizes,
            q.calinskiHarabasz(),
            q.daviesBouldin(),
            q.wcss(),
            modelCost,
            perCustomerAll,
            perCustomerSample,
            costRatio,
            costRatioNote);
    return new ModelDescription.TrainingSample(
        TrainingSample.METHOD,
        s.threshold(),
        s.size(),
        s.seed(),
        q.customers(),
        SKETCH_MEDIANS,
        all);
  }

  /**
   * "silhouette_note" when the k-scan ran on a seeded sample of {@code rows} of {@code of}
   * customers, its silhouettes over {@code silhouetteRows} of the sample.
   */
  static String scanNote(int rows, int silhouetteRows, int of) {
    return String.format(
            Locale.ROOT,
            "with every other k-scan metric, on a seeded sample of %,d of the %,d customers on"
                + " which every k was fitted",
            rows,
            of)
        + (silhouetteRows < rows
            ? String.format(
                Locale.ROOT,
                " (silhouettes of %,d of them, each against the whole sample)",
                silhouetteRows)
            : "")
        + "; the chosen k then fitted on all customers with the same seeds and restarts";
  }

  /** "silhouette_note" when the silhouette is a sample estimate of {@code rows} of {@code of}. */
  static String silhouetteNote(int rows, int of) {
    return String.format(
        Locale.ROOT,
        "silhouette on a seeded sample of %,d of "
            + "the %,d customers (each against all of them); other metrics over all",
        rows,
        of);
  }
}
