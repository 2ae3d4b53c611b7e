// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link SegmentationModel} was made, for the run report: the k-scan table, the choice and why, the settings that
 * make the run reproducible, and wall-clock milliseconds per phase (in phase order).
 */
public record TrainingReport(
    int customers,
    List<String> featureNames,
    FeatureTransform transform,
    ScalerType scaler,
    List<KScanRow> kScan,
    int chosenK,
    String reason,
    int seed,
    int restarts,
    int maxIterations,
    Map<String, Long> timingsMs)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public TrainingReport {
    featureNames = List.copyOf(featureNames);
    kScan = List.copyOf(kScan);
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }
}
