// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * What a {@link Segmentation} returns: the model to assign customers with, and the segment id of
 * every training row; the concrete result also says how the model was made (its report).
 */
public sealed interface SegmentationResult permits KMeansResult, DbscanResult {
  SegmentAssigner model();

  /** Segment id of every training row, in input order. */
  int[] labels();
}
