// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;
import java.util.function.LongToDoubleFunction;

/**
 * The cut points of the R rfm package's {@code rfm_table_order()} when it is given a number of
 * bins: the inner values of {@code quantile(x, probs = seq(0, 1, length.out = bins + 1))} (R's
 * default type 7), each plus one. Scores then follow {@link ScoreCuts#halfOpen}: a value v gets bin
 * i when cut[i−1] ≤ v &lt; cut[i] (the package closes the top bin at max + 1 and starts the first
 * at the minimum, so every value of the data it was fitted on lands in a bin); recency is reversed.
 *
 * <p>R computes a type-7 quantile as {@code (1 − h)·x[lo] + h·x[hi]} at index {@code 1 + (n − 1)·p}
 * and {@code seq()} its levels as {@code k · (1 / bins)}; this class does the same arithmetic, so
 * that a value on a cut point falls on the same side as in R.
 */
public final class RfmPackageBreaks {
  private RfmPackageBreaks() {}

  /**
   * The rfm package's breaks for {@code n} sorted values: R's type-7 quantiles plus one.
   *
   * @param n number of values, at least 1
   * @param bins number of scores, 2..10
   * @param orderStatistic the value of 0-based rank r among the n values, in increasing order
   * @return the bins − 1 cut points
   */
  public static double[] cuts(long n, int bins, LongToDoubleFunction orderStatistic) {
    RfmScore.requireBins(bins);
    double by = 1.0 / bins;
    double[] cuts = new double[bins - 1];
    for (int k = 1; k < bins; k++) {
      cuts[k - 1] = rType7(n, k * by, orderStatistic) + 1;
    }
    return cuts;
  }

  /**
   * The 0-based ranks whose values {@link #cuts(long, int, LongToDoubleFunction)} reads for {@code
   * n} values, in the order it reads them: for each cut the lower and, when the index is not an
   * integer, the upper neighbour of R's type-7 index.
   */
  public static long[] ranks(long n, int bins) {
    RfmScore.requireBins(bins);
    if (n < 1) {
      throw new IllegalArgumentException("no values to take a quantile of");
    }
    double by = 1.0 / bins;
    long[] ranks = new long[2 * (bins - 1)];
    int size = 0;
    for (int k = 1; k < bins; k++) {
      double index = 1 + (n - 1) * (k * by);
      long lo = (long) Math.floor(index);
      ranks[size++] = lo - 1;
      if (index > lo) {
        ranks[size++] = (long) Math.ceil(index) - 1;
      }
    }
    return Arrays.copyOf(ranks, size);
  }

  /** Cut points of the values in {@code sorted} (ascending). */
  public static double[] cuts(double[] sorted, int bins) {
    return cuts(sorted.length, bins, r -> sorted[(int) r]);
  }

  /** R's {@code quantile(x, p, type = 7)}, with R's own arithmetic. */
  static double rType7(long n, double p, LongToDoubleFunction orderStatistic) {
    if (n < 1) {
      throw new IllegalArgumentException("no values to take a quantile of");
    }
    double index = 1 + (n - 1) * p; // 1-based, as in R
    long lo = (long) Math.floor(index);
    long hi = (long) Math.ceil(index);
    double qs = orderStatistic.applyAsDouble(lo - 1);
    if (index > lo) {
      double upper = orderStatistic.applyAsDouble(hi - 1);
      if (upper != qs) {
        double h = index - lo;
        qs = (1 - h) * qs + h * upper;
      }
    }
    return qs;
  }
}
