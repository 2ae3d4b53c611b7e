// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.SegmentationModel;
import io.segflow.models.TrainingReport;
import java.io.Serializable;

/** The model a run trained (it reaches the assignment step as a side input) and how it was chosen. */
public record TrainedSegmentation(
    SegmentationSettings settings, SegmentationModel model, TrainingReport report)
    implements Serializable {}
