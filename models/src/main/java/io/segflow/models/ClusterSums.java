// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Per-cluster row counts and coordinate sums over any number of rows, mergeable in any order with
 * the same result ({@link ExactSum}): the first of the two passes that give {@link ClusterSpread}'s
 * metrics over millions of customers without holding them. Clusters are keyed by label, in label
 * order.
 */
public final class ClusterSums implements Serializable {
  private static final long serialVersionUID = 1L;

  private final int dimension;
  private final TreeMap<Integer, Cluster> clusters = new TreeMap<>();

  private static final class Cluster implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    final ExactSum[] sums;

    Cluster(int dimension) {
      sums = new ExactSum[dimension];
      for (int f = 0; f < dimension; f++) {
        sums[f] = new ExactSum();
      }
    }
  }

  public ClusterSums(int dimension) {
    if (dimension < 1) {
      throw new IllegalArgumentException("dimension must be >= 1: " + dimension);
    }
    this.dimension = dimension;
  }

  public void add(int label, double[] x) {
    if (x.length != dimension) {
      throw new IllegalArgumentException(
          "row has " + x.length + " features, expected " + dimension);
    }
    Cluster c = clusters.computeIfAbsent(label, l -> new Cluster(dimension));
    c.count++;
    for (int f = 0; f < dimension; f++) {
      c.sums[f].add(x[f]);
    }
  }

  public ClusterSums merge(ClusterSums other) {
    if (other.dimension != dimension) {
      throw new IllegalArgumentException(
          "dimensions differ: " + dimension + " vs " + other.dimension);
    }
    other.clusters.forEach(
        (label, o) -> {
          Cluster c = clusters.computeIfAbsent(label, l -> new Cluster(dimension));
          c.count += o.count;
          for (int f = 0; f < dimension; f++) {
            c.sums[f].merge(o.sums[f]);
          }
        });
    return this;
  }

  public int dimension() {
    return dimension;
  }

  /** Rows per label, in label order. */
  public Map<Integer, Long> sizes() {
    Map<Integer, Long> out = new TreeMap<>();
    clusters.forEach((label, c) -> out.put(label, c.count));
    return out;
  }

  public long count() {
    long n = 0;
    for (Cluster c : clusters.values()) {
      n += c.count;
    }
    return n;
  }

  /** The mean of each cluster's rows, in label order. */
  public Map<Integer, double[]> centroids() {
    Map<Integer, double[]> out = new TreeMap<>();
    clusters.forEach(
        (label, c) -> {
          double[] mean = new double[dimension];
          for (int f = 0; f < dimension; f++) {
            mean[f] = c.sums[f].value() / c.count;
          }
          out.put(label, mean);
        });
    return out;
  }

  /** The mean of all rows. */
  public double[] mean() {
    double[] mean = new double[dimension];
    for (int f = 0; f < dimension; f++) {
      ExactSum all = new ExactSum();
      for (Cluster c : clusters.values()) {
        all.merge(c.sums[f]);
      }
      mean[f] = all.value() / count();
    }
    return mean;
  }
}
