// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;

/**
 * The few descriptive statistics the library needs, in one place so that the scalers and the
 * profiler agree with each other and with numpy (population std, linear-interpolated quantiles).
 */
final class Stats {
  private Stats() {}

  static double mean(double[] v) {
    double sum = 0;
    for (double d : v) {
      sum += d;
    }
    return sum / v.length;
  }

  /** Population standard deviation ({@code ddof = 0}), as sklearn's StandardScaler uses. */
  static double populationStd(double[] v) {
    double mean = mean(v);
    double ss = 0;
    for (double d : v) {
      double t = d - mean;
      ss += t * t;
    }
    return Math.sqrt(ss / v.length);
  }

  /**
   * Quantile {@code q} in [0, 1] of already sorted values, numpy's default "linear" interpolation.
   */
  static double quantileOfSorted(double[] sorted, double q) {
    return LinearQuantile.of(sorted.length, q, r -> sorted[(int) r]);
  }

  static double[] sortedCopy(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    return s;
  }

  /** Median like numpy: the mean of the two middle values for an even count. */
  static double median(double[] v) {
    return quantileOfSorted(sortedCopy(v), 0.5);
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double d : v) {
      m = Math.min(m, d);
    }
    return m;
  }

  static double max(double[] v) {
    double m = Double.NEGATIVE_INFINITY;
    for (double d : v) {
      m = Math.max(m, d);
    }
    return m;
  }
}
