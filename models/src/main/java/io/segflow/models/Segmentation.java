// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.List;

/**
 * A clustering method that turns customers' raw features into named segments: {@link
 * KMeansSegmentation} or {@link DbscanSegmentation}. Both scale the features with a {@link
 * Preprocessor}, cluster, profile the clusters and name them with {@link SegmentNamer}.
 */
public interface Segmentation {
  /** Trains on {@code raw} original-unit rows whose columns are {@code featureNames}. */
  SegmentationResult fit(double[][] raw, List<String> featureNames);
}
