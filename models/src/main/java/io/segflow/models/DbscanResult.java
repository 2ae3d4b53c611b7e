// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * What {@link DbscanSegmentation#fit} returns.
 *
 * @param model the serialisable model to assign customers with
 * @param report how it was made
 * @param labels segment id of every training row, in input order ({@link Segment#NOISE_ID} = noise)
 */
public record DbscanResult(DbscanModel model, DbscanReport report, int[] labels)
    implements SegmentationResult {
  public DbscanResult {
    labels = labels.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }
}
