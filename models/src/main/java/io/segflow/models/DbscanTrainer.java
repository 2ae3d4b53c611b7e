// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import weka.clusterers.DBSCAN;
import weka.core.Instances;

/**
 * Density clustering of already scaled rows with Weka's {@link DBSCAN} (package optics_dbScan):
 * customers in dense regions form clusters of any shape, customers in no dense region are noise
 * ({@link Segment#NOISE_LABEL}) instead of being forced into the nearest segment as k-means does.
 *
 * <p>How Weka's DBSCAN is driven, and why:
 *
 * <ul>
 *   <li>Its distance normalisation is off ({@link WekaData#unnormalisedEuclidean}): eps is a
 *       distance in the {@link Preprocessor}'s space, where the k-distance curve is measured too.
 *   <li>Its neighbourhood is strict: rows closer than eps ({@code d < eps}, the row itself
 *       included); a row is core when its neighbourhood has at least minPoints rows. scikit-learn
 *       uses {@code d <= eps}.
 *   <li>{@code clusterInstance} ignores its argument and returns the label of the <em>next training
 *       row</em> from an internal counter, and signals noise by throwing a plain {@link Exception};
 *       labels are therefore read by asking once per training row, in order, and the exception
 *       becomes {@code -1}. New customers are scored by {@link DbscanModel}, not by Weka.
 *   <li>Weka gives a border row (not core, but near core rows of two clusters) to whichever cluster
 *       its arbitrary expansion order reaches first. Here it goes to the cluster of its nearest
 *       core row (ties → lower Weka label), the rule {@link DbscanModel#assign} scores new
 *       customers with, so training and scoring agree.
 *   <li>Its neighbour search is a linear scan per row, O(n²) distance computations, and it has no
 *       instance weights. On the 4,338 reference customers it takes about a second (see
 *       DbscanSegmentationTest).
 * </ul>
 *
 * <p>eps {@code NaN} means automatic: the knee of the k-distance curve ({@link KDistanceCurve}).
 * minPoints {@link #AUTO_MIN_POINTS} means d + 1 for d features, the lower bound Ester et al.
 * recommend; on the reference customers larger values (2·d = 10) merge one-time and repeat buyers
 * into a single cluster (see the test).
 *
 * <p>Immutable: {@code DbscanTrainer.create().withEps(0.7).withMinPoints(6)}. Deterministic.
 */
public final class DbscanTrainer {
  /** {@link #withMinPoints} value meaning "number of features + 1". */
  public static final int AUTO_MIN_POINTS = 0;

  /** Share of customers that become core points when the k-distance curve has no knee. */
  public static final double FALLBACK_QUANTILE = 0.90;

  private final double eps;
  private final int minPoints;

  private DbscanTrainer(double eps, int minPoints) {
    this.eps = eps;
    this.minPoints = minPoints;
  }

  /** eps automatic (knee), minPoints automatic (d + 1). */
  public static DbscanTrainer create() {
    return new DbscanTrainer(Double.NaN, AUTO_MIN_POINTS);
  }

  /**
   * A fixed eps (&gt; 0, scaled space), or {@code Double.NaN} for the knee of the k-distance curve.
   */
  public DbscanTrainer withEps(double eps) {
    if (!Double.isNaN(eps) && !(eps > 0 && Double.isFinite(eps))) {
      throw new IllegalArgumentException("eps must be > 0 and finite, or NaN for auto: " + eps);
    }
    return new DbscanTrainer(eps, minPoints);
  }

  /**
   * Rows (itself included) a neighbourhood needs to be dense, &gt;= 2; or {@link #AUTO_MIN_POINTS}.
   */
  public DbscanTrainer withMinPoints(int minPoints) {
    if (minPoints != AUTO_MIN_POINTS && minPoints < 2) {
      throw new IllegalArgumentException("minPoints must be >= 2 or AUTO_MIN_POINTS: " + minPoints);
    }
    return new DbscanTrainer(eps, minPoints);
  }

  /** The configured eps; NaN = automatic. */
  public double eps() {
    return eps;
  }

  /** The configured minPoints; {@link #AUTO_MIN_POINTS} = d + 1. */
  public int minPoints() {
    return minPoints;
  }

  /** The minPoints used for rows with {@code dimensions} features. */
  public int minPointsFor(int dimensions) {
    return minPoints == AUTO_MIN_POINTS ? dimensions + 1 : minPoints;
  }

  /** Clusters the scaled rows {@code x}. */
  public DbscanFit fit(double[][] x) {
    int d = Matrices.requireRectangularFinite(x);
    int m = minPointsFor(d);
    if (m > x.length) {
      throw new IllegalArgumentException("minPoints " + m + " exceeds the " + x.length + " rows");
    }
    double[] kDistances = KDistance.of(x, m);
    KDistanceCurve curve = KDistanceCurve.of(kDistances, m);
    EpsSource source;
    double usedEps;
    if (!Double.isNaN(eps)) {
      source = EpsSource.GIVEN;
      usedEps = eps;
    } else if (curve.hasKnee() && curve.kneeDistance() > 0) {
      source = EpsSource.KNEE;
      usedEps = curve.kneeDistance();
    } else {
      source = EpsSource.NO_KNEE_QUANTILE;
      usedEps = Stats.quantileOfSorted(Stats.sortedCopy(kDistances), FALLBACK_QUANTILE);
      if (!(usedEps > 0)) {
        throw new IllegalArgumentException(
            "over 90 percent of rows have minPoints duplicates: no eps > 0 to choose");
      }
    }
    boolean[] core = new boolean[x.length];
    for (int i = 0; i < x.length; i++) {
      core[i] = kDistances[i] < usedEps; // strict, like Weka's neighbourhood
    }
    long start = System.nanoTime();
    int[] weka = runWeka(x, usedEps, m);
    long millis = (System.nanoTime() - start) / 1_000_000;
    int[] labels = borderToNearestCore(x, weka, core, usedEps);
    return new DbscanFit(labels, core, usedEps, source, m, curve, millis);
  }

  private static int[] runWeka(double[][] x, double eps, int minPoints) {
    Instances data = WekaData.instances(x);
    DBSCAN dbscan = new DBSCAN();
    try {
      dbscan.setEpsilon(eps);
      dbscan.setMinPoints(minPoints);
      dbscan.setDistanceFunction(WekaData.unnormalisedEuclidean());
      dbscan.buildClusterer(data);
    } catch (Exception e) { // Weka declares a bare Exception on everything
      throw new IllegalStateException(
          "Weka DBSCAN failed for eps=" + eps + ", minPoints=" + minPoints, e);
    }
    int[] labels = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      labels[i] = wekaLabelOfNextRow(dbscan, data, i);
    }
    return labels;
  }

  /**
   * Weka's label of training row {@code i}, given that rows are asked for in order (see the class
   * comment).
   */
  private static int wekaLabelOfNextRow(DBSCAN dbscan, Instances data, int i) {
    try {
      return dbscan.clusterInstance(data.instance(i));
    } catch (RuntimeException e) {
      throw e;
    } catch (Exception e) {
      if (e.getClass() == Exception.class) {
        return Segment.NOISE_LABEL; // Weka's way of saying "noise"
      }
      throw new IllegalStateException("Weka DBSCAN could not label row " + i, e);
    }
  }

  /**
   * Core rows keep Weka's label (and must have one); border rows get the label of their nearest
   * core row closer than eps, ties → the lower label; noise stays noise.
   */
  private static int[] borderToNearestCore(double[][] x, int[] weka, boolean[] core, double eps) {
    int[] out = weka.clone();
    for (int i = 0; i < x.length; i++) {
      if (core[i] && weka[i] == Segment.NOISE_LABEL) {
        throw new IllegalStateException("Weka left core row " + i + " as noise: distance mismatch");
      }
      if (core[i] || weka[i] == Segment.NOISE_LABEL) {
        continue;
      }
      double best = Double.POSITIVE_INFINITY;
      int label = weka[i];
      for (int j = 0; j < x.length; j++) {
        if (!core[j]) {
          continue;
        }
        double dist = Math.sqrt(Matrices.squaredDistance(x[i], x[j]));
        if (dist < eps && (dist < best || (dist == best && weka[j] < label))) {
          best = dist;
          label = weka[j];
        }
      }
      out[i] = label;
    }
    return out;
  }

  @Override
  public String toString() {
    return "DbscanTrainer{eps="
        + (Double.isNaN(eps) ? "auto" : eps)
        + ", minPoints="
        + (minPoints == AUTO_MIN_POINTS ? "auto" : minPoints)
        + "}";
  }
}
