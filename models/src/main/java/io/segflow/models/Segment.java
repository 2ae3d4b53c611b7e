// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * A named customer segment.
 *
 * @param id business id: 1 = most valuable, counting up by {@link SegmentNamer}'s value score;
 *     {@link #NOISE_ID} for the outlier group of a density clustering
 * @param clusterLabel the clustering's own label ({@code -1} = noise) the segment was made from
 * @param name unique, marketer-facing name, e.g. "High-value loyal"
 * @param description one line: what these customers do, with their typical numbers
 * @param action the recommended marketing action
 * @param valueScore mean of the monetary and frequency mean percentiles, 0..1, population average
 *     0.5
 * @param engagementScore 1 − recency mean percentile, 0..1 (1 = bought most recently)
 * @param profile the statistics the name was derived from
 */
public record Segment(
    int id,
    int clusterLabel,
    String name,
    String description,
    String action,
    double valueScore,
    double engagementScore,
    SegmentProfile profile)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Id of the "Unusual / outliers" segment built from noise label {@code -1}; it is not ranked by
   * value.
   */
  public static final int NOISE_ID = 0;

  /** Cluster label that density clusterers use for noise. */
  public static final int NOISE_LABEL = -1;

  public boolean isNoise() {
    return id == NOISE_ID;
  }
}
