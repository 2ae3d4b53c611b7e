// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;

/**
 * Describes each segment in original units (means, medians, shares of customers and revenue), the
 * table a marketer reads, and the per-feature mean percentile that {@link SegmentNamer} uses to
 * rank segments robustly.
 */
public final class SegmentProfiler {
  private SegmentProfiler() {}

  /**
   * Profiles of every label in {@code labels}, ordered by label ({@code -1} noise first if
   * present).
   *
   * @param raw original-unit feature rows (not transformed or scaled)
   * @param revenueFeature name of the monetary column whose sums give revenue shares
   */
  public static List<SegmentProfile> profile(
      double[][] raw, int[] labels, List<String> featureNames, String revenueFeature) {
    int d = Matrices.requireRectangularFinite(raw);
    Matrices.requireSameLength(raw, labels);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + d + " columns");
    }
    int revenueColumn = featureNames.indexOf(revenueFeature);
    if (revenueColumn < 0) {
      throw new IllegalArgumentException(
          "revenue feature '" + revenueFeature + "' not among " + featureNames);
    }
    int n = raw.length;
    double[][] percentiles = new double[d][];
    for (int j = 0; j < d; j++) {
      percentiles[j] = midPercentiles(Matrices.column(raw, j));
    }
    double totalRevenue = 0;
    for (double[] row : raw) {
      totalRevenue += row[revenueColumn];
    }
    Labels enc = Labels.encode(labels);
    int[] sizes = enc.sizes();
    List<SegmentProfile> out = new ArrayList<>(enc.count());
    for (int g = 0; g < enc.count(); g++) {
      int[] members = new int[sizes[g]];
      int m = 0;
      for (int i = 0; i < n; i++) {
        if (enc.codes()[i] == g) {
          members[m++] = i;
        }
      }
      double[] means = new double[d];
      double[] medians = new double[d];
      double[] meanPercentiles = new double[d];
      for (int j = 0; j < d; j++) {
        double[] values = new double[members.length];
        double[] pct = new double[members.length];
        for (int r = 0; r < members.length; r++) {
          values[r] = raw[members[r]][j];
          pct[r] = percentiles[j][members[r]];
        }
        means[j] = Stats.mean(values);
        medians[j] = Stats.median(values);
        meanPercentiles[j] = Stats.mean(pct);
      }
      double revenue = 0;
      for (int i : members) {
        revenue += raw[i][revenueColumn];
      }
      out.add(
          new SegmentProfile(
              enc.values()[g],
              members.length,
              (double) members.length / n,
              featureNames,
              means,
              medians,
              meanPercentiles,
              revenue,
              totalRevenue == 0 ? 0 : revenue / totalRevenue));
    }
    return out;
  }

  /**
   * (#values below v + ½·#values equal to v) / n for every v: mid-rank percentiles, averaging 0.5
   * overall.
   */
  static double[] midPercentiles(double[] values) {
    double[] sorted = Stats.sortedCopy(values);
    double[] out = new double[values.length];
    for (int i = 0; i < values.length; i++) {
      int below = lowerBound(sorted, values[i]);
      int notAbove = lowerBound(sorted, Math.nextUp(values[i]));
      out[i] = (below + 0.5 * (notAbove - below)) / values.length;
    }
    return out;
  }

  /** First index whose value is >= v (sorted input). */
  private static int lowerBound(double[] sorted, double v) {
    int lo = 0;
    int hi = sorted.length;
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (sorted[mid] < v) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo;
  }
}
