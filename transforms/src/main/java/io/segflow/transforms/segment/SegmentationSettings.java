// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.DbscanSegmentation;
import io.segflow.models.FeatureTransform;
import io.segflow.models.KMeansSegmentation;
import io.segflow.models.ScalerType;
import io.segflow.models.Segmentation;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import java.io.Serializable;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * What to cluster on and how: the feature columns of {@link CustomerRecord}, the skew transform,
 * the scaler, the algorithm ({@code kmeans} or {@code dbscan}); for k-means k (0 = choose
 * automatically in [kMin, kMax]), the seed and the restarts per k; for DBSCAN eps (NaN = the knee
 * of the k-distance curve) and minPoints (0 = number of features + 1); when to train on a sample
 * ({@link Sampling}).
 */
public record SegmentationSettings(
    List<String> features,
    FeatureTransform transform,
    ScalerType scaler,
    int k,
    int kMin,
    int kMax,
    int seed,
    int restarts,
    String algorithm,
    double eps,
    int minPoints,
    Sampling sampling)
    implements Serializable {

  public static final String KMEANS = "kmeans";
  public static final String DBSCAN = "dbscan";

  /** K-means is the segmentation written; DBSCAN runs beside it for {@link MethodComparison}. */
  public static final String COMPARE = "compare";

  /** K-means settings. */
  public SegmentationSettings(
      List<String> features,
      FeatureTransform transform,
      ScalerType scaler,
      int k,
      int kMin,
      int kMax,
      int seed,
      int restarts) {
    this(
        features,
        transform,
        scaler,
        k,
        kMin,
        kMax,
        seed,
        restarts,
        KMEANS,
        Double.NaN,
        0,
        Sampling.defaults());
  }

  /** The same features, transform and scaler, clustered with DBSCAN. */
  public SegmentationSettings withDbscan(double eps, int minPoints) {
    return new SegmentationSettings(
        features, transform, scaler, k, kMin, kMax, seed, restarts, DBSCAN, eps, minPoints,
        sampling);
  }

  /** The same settings clustering on other features. */
  public SegmentationSettings withFeatures(List<String> features) {
    return new SegmentationSettings(
        features, transform, scaler, k, kMin, kMax, seed, restarts, algorithm, eps, minPoints,
        sampling);
  }

  /** The same settings with another {@link Sampling}. */
  public SegmentationSettings withSampling(Sampling sampling) {
    return new SegmentationSettings(
        features, transform, scaler, k, kMin, kMax, seed, restarts, algorithm, eps, minPoints,
        sampling);
  }

  public boolean isDbscan() {
    return DBSCAN.equals(algorithm);
  }

  public boolean isComparison() {
    return COMPARE.equals(algorithm);
  }

  /** The algorithm whose segments are written: DBSCAN's or k-means' (also when comparing). */
  public String writtenAlgorithm() {
    return isDbscan() ? DBSCAN : KMEANS;
  }

  /** The same settings, comparing k-means with DBSCAN (eps and minPoints as given). */
  public SegmentationSettings withComparison(double eps, int minPoints) {
    return new SegmentationSettings(
        features, transform, scaler, k, kMin, kMax, seed, restarts, COMPARE, eps, minPoints,
        sampling);
  }

  public static final List<String> DEFAULT_FEATURES =
      List.of("recency_days", "frequency", "monetary", "total_quantity", "avg_basket_value");

  /** Numeric columns of CustomerRecord that can be clustered on. */
  public static final Set<String> NUMERIC_FEATURES =
      new TreeSet<>(
          List.of(
              "recency_days",
              "frequency",
              "monetary",
              "total_quantity",
              "avg_basket_value",
              "tenure_days",
              "distinct_products",
              "rows_used"));

  public SegmentationSettings {
    features = List.copyOf(features);
    if (features.size() < 1) {
      throw new IllegalArgumentException("at least one feature is needed");
    }
    for (String f : features) {
      if (!NUMERIC_FEATURES.contains(f)) {
        throw new IllegalArgumentException(
            "unknown feature '" + f + "'; choose from " + NUMERIC_FEATURES);
      }
    }
    if (k != 0 && k < 2) {
      throw new IllegalArgumentException("k must be 'auto' or at least 2, got " + k);
    }
    if (kMin < 2 || kMax < kMin) {
      throw new IllegalArgumentException(
          "k range must satisfy 2 <= k_min <= k_max, got " + kMin + ".." + kMax);
    }
    if (restarts < 1) {
      throw new IllegalArgumentException("restarts must be at least 1, got " + restarts);
    }
    if (!List.of(KMEANS, DBSCAN, COMPARE).contains(algorithm)) {
      throw new IllegalArgumentException(
          "algorithm must be kmeans, dbscan or compare, got " + algorithm);
    }
    if (!Double.isNaN(eps) && !(eps > 0)) {
      throw new IllegalArgumentException("eps must be 'auto' or positive, got " + eps);
    }
    if (minPoints < 0) {
      throw new IllegalArgumentException("min points must be positive (0 = automatic)");
    }
    if (sampling == null) {
      throw new IllegalArgumentException("sampling must not be null");
    }
  }

  public static SegmentationSettings defaults() {
    return new SegmentationSettings(
        DEFAULT_FEATURES, FeatureTransform.LOG1P, ScalerType.STANDARD, 0, 2, 10, 42, 3);
  }

  /**
   * These settings made feasible for {@code customers} rows: k needs more rows than clusters, so an
   * automatic scan stops at customers − 1 (a small input still gets segments).
   *
   * @throws TooFewCustomersException when not even the smallest k fits
   */
  public SegmentationSettings fittedTo(int customers) {
    if (customers == 0) {
      throw new TooFewCustomersException(
          "no usable rows: no customer remains after cleaning and outlier filtering, so there is"
              + " nothing to segment. Nothing was published. The same run with --no-segmentation"
              + " lists the rejected rows by reason.");
    }
    if (isDbscan()) {
      if (customers < 3) {
        throw new TooFewCustomersException(
            "DBSCAN needs at least 3 customers, found "
                + customers
                + ". Compute features only with --no-segmentation.");
      }
      return this;
    }
    int smallest = autoK() ? kMin : k;
    if (customers <= smallest) {
      throw new TooFewCustomersException(
          "segmentation needs more customers than segments: "
              + customers
              + " customer(s) for k "
              + (autoK() ? ">= " + kMin : "= " + k)
              + ". Compute features only with --no-segmentation, or lower --k / --k-range.");
    }
    if (autoK() && kMax >= customers) {
      return new SegmentationSettings(
          features,
          transform,
          scaler,
          k,
          kMin,
          customers - 1,
          seed,
          restarts,
          algorithm,
          eps,
          minPoints,
          sampling);
    }
    return this;
  }

  public boolean autoK() {
    return k == 0;
  }

  /** The segmentation that makes the model: DBSCAN's, else (k-means or compare) k-means'. */
  public Segmentation segmentation() {
    return isDbscan() ? dbscan() : kmeans();
  }

  /** The DBSCAN segmentation these settings describe. */
  public DbscanSegmentation dbscan() {
    DbscanSegmentation d =
        DbscanSegmentation.create()
            .withTransform(transform)
            .withScaler(scaler)
            .withEps(eps)
            .withSilhouetteRows(sampling.silhouetteRows(), seed);
    return minPoints > 0 ? d.withMinPoints(minPoints) : d;
  }

  /** The k-means segmentation these settings describe. */
  public KMeansSegmentation kmeans() {
    KMeansSegmentation t =
        KMeansSegmentation.create()
            .withTransform(transform)
            .withScaler(scaler)
            .withSeed(seed)
            .withRestarts(restarts)
            .withKRange(kMin, kMax)
            .withSilhouetteRows(sampling.silhouetteRows())
            .withScanRows(sampling.scanRows());
    return autoK() ? t : t.withK(k);
  }

  /** The features of one customer, in {@link #features()} order. */
  public double[] vector(CustomerRecord c) {
    double[] v = new double[features.size()];
    for (int i = 0; i < v.length; i++) {
      v[i] = CustomerFeatures.value(c, features.get(i));
    }
    return v;
  }
}
