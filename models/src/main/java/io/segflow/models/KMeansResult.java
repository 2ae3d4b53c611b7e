// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * What {@link KMeansSegmentation#fit} returns.
 *
 * @param model the serialisable model to assign customers with
 * @param report how it was made
 * @param labels segment id (1..k) of every training row, in input order
 */
public record KMeansResult(KMeansModel model, KMeansReport report, int[] labels)
    implements SegmentationResult {
  public KMeansResult {
    labels = labels.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }
}
