// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * The second pass of the streaming cluster metrics: given the cluster means from {@link
 * ClusterSums}, the sum of each row's distance and squared distance to its cluster's mean. Together
 * they give WCSS, Calinski–Harabasz and Davies–Bouldin with the definitions of {@link
 * ClusterMetrics} (scikit-learn's) over any number of rows, mergeable in any order with the same
 * result. Davies–Bouldin needs mean distances to the final means, hence two passes.
 */
public final class ClusterSpread implements Serializable {
  private static final long serialVersionUID = 1L;

  private final ClusterSums sums;
  private final Map<Integer, double[]> centroids;
  private final TreeMap<Integer, ExactSum[]> spread =
      new TreeMap<>(); // label → {Σ distance, Σ squared distance}

  public ClusterSpread(ClusterSums sums) {
    this.sums = sums;
    this.centroids = sums.centroids();
  }

  /** Adds a row of cluster {@code label}, which must be one of the first pass's clusters. */
  public void add(int label, double[] x) {
    double[] c = centroids.get(label);
    if (c == null) {
      throw new IllegalArgumentException("label " + label + " was not in the first pass");
    }
    double squared = Matrices.squaredDistance(x, c);
    ExactSum[] s =
        spread.computeIfAbsent(label, l -> new ExactSum[] {new ExactSum(), new ExactSum()});
    s[0].add(Math.sqrt(squared));
    s[1].add(squared);
  }

  public ClusterSpread merge(ClusterSpread other) {
    other.spread.forEach(
        (label, o) -> {
          ExactSum[] s =
              spread.computeIfAbsent(label, l -> new ExactSum[] {new ExactSum(), new ExactSum()});
          s[0].merge(o[0]);
          s[1].merge(o[1]);
        });
    return this;
  }

  /** A new spread holding both {@code a} and {@code b} (neither is changed). */
  public static ClusterSpread union(ClusterSpread a, ClusterSpread b) {
    return new ClusterSpread(a.sums).merge(a).merge(b);
  }

  /** Within-cluster sum of squared distances to the cluster means. */
  public double wcss() {
    ExactSum total = new ExactSum();
    for (ExactSum[] s : spread.values()) {
      total.merge(s[1]);
    }
    return total.value();
  }

  /**
   * Calinski–Harabasz; NaN unless 2 <= clusters <= rows − 1 (where {@link ClusterMetrics} refuses).
   */
  public double calinskiHarabasz() {
    if (!defined()) {
      return Double.NaN;
    }
    Map<Integer, Long> sizes = sums.sizes();
    long[] n = new long[sizes.size()];
    double[][] c = new double[sizes.size()][];
    int g = 0;
    for (Map.Entry<Integer, Long> e : sizes.entrySet()) {
      n[g] = e.getValue();
      c[g++] = centroids.get(e.getKey());
    }
    return ClusterMetrics.calinskiHarabaszOf(n, c, sums.mean(), wcss());
  }

  /** Davies–Bouldin; NaN unless 2 <= clusters <= rows − 1. */
  public double daviesBouldin() {
    if (!defined()) {
      return Double.NaN;
    }
    Map<Integer, Long> sizes = sums.sizes();
    double[][] c = new double[sizes.size()][];
    double[] intra = new double[sizes.size()];
    int g = 0;
    for (Map.Entry<Integer, Long> e : sizes.entrySet()) {
      c[g] = centroids.get(e.getKey());
      ExactSum[] s = spread.get(e.getKey());
      intra[g++] = s == null ? 0 : s[0].value() / e.getValue();
    }
    return ClusterMetrics.daviesBouldinOf(c, intra);
  }

  private boolean defined() {
    int k = centroids.size();
    return k >= 2 && k <= sums.count() - 1;
  }
}
