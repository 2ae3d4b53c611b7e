// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * What {@link SegmentationTrainer#fit} returns.
 *
 * @param model the serialisable model to assign customers with
 * @param report how it was made
 * @param labels segment id (1..k) of every training row, in input order
 */
public record SegmentationResult(SegmentationModel model, TrainingReport report, int[] labels) {
  public SegmentationResult {
    labels = labels.clone();
  }

  @Override
  public int[] labels() {
    return labels.clone();
  }
}
