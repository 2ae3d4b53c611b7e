// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.DbscanReport;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.TrainingReport;
import java.io.Serializable;

/**
 * The model a run trained (it reaches the assignment step as a side input) and how it was made:
 * a k-means {@link TrainingReport} or a {@link DbscanReport}, whichever algorithm made the model
 * (the other is null), the {@link MethodComparison} when both were asked for (else null), and
 * the {@link TrainingSample} when the model was trained on a sample (null: on every customer).
 */
public record TrainedSegmentation(
    SegmentationSettings settings,
    SegmentAssigner model,
    TrainingReport kmeansReport,
    DbscanReport dbscanReport,
    MethodComparison comparison,
    TrainingSample sample)
    implements Serializable {

  public boolean sampled() {
    return sample != null;
  }
}
