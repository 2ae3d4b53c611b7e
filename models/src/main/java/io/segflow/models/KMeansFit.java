// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * One k-means solution in the scaled feature space.
 *
 * @param requestedK the k that was asked for
 * @param k the number of non-empty clusters actually found (Weka drops empty clusters, so it can be
 *     smaller)
 * @param centroids {@code k} cluster means, recomputed from {@code labels}
 * @param labels cluster index {@code 0..k-1} per input row, in input order
 * @param wcss within-cluster sum of squares of {@code labels} in the scaled space (computed here,
 *     not by Weka)
 * @param seed the Weka seed of the restart that won
 */
public record KMeansFit(
    int requestedK, int k, double[][] centroids, int[] labels, double wcss, int seed)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public KMeansFit {
    centroids = Matrices.deepCopy(centroids);
    labels = labels.clone();
  }

  @Override
  public double[][] centroids() {
    return Matrices.deepCopy(centroids);
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  /** True when Weka returned fewer clusters than requested. */
  public boolean droppedClusters() {
    return k < requestedK;
  }
}
