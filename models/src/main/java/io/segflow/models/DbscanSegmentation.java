// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The DBSCAN entry point, parallel to {@link KMeansSegmentation} ({@code --algorithm dbscan --eps
 * auto}): raw customer features → {@link Preprocessor} → {@link DbscanTrainer} → {@link
 * SegmentProfiler} → {@link SegmentNamer} → {@link DbscanModel} plus a {@link DbscanReport}.
 *
 * <pre>{@code
 * DbscanResult r = DbscanSegmentation.create().fit(raw, featureNames);          // eps and minPoints automatic
 * DbscanResult r = DbscanSegmentation.create().withEps(0.7).withMinPoints(10).fit(raw, featureNames);
 * }</pre>
 *
 * Dense clusters are named from their profiles exactly like k-means segments (ids 1..n by value);
 * the noise customers are kept as segment {@link Segment#NOISE_ID} "Unusual / outliers", profiled
 * like any other segment and never dropped. Immutable; every {@code withX} returns a modified copy.
 * Same input and settings → same model.
 */
public final class DbscanSegmentation implements Segmentation {
  private final FeatureTransform transform;
  private final ScalerType scaler;
  private final DbscanTrainer trainer;
  private final FeatureRoles roles;
  private final int silhouetteRows;
  private final long silhouetteSeed;

  private DbscanSegmentation(
      FeatureTransform transform,
      ScalerType scaler,
      DbscanTrainer trainer,
      FeatureRoles roles,
      int silhouetteRows,
      long silhouetteSeed) {
    this.transform = transform;
    this.scaler = scaler;
    this.trainer = trainer;
    this.roles = roles;
    this.silhouetteRows = silhouetteRows;
    this.silhouetteSeed = silhouetteSeed;
  }

  /**
   * LOG1P, STANDARD scaling (as {@link KMeansSegmentation}), eps automatic, minPoints = features +
   * 1.
   */
  public static DbscanSegmentation create() {
    return new DbscanSegmentation(
        FeatureTransform.LOG1P,
        ScalerType.STANDARD,
        DbscanTrainer.create(),
        FeatureRoles.DEFAULT,
        Integer.MAX_VALUE,
        KMeansTrainer.DEFAULT_SEED);
  }

  /** See {@link DbscanTrainer#withEps}; {@code Double.NaN} = automatic. */
  public DbscanSegmentation withEps(double eps) {
    return new DbscanSegmentation(
        transform, scaler, trainer.withEps(eps), roles, silhouetteRows, silhouetteSeed);
  }

  /** See {@link DbscanTrainer#withMinPoints}. */
  public DbscanSegmentation withMinPoints(int minPoints) {
    return new DbscanSegmentation(
        transform, scaler, trainer.withMinPoints(minPoints), roles, silhouetteRows, silhouetteSeed);
  }

  /**
   * The silhouette (without noise) of more than {@code rows} clustered customers is estimated on a
   * sample of that many drawn with {@code seed}, as {@link KScan#withSilhouetteRows}; fewer are
   * scored exactly.
   */
  public DbscanSegmentation withSilhouetteRows(int rows, long seed) {
    if (rows < 1) {
      throw new IllegalArgumentException("rows must be >= 1: " + rows);
    }
    return new DbscanSegmentation(transform, scaler, trainer, roles, rows, seed);
  }

  public DbscanSegmentation withTransform(FeatureTransform transform) {
    if (transform == null) {
      throw new IllegalArgumentException("transform must not be null");
    }
    return new DbscanSegmentation(
        transform, scaler, trainer, roles, silhouetteRows, silhouetteSeed);
  }

  public DbscanSegmentation withScaler(ScalerType scaler) {
    if (scaler == null) {
      throw new IllegalArgumentException("scaler must not be null");
    }
    return new DbscanSegmentation(
        transform, scaler, trainer, roles, silhouetteRows, silhouetteSeed);
  }

  public DbscanSegmentation withFeatureRoles(FeatureRoles roles) {
    if (roles == null) {
      throw new IllegalArgumentException("roles must not be null");
    }
    return new DbscanSegmentation(
        transform, scaler, trainer, roles, silhouetteRows, silhouetteSeed);
  }

  public DbscanTrainer trainer() {
    return trainer;
  }

  @Override
  public DbscanResult fit(double[][] raw, List<String> featureNames) {
    roles.requirePresentIn(featureNames);
    Map<String, Long> timings = new LinkedHashMap<>();
    long start = System.nanoTime();
    long t = start;

    Preprocessor preprocessor = Preprocessor.fit(raw, featureNames, transform, scaler);
    double[][] x = preprocessor.applyAll(raw);
    t = lap(timings, "preprocess", t);

    DbscanFit fit = trainer.fit(x);
    t = lap(timings, "dbscan", t);
    timings.put("wekaDbscan", fit.wekaMillis());

    int[] clusterLabels = fit.labels();
    List<SegmentProfile> profiles =
        SegmentProfiler.profile(raw, clusterLabels, featureNames, roles.monetary());
    t = lap(timings, "profile", t);

    List<Segment> segments = SegmentNamer.name(profiles, roles);
    int[] idOfCluster = new int[fit.clusters()];
    for (Segment s : segments) {
      if (!s.isNoise()) {
        idOfCluster[s.clusterLabel()] = s.id();
      }
    }
    int[] labels = new int[x.length];
    List<double[]> cores = new ArrayList<>();
    List<Integer> coreIds = new ArrayList<>();
    boolean[] core = fit.core();
    for (int i = 0; i < x.length; i++) {
      labels[i] =
          clusterLabels[i] == Segment.NOISE_LABEL
              ? Segment.NOISE_ID
              : idOfCluster[clusterLabels[i]];
      if (core[i]) {
        cores.add(x[i]);
        coreIds.add(labels[i]);
      }
    }
    DbscanModel model =
        DbscanModel.of(
            preprocessor,
            cores.toArray(new double[0][]),
            coreIds.stream().mapToInt(Integer::intValue).toArray(),
            fit.eps(),
            segments);
    t = lap(timings, "name", t);

    double[] metrics = metricsExcludingNoise(x, labels);
    t = lap(timings, "metrics", t);
    timings.put("total", (t - start) / 1_000_000);

    int noise = fit.noiseCount();
    DbscanReport report =
        new DbscanReport(
            raw.length,
            featureNames,
            transform,
            scaler,
            fit.eps(),
            fit.epsSource(),
            fit.minPoints(),
            fit.curve(),
            fit.clusters(),
            cores.size(),
            noise,
            (double) noise / raw.length,
            metrics[0],
            metrics[1],
            metrics[2],
            (int) Math.min(metrics[3], silhouetteRows),
            timings);
    return new DbscanResult(model, report, labels);
  }

  /**
   * Silhouette, Calinski–Harabasz, Davies–Bouldin of the non-noise rows (NaN if fewer than two
   * clusters), and the number of those rows.
   */
  private double[] metricsExcludingNoise(double[][] x, int[] labels) {
    List<double[]> rows = new ArrayList<>();
    List<Integer> kept = new ArrayList<>();
    for (int i = 0; i < x.length; i++) {
      if (labels[i] != Segment.NOISE_ID) {
        rows.add(x[i]);
        kept.add(labels[i]);
      }
    }
    long clusters = kept.stream().distinct().count();
    if (clusters < 2 || clusters > rows.size() - 1) {
      return new double[] {Double.NaN, Double.NaN, Double.NaN, rows.size()};
    }
    double[][] xs = rows.toArray(new double[0][]);
    int[] ls = kept.stream().mapToInt(Integer::intValue).toArray();
    return new double[] {
      ClusterMetrics.silhouetteSample(xs, ls, silhouetteRows, silhouetteSeed),
      ClusterMetrics.calinskiHarabasz(xs, ls),
      ClusterMetrics.daviesBouldin(xs, ls),
      xs.length
    };
  }

  private static long lap(Map<String, Long> timings, String phase, long since) {
    long now = System.nanoTime();
    timings.put(phase, (now - since) / 1_000_000);
    return now;
  }
}
