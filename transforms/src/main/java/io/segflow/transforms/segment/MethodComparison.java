// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.ClusterMetrics;
import io.segflow.models.DbscanResult;
import io.segflow.models.KMeansResult;
import io.segflow.models.KScanRow;
import io.segflow.models.SegmentAssigner;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * K-means and DBSCAN side by side on the same customers and features: segments, sizes, noise,
 * quality metrics (DBSCAN's without its noise), training time, and how much the two partitions
 * agree (adjusted Rand index over all customers, noise counted as one more group).
 */
public record MethodComparison(List<Method> methods, double adjustedRandIndex)
    implements Serializable {

  /** One method's result. */
  public record Method(
      String algorithm,
      int segments,
      Map<String, Integer> sizes,
      double noiseShare,
      double silhouette,
      double calinskiHarabasz,
      double daviesBouldin,
      boolean metricsExcludeNoise,
      long millis)
      implements Serializable {}

  static MethodComparison of(
      KMeansResult kmeans, long kmeansMillis, DbscanResult dbscan, long dbscanMillis) {
    KScanRow chosen =
        kmeans.report().kScan().stream()
            .filter(r -> r.k() == kmeans.report().chosenK())
            .findFirst()
            .orElseThrow();
    Method k =
        new Method(
            "kmeans",
            kmeans.model().segments().size(),
            sizes(kmeans.model(), kmeans.labels()),
            0,
            chosen.silhouette(),
            chosen.calinskiHarabasz(),
            chosen.daviesBouldin(),
            false,
            kmeansMillis);
    Method d =
        new Method(
            "dbscan",
            dbscan.model().segments().size(),
            sizes(dbscan.model(), dbscan.labels()),
            dbscan.report().noiseShare(),
            dbscan.report().silhouetteExcludingNoise(),
            dbscan.report().calinskiHarabaszExcludingNoise(),
            dbscan.report().daviesBouldinExcludingNoise(),
            true,
            dbscanMillis);
    return new MethodComparison(
        List.of(k, d), ClusterMetrics.adjustedRandIndex(kmeans.labels(), dbscan.labels()));
  }

  private static Map<String, Integer> sizes(SegmentAssigner model, int[] segmentIds) {
    Map<Integer, Integer> byId = new java.util.TreeMap<>();
    for (int id : segmentIds) {
      byId.merge(id, 1, Integer::sum);
    }
    Map<String, Integer> byName = new LinkedHashMap<>();
    byId.forEach((id, n) -> byName.put(id + " " + model.segment(id).name(), n));
    return byName;
  }
}
