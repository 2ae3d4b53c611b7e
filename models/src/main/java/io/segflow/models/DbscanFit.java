// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * A DBSCAN clustering of scaled rows, as {@link DbscanTrainer#fit} returns it.
 *
 * @param labels per row: {@link Segment#NOISE_LABEL} or a cluster 0..clusters-1 (Weka's numbering)
 * @param core per row: whether it is a core point (at least minPoints rows, itself included, closer
 *     than eps)
 * @param eps the neighbourhood radius used, scaled space
 * @param epsSource where eps came from
 * @param minPoints the density threshold used
 * @param curve the k-distance curve (k = minPoints) and its knee
 * @param wekaMillis wall-clock time of Weka's {@code buildClusterer}
 */
public record DbscanFit(
    int[] labels,
    boolean[] core,
    double eps,
    EpsSource epsSource,
    int minPoints,
    KDistanceCurve curve,
    long wekaMillis) {

  public DbscanFit {
    labels = labels.clone();
    core = core.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }

  @Override
  public boolean[] core() {
    return core.clone();
  }

  /** Number of clusters, noise not counted. */
  public int clusters() {
    int max = -1;
    for (int l : labels) {
      max = Math.max(max, l);
    }
    return max + 1;
  }

  public int noiseCount() {
    int noise = 0;
    for (int l : labels) {
      if (l == Segment.NOISE_LABEL) {
        noise++;
      }
    }
    return noise;
  }
}
