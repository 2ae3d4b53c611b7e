// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * model.json: everything needed to understand and recompute the segmentation: features, transform,
 * scaler parameters (scaled = (transform(x) − center) / scale), algorithm settings; for k-means the
 * k-scan with every metric, the chosen k and why, centroids in scaled and original units; for
 * DBSCAN eps and where it came from, the k-distance curve and its knee, noise and the metrics
 * without noise; each segment's name, description and action; the RFM cut points; a model trained
 * on a sample also has its measurement on every customer. Sections a model does not have are
 * absent. The {@code clv} section is the run's clv.json ({@link ClvDescription}).
 *
 * @param settings the algorithm's settings; for a run scored with a saved model, the saved model's
 *     training settings as text
 * @param customers the customers the model was trained on (every customer for a sampled model)
 * @param silhouetteCustomers set when the k-means silhouette is a sample estimate
 * @param trainingCustomers for a model trained on a sample: the sample's size
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "model_id",
  "model_file",
  "algorithm",
  "features",
  "transform",
  "scaler",
  "scored_with_saved_model",
  "settings",
  "customers",
  "chosen_k",
  "k_reason",
  "clusters",
  "core_points",
  "noise",
  "noise_share",
  "metrics_excluding_noise",
  "silhouette_customers",
  "silhouette_note",
  "k_scan",
  "k_distance_curve",
  "segment_matching",
  "segments",
  "training_customers",
  "training_sample",
  "rfm",
  "clv"
})
public record ModelDescription(
    String modelId,
    String modelFile,
    String algorithm,
    List<String> features,
    String transform,
    Scaler scaler,
    SavedModel scoredWithSavedModel,
    Map<String, Object> settings,
    Long customers,
    Integer chosenK,
    String kReason,
    Integer clusters,
    Integer corePoints,
    Integer noise,
    Double noiseShare,
    Metrics metricsExcludingNoise,
    Integer silhouetteCustomers,
    String silhouetteNote,
    List<KScanRow> kScan,
    KDistanceCurve kDistanceCurve,
    Matching segmentMatching,
    List<Segment> segments,
    Integer trainingCustomers,
    TrainingSample trainingSample,
    Rfm rfm,
    ClvDescription clv) {
  public static final String FILE = "model.json";

  /** The model.json of the output folder {@code dir}, or null when it has none. */
  public static ModelDescription read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    return Files.exists(file) ? OutputJson.read(file, ModelDescription.class) : null;
  }

  /** Whether customers were scored with a saved model instead of a model trained in this run. */
  @JsonIgnore
  public boolean isScoredWithSavedModel() {
    return scoredWithSavedModel != null;
  }

  @JsonIgnore
  public boolean isDbscan() {
    return "dbscan".equals(algorithm);
  }

  /** The setting {@code key} as a number (settings of a saved model are text), or NaN. */
  public double numericSetting(String key) {
    Object v = settings == null ? null : settings.get(key);
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    try {
      return v == null ? Double.NaN : Double.parseDouble(v.toString());
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  /** The setting {@code key} as text, or "" when absent. */
  public String textSetting(String key) {
    Object v = settings == null ? null : settings.get(key);
    return v == null ? "" : v.toString();
  }

  /**
   * The chosen model's silhouette: DBSCAN's without noise, or the chosen k's row of the k-scan;
   * null when model.json has none (a saved model's scoring run) or it is not a number.
   */
  public Double chosenSilhouette() {
    Double s = null;
    if (metricsExcludingNoise != null) {
      s = metricsExcludingNoise.silhouette();
    } else if (kScan != null && chosenK != null) {
      for (KScanRow row : kScan) {
        if (row.k() == chosenK) {
          s = row.silhouette();
        }
      }
    }
    return s == null || s.isNaN() ? null : s;
  }

  /** scaled = (transform(x) - center) / scale, per feature. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonPropertyOrder({"type", "formula", "center", "scale"})
  public record Scaler(String type, String formula, List<Double> center, List<Double> scale) {}

  /** The saved model a run scored with, and what it was trained on. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "model_id",
    "note",
    "trained_as_of",
    "training_customers",
    "training_data_fingerprint",
    "trained_by"
  })
  public record SavedModel(
      String modelId,
      String note,
      String trainedAsOf,
      long trainingCustomers,
      String trainingDataFingerprint,
      String trainedBy) {}

  /** DBSCAN's quality metrics over its non-noise customers. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "silhouette",
    "calinski_harabasz",
    "davies_bouldin",
    "silhouette_customers",
    "silhouette_note"
  })
  public record Metrics(
      double silhouette,
      double calinskiHarabasz,
      double daviesBouldin,
      Integer silhouetteCustomers,
      String silhouetteNote) {}

  /** One k of the k-means scan. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "k",
    "requested_k",
    "wcss",
    "silhouette",
    "calinski_harabasz",
    "davies_bouldin"
  })
  public record KScanRow(
      int k,
      int requestedK,
      double wcss,
      double silhouette,
      double calinskiHarabasz,
      double daviesBouldin) {}

  /** DBSCAN's k-distance curve, thinned, and its knee. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"k", "customers", "knee_rank", "knee_distance", "points"})
  public record KDistanceCurve(
      int k, int customers, int kneeRank, double kneeDistance, List<CurvePoint> points) {}

  /** One point of the k-distance curve, written as [rank, distance]. */
  @JsonFormat(shape = JsonFormat.Shape.ARRAY)
  @JsonPropertyOrder({"rank", "distance"})
  public record CurvePoint(int rank, double distance) {}

  /** How the retrained segments took an earlier model's ids and names. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"previous_model_id", "method", "max_distance", "matches", "retired"})
  public record Matching(
      String previousModelId,
      String method,
      double maxDistance,
      List<Match> matches,
      List<Retired> retired) {}

  /** One trained segment and the earlier segment it took over (none: {@code new}). */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "trained_id",
    "trained_name",
    "segment_id",
    "name",
    "previous_segment_id",
    "distance",
    "status"
  })
  public record Match(
      int trainedId,
      String trainedName,
      int segmentId,
      String name,
      Integer previousSegmentId,
      double distance,
      String status) {
    @JsonIgnore
    public boolean isNew() {
      return "new".equals(status);
    }
  }

  /** An earlier segment no trained segment took over. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"segment_id", "name"})
  public record Retired(int segmentId, String name) {}

  /** One segment; the centroids only for k-means. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "segment_id",
    "name",
    "description",
    "recommended_action",
    "cluster_label",
    "value_score",
    "engagement_score",
    "centroid_scaled",
    "centroid_original_units"
  })
  public record Segment(
      int segmentId,
      String name,
      String description,
      String recommendedAction,
      int clusterLabel,
      double valueScore,
      double engagementScore,
      List<Double> centroidScaled,
      List<Double> centroidOriginalUnits) {}

  /** How the training sample was chosen, and how the model does on every customer. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "method",
    "threshold",
    "sample_size",
    "seed",
    "customers",
    "profiles",
    "all_customers"
  })
  public record TrainingSample(
      String method,
      long threshold,
      int sampleSize,
      long seed,
      long customers,
      String profiles,
      AllCustomers allCustomers) {}

  /**
   * The sample-trained model measured on every customer; the cost fields only for k-means.
   *
   * @param segmentSizes segment id (as text) → customers
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "note",
    "customers",
    "noise",
    "segment_sizes",
    "calinski_harabasz",
    "davies_bouldin",
    "wcss_around_segment_means",
    "model_cost",
    "model_cost_per_customer",
    "sample_wcss_per_customer",
    "cost_ratio",
    "cost_ratio_note"
  })
  public record AllCustomers(
      String note,
      long customers,
      long noise,
      Map<String, Long> segmentSizes,
      double calinskiHarabasz,
      double daviesBouldin,
      double wcssAroundSegmentMeans,
      Double modelCost,
      Double modelCostPerCustomer,
      Double sampleWcssPerCustomer,
      Double costRatio,
      String costRatioNote) {}

  /** The RFM cut points and the rule table. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "method",
    "bins",
    "rule",
    "cuts_from",
    "recency_cuts",
    "frequency_cuts",
    "monetary_cuts",
    "segments_in_rule_order",
    "fallback_segment"
  })
  public record Rfm(
      String method,
      int bins,
      String rule,
      String cutsFrom,
      List<Double> recencyCuts,
      List<Double> frequencyCuts,
      List<Double> monetaryCuts,
      List<String> segmentsInRuleOrder,
      String fallbackSegment) {}
}
