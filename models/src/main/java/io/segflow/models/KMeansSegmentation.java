// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The one entry point the pipeline calls per run: raw customer features → {@link Preprocessor} →
 * k-scan (or a fixed k) → best k-means fit → {@link SegmentProfiler} → {@link SegmentNamer} →
 * {@link KMeansModel} plus a {@link KMeansReport}.
 *
 * <pre>{@code
 * KMeansResult r = KMeansSegmentation.create().withK(3).fit(raw, featureNames);
 * }</pre>
 *
 * Immutable; every {@code withX} returns a modified copy. Same input and settings → same model, bit
 * for bit.
 */
public final class KMeansSegmentation implements Segmentation {
  private final FeatureTransform transform;
  private final ScalerType scaler;
  private final KScan scan;
  private final FeatureRoles roles;

  private KMeansSegmentation(
      FeatureTransform transform, ScalerType scaler, KScan scan, FeatureRoles roles) {
    this.transform = transform;
    this.scaler = scaler;
    this.scan = scan;
    this.roles = roles;
  }

  /**
   * LOG1P, STANDARD scaling, automatic k in 2..10, {@link KMeansTrainer#create()} defaults, default
   * feature roles.
   */
  public static KMeansSegmentation create() {
    return new KMeansSegmentation(
        FeatureTransform.LOG1P, ScalerType.STANDARD, KScan.create(), FeatureRoles.DEFAULT);
  }

  /** Fixed k: no selection, but the metrics of that k are still reported. */
  public KMeansSegmentation withK(int k) {
    return new KMeansSegmentation(transform, scaler, scan.withKRange(k, k), roles);
  }

  /** Automatic k chosen by {@link KSelector} among {@code kMin..kMax}. */
  public KMeansSegmentation withKRange(int kMin, int kMax) {
    return new KMeansSegmentation(transform, scaler, scan.withKRange(kMin, kMax), roles);
  }

  public KMeansSegmentation withSeed(int seed) {
    return withTrainer(scan.trainer().withSeed(seed));
  }

  public KMeansSegmentation withRestarts(int restarts) {
    return withTrainer(scan.trainer().withRestarts(restarts));
  }

  public KMeansSegmentation withMaxIterations(int maxIterations) {
    return withTrainer(scan.trainer().withMaxIterations(maxIterations));
  }

  /** See {@link KScan#withSilhouetteRows}. */
  public KMeansSegmentation withSilhouetteRows(int silhouetteRows) {
    return new KMeansSegmentation(
        transform, scaler, scan.withSilhouetteRows(silhouetteRows), roles);
  }

  /** See {@link KScan#withScanRows}. */
  public KMeansSegmentation withScanRows(int scanRows) {
    return new KMeansSegmentation(transform, scaler, scan.withScanRows(scanRows), roles);
  }

  public KMeansSegmentation withThreads(int threads) {
    return new KMeansSegmentation(transform, scaler, scan.withThreads(threads), roles);
  }

  public KMeansSegmentation withTransform(FeatureTransform transform) {
    if (transform == null) {
      throw new IllegalArgumentException("transform must not be null");
    }
    return new KMeansSegmentation(transform, scaler, scan, roles);
  }

  public KMeansSegmentation withScaler(ScalerType scaler) {
    if (scaler == null) {
      throw new IllegalArgumentException("scaler must not be null");
    }
    return new KMeansSegmentation(transform, scaler, scan, roles);
  }

  public KMeansSegmentation withFeatureRoles(FeatureRoles roles) {
    if (roles == null) {
      throw new IllegalArgumentException("roles must not be null");
    }
    return new KMeansSegmentation(transform, scaler, scan, roles);
  }

  private KMeansSegmentation withTrainer(KMeansTrainer trainer) {
    return new KMeansSegmentation(transform, scaler, scan.withTrainer(trainer), roles);
  }

  /** The k-scan settings in use (k range, k-means trainer, threads). */
  public KScan scan() {
    return scan;
  }

  @Override
  public KMeansResult fit(double[][] raw, List<String> featureNames) {
    roles.requirePresentIn(featureNames);
    Map<String, Long> timings = new LinkedHashMap<>();
    long start = System.nanoTime();
    long t = start;

    Preprocessor preprocessor = Preprocessor.fit(raw, featureNames, transform, scaler);
    double[][] x = preprocessor.applyAll(raw);
    t = lap(timings, "preprocess", t);

    KScanResult scanned = scan.run(x);
    KMeansFit fit = scanned.chosenFit();
    t = lap(timings, "kScan", t);

    List<SegmentProfile> profiles =
        SegmentProfiler.profile(raw, fit.labels(), featureNames, roles.monetary());
    t = lap(timings, "profile", t);

    List<Segment> segments = SegmentNamer.name(profiles, roles);
    KMeansModel model = KMeansModel.of(preprocessor, fit, segments);
    int[] labels = fit.labels();
    for (int i = 0; i < labels.length; i++) {
      labels[i] = model.segmentIdOfCluster(labels[i]);
    }
    t = lap(timings, "name", t);
    timings.put("total", (t - start) / 1_000_000);

    KMeansTrainer trainer = scan.trainer();
    KMeansReport report =
        new KMeansReport(
            raw.length,
            featureNames,
            transform,
            scaler,
            scanned.rows(),
            fit.k(),
            scanned.choice().reason(),
            trainer.seed(),
            trainer.restarts(),
            trainer.maxIterations(),
            scanned.scannedRows(),
            Math.min(scanned.scannedRows(), scan.silhouetteRows()),
            timings);
    return new KMeansResult(model, report, labels);
  }

  private static long lap(Map<String, Long> timings, String phase, long since) {
    long now = System.nanoTime();
    timings.put(phase, (now - since) / 1_000_000);
    return now;
  }
}
