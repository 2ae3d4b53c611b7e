// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * How a {@link DbscanModel} was made, for the run report. The quality metrics are computed in the
 * scaled space on the clustered customers only, <b>excluding noise</b>: noise is not a cluster, and
 * counting it as one would reward or punish eps for the outliers it leaves out. They are NaN with
 * fewer than two dense segments.
 *
 * @param customers training customers
 * @param eps neighbourhood radius used, scaled space
 * @param epsSource given, knee of the k-distance curve, or the no-knee fallback
 * @param minPoints density threshold used (the row itself counted)
 * @param kDistanceCurve the sorted k-distance curve (k = minPoints), downsampled, with its knee
 * @param clusters dense segments found
 * @param corePoints customers that are core points (they make up the model)
 * @param noise customers labelled noise ("Unusual / outliers")
 * @param noiseShare noise / customers
 * @param silhouetteExcludingNoise mean silhouette over the clustered customers
 * @param calinskiHarabaszExcludingNoise Calinski–Harabasz over the clustered customers
 * @param daviesBouldinExcludingNoise Davies–Bouldin over the clustered customers
 * @param silhouetteRows clustered customers the silhouette averages over (all of them, or a seeded
 *     sample)
 * @param timingsMs wall-clock milliseconds per phase; "dbscan" includes the k-distances,
 *     "wekaDbscan" is Weka's part
 */
public record DbscanReport(
    int customers,
    List<String> featureNames,
    FeatureTransform transform,
    ScalerType scaler,
    double eps,
    EpsSource epsSource,
    int minPoints,
    KDistanceCurve kDistanceCurve,
    int clusters,
    int corePoints,
    int noise,
    double noiseShare,
    double silhouetteExcludingNoise,
    double calinskiHarabaszExcludingNoise,
    double daviesBouldinExcludingNoise,
    int silhouetteRows,
    Map<String, Long> timingsMs)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public DbscanReport {
    featureNames = List.copyOf(featureNames);
    timingsMs = Collections.unmodifiableMap(new LinkedHashMap<>(timingsMs));
  }
}
