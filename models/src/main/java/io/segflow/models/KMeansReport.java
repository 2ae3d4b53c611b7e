// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link KMeansModel} was made, for the run report: the k-scan table, the choice and why, the
 * settings that make the run reproducible, the number of rows the k-scan table describes (all rows,
 * or a seeded sample of them; see {@link KScan#withScanRows}), the number of rows each silhouette
 * averages over (all scanned rows, or a seeded sample of them; see {@link
 * KScan#withSilhouetteRows}), and wall-clock milliseconds per phase (in phase order).
 */
public record KMeansReport(
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
    int scannedRows,
    int silhouetteRows,
    Map<String, Long> timingsMs)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public KMeansReport {
    featureNames = List.copyOf(featureNames);
    kScan = List.copyOf(kScan);
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }
}
