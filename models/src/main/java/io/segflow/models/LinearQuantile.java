// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.function.LongToDoubleFunction;

/**
 * numpy's default ("linear") quantile: the order statistics around rank {@code q·(n−1)},
 * interpolated linearly. One definition for every place that computes quantiles from sorted values,
 * counted values or a sketch, so that they agree with each other and with pandas.
 */
public final class LinearQuantile {
  private LinearQuantile() {}

  /**
   * The linearly interpolated quantile {@code q} of {@code n} sorted values.
   *
   * @param n number of values, at least 1
   * @param q quantile in [0, 1]
   * @param orderStatistic the value of 0-based rank r among the n values, in increasing order
   */
  public static double of(long n, double q, LongToDoubleFunction orderStatistic) {
    if (n < 1) {
      throw new IllegalArgumentException("no values to take a quantile of");
    }
    double pos = q * (n - 1);
    long lo = (long) Math.floor(pos);
    double frac = pos - lo;
    double a = orderStatistic.applyAsDouble(lo);
    double b = frac == 0 ? a : orderStatistic.applyAsDouble(lo + 1);
    return a + frac * (b - a);
  }
}
