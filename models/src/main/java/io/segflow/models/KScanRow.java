// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * One row of the k-scan table: quality of the best k-means fit for one requested k, all measured in
 * the scaled space. Metrics are NaN when the fit collapsed to a single cluster.
 *
 * @param requestedK k asked for
 * @param k clusters actually found (smaller when Weka dropped empty clusters)
 * @param wcss within-cluster sum of squares (lower is tighter; always falls with k, hence the
 *     elbow)
 * @param silhouette mean silhouette in [−1, 1] (higher is better)
 * @param calinskiHarabasz between/within dispersion ratio (higher is better)
 * @param daviesBouldin mean worst cluster similarity (lower is better)
 */
public record KScanRow(
    int requestedK,
    int k,
    double wcss,
    double silhouette,
    double calinskiHarabasz,
    double daviesBouldin)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * The metrics of {@code fit} on the scaled rows it was fitted on, with its {@code silhouette}
   * (computed for all of a scan's fits at once, see {@link Silhouettes}); all NaN when the fit has
   * fewer than two clusters.
   */
  static KScanRow of(double[][] x, KMeansFit fit, double silhouette) {
    if (fit.k() < 2) {
      return new KScanRow(
          fit.requestedK(), fit.k(), fit.wcss(), Double.NaN, Double.NaN, Double.NaN);
    }
    int[] labels = fit.labels();
    return new KScanRow(
        fit.requestedK(),
        fit.k(),
        fit.wcss(),
        silhouette,
        ClusterMetrics.calinskiHarabasz(x, labels),
        ClusterMetrics.daviesBouldin(x, labels));
  }
}
