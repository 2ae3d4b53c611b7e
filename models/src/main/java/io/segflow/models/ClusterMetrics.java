// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.HashMap;
import java.util.Map;

/**
 * Internal clustering quality measures that Weka lacks, with scikit-learn's definitions and edge
 * cases so the numbers are comparable with the seed analysis (verified against sklearn fixtures in
 * the tests). Labels may be any integers; they are recoded like sklearn's LabelEncoder.
 *
 * <p>The silhouette is exact and O(n²·d); {@link Silhouettes} computes it, for one labeling or for
 * all of a k-scan's at once, bit-for-bit the same whatever the thread count.
 */
public final class ClusterMetrics {
  private ClusterMetrics() {}

  /** Mean silhouette coefficient over all rows (sklearn {@code silhouette_score}, euclidean). */
  public static double silhouette(double[][] x, int[] labels) {
    return Silhouettes.means(
        x, new int[][] {labels}, Silhouettes.sampleRows(x.length, x.length, 0))[0];
  }

  /**
   * Estimate of {@link #silhouette} for large n: the mean silhouette of {@code sampleSize} rows
   * drawn without replacement (seeded {@link java.util.Random}), each computed exactly against
   * <em>all</em> n rows. That makes it an unbiased estimate of the full score at O(sampleSize·n)
   * cost. Note that sklearn's {@code sample_size} differs: it computes the silhouette of the sample
   * against the sample only. With {@code sampleSize >= n} this is the exact score.
   */
  public static double silhouetteSample(double[][] x, int[] labels, int sampleSize, long seed) {
    int[] rows = Silhouettes.sampleRows(x.length, sampleSize, seed);
    return Silhouettes.means(x, new int[][] {labels}, rows)[0];
  }

  /**
   * Within-cluster sum of squared distances to each cluster's mean (k-means' objective, sklearn's
   * inertia).
   */
  public static double wcss(double[][] x, int[] labels) {
    Matrices.requireRectangularFinite(x);
    Matrices.requireSameLength(x, labels);
    Labels enc = Labels.encode(labels);
    double[][] c = Matrices.centroids(x, enc.codes(), enc.count());
    double total = 0;
    for (int i = 0; i < x.length; i++) {
      total += Matrices.squaredDistance(x[i], c[enc.codes()[i]]);
    }
    return total;
  }

  /**
   * Calinski–Harabasz score (between/within dispersion ratio; higher is better), sklearn's
   * definition.
   */
  public static double calinskiHarabasz(double[][] x, int[] labels) {
    Matrices.requireRectangularFinite(x);
    Matrices.requireSameLength(x, labels);
    Labels enc = requireClusterCount(labels, x.length);
    int k = enc.count();
    int n = x.length;
    double[][] c = Matrices.centroids(x, enc.codes(), k);
    double[] mean = Matrices.centroids(x, new int[n], 1)[0];
    int[] sizes = enc.sizes();
    long[] counts = new long[k];
    for (int g = 0; g < k; g++) {
      counts[g] = sizes[g];
    }
    return calinskiHarabaszOf(counts, c, mean, wcss(x, labels));
  }

  /**
   * Calinski–Harabasz from cluster sizes, cluster means, the overall mean and the WCSS around the
   * cluster means.
   */
  static double calinskiHarabaszOf(long[] sizes, double[][] centroids, double[] mean, double wcss) {
    int k = sizes.length;
    long n = 0;
    double extra = 0;
    for (int g = 0; g < k; g++) {
      n += sizes[g];
      extra += sizes[g] * Matrices.squaredDistance(centroids[g], mean);
    }
    return wcss == 0 ? 1.0 : extra * (n - k) / (wcss * (k - 1));
  }

  /**
   * Davies–Bouldin index (mean worst-case similarity between clusters; lower is better), sklearn's
   * definition.
   */
  public static double daviesBouldin(double[][] x, int[] labels) {
    Matrices.requireRectangularFinite(x);
    Matrices.requireSameLength(x, labels);
    Labels enc = requireClusterCount(labels, x.length);
    int k = enc.count();
    double[][] c = Matrices.centroids(x, enc.codes(), k);
    double[] intra = new double[k];
    for (int i = 0; i < x.length; i++) {
      int g = enc.codes()[i];
      intra[g] += Math.sqrt(Matrices.squaredDistance(x[i], c[g]));
    }
    int[] sizes = enc.sizes();
    for (int g = 0; g < k; g++) {
      intra[g] /= sizes[g];
    }
    return daviesBouldinOf(c, intra);
  }

  /**
   * Davies–Bouldin from the cluster means and each cluster's mean distance of its rows to its mean.
   */
  static double daviesBouldinOf(double[][] c, double[] intra) {
    int k = c.length;
    boolean allIntraZero = true;
    for (int g = 0; g < k; g++) {
      allIntraZero &= Math.abs(intra[g]) < 1e-15;
    }
    double[][] between = new double[k][k];
    boolean allBetweenZero = true;
    for (int g = 0; g < k; g++) {
      for (int h = 0; h < k; h++) {
        between[g][h] = Math.sqrt(Matrices.squaredDistance(c[g], c[h]));
        allBetweenZero &= Math.abs(between[g][h]) < 1e-15;
      }
    }
    if (allIntraZero || allBetweenZero) {
      return 0.0;
    }
    double total = 0;
    for (int g = 0; g < k; g++) {
      double worst = 0;
      for (int h = 0; h < k; h++) {
        // sklearn divides by +inf where centroids coincide (incl. g == h), i.e. such pairs
        // contribute 0
        if (between[g][h] != 0) {
          worst = Math.max(worst, (intra[g] + intra[h]) / between[g][h]);
        }
      }
      total += worst;
    }
    return total / k;
  }

  /**
   * Adjusted Rand index between two labelings of the same rows (1 = identical partitions, ~0 =
   * chance), via the pair confusion matrix like sklearn {@code adjusted_rand_score}. Used to
   * compare DBSCAN with k-means segments.
   */
  public static double adjustedRandIndex(int[] a, int[] b) {
    if (a.length != b.length) {
      throw new IllegalArgumentException(
          "labelings differ in length: " + a.length + " vs " + b.length);
    }
    long n = a.length;
    Labels ea = Labels.encode(a);
    Labels eb = Labels.encode(b);
    long[] na = new long[ea.count()];
    long[] nb = new long[eb.count()];
    Map<Long, Long> cells = new HashMap<>();
    for (int i = 0; i < n; i++) {
      int ca = ea.codes()[i];
      int cb = eb.codes()[i];
      na[ca]++;
      nb[cb]++;
      cells.merge((long) ca * eb.count() + cb, 1L, Long::sum);
    }
    double sumSquares = 0;
    for (long v : cells.values()) {
      sumSquares += (double) v * v;
    }
    // Ordered-pair counts as in sklearn's pair_confusion_matrix (the factor 2 cancels in the
    // ratio).
    double pairsSameAOnly = 0;
    double pairsSameBOnly = 0;
    for (Map.Entry<Long, Long> e : cells.entrySet()) {
      int ca = (int) (e.getKey() / eb.count());
      int cb = (int) (e.getKey() % eb.count());
      pairsSameBOnly += (double) e.getValue() * nb[cb];
      pairsSameAOnly += (double) e.getValue() * na[ca];
    }
    double tp = sumSquares - n;
    double fp = pairsSameBOnly - sumSquares;
    double fn = pairsSameAOnly - sumSquares;
    double tn = (double) n * n - fp - fn - sumSquares;
    if (fn == 0 && fp == 0) {
      return 1.0;
    }
    return 2.0 * (tp * tn - fn * fp) / ((tp + fn) * (fn + tn) + (tp + fp) * (fp + tn));
  }

  private static Labels requireClusterCount(int[] labels, int n) {
    Labels enc = Labels.encode(labels);
    if (enc.count() < 2 || enc.count() > n - 1) {
      throw new IllegalArgumentException(
          "need 2 <= number of labels <= n - 1, got " + enc.count() + " labels for " + n + " rows");
    }
    return enc;
  }
}
