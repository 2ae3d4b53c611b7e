// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import io.segflow.schemas.CustomerRecord;
import java.util.TreeMap;

/**
 * What the report's predicted value section shows of the customers: per calibration frequency x
 * (0..6, 7+) and recency band (t_x over {@link #RECENCY_BANDS} equal bands of the longest t_x) the
 * customers and their summed P(alive) and expected purchases, and the customers' CLV values (an
 * evenly spaced sample above the report's customer limit, as for the other distributions). Filled
 * one customer at a time: the grid is kept per distinct t_x day until the longest is known, so its
 * memory follows the history's length, not the customers.
 */
final class ClvReportData {
  static final int TOP_FREQUENCY = 7;
  static final int RECENCY_BANDS = 6;

  /** [band][x]: customers, Σ p_alive, Σ expected purchases (filled by {@link #finish}). */
  final long[][] customers = new long[RECENCY_BANDS][TOP_FREQUENCY + 1];

  final double[][] pAlive = new double[RECENCY_BANDS][TOP_FREQUENCY + 1];
  final double[][] expected = new double[RECENCY_BANDS][TOP_FREQUENCY + 1];
  final ReportData.DoubleList clv;

  /** t_x in days → [x] of {customers, Σ p_alive, Σ expected purchases}. */
  private final TreeMap<Integer, double[][]> byRecency = new TreeMap<>();

  int longestRecencyDays;
  boolean any;

  /**
   * @param total the output's customer count (negative: unknown)
   * @param keep at most this many CLV values are kept
   */
  ClvReportData(long total, long keep) {
    clv = new ReportData.DoubleList(total, keep);
  }

  void add(CustomerRecord c) {
    if (c.getPAlive() == null || c.getPurchaseDays() == null) {
      return;
    }
    any = true;
    int tx = c.getTenureDays() - c.getRecencyDays();
    longestRecencyDays = Math.max(longestRecencyDays, tx);
    double[] cell =
        byRecency
            .computeIfAbsent(tx, k -> new double[TOP_FREQUENCY + 1][3])[
            Math.min(TOP_FREQUENCY, c.getPurchaseDays() - 1)];
    cell[0]++;
    cell[1] += c.getPAlive();
    cell[2] += c.getExpectedPurchases() == null ? Double.NaN : c.getExpectedPurchases();
    clv.add(c.getClv() == null ? Double.NaN : c.getClv());
  }

  /** Folds the per-day cells into the bands, once the longest recency is known. */
  ClvReportData finish() {
    byRecency.forEach(
        (tx, cells) -> {
          int band = band(tx);
          for (int x = 0; x <= TOP_FREQUENCY; x++) {
            customers[band][x] += (long) cells[x][0];
            pAlive[band][x] += cells[x][1];
            expected[band][x] += cells[x][2];
          }
        });
    return this;
  }

  /** The CLV values kept, customers without one left out. */
  double[] clvValues() {
    return java.util.Arrays.stream(clv.toArray()).filter(v -> !Double.isNaN(v)).toArray();
  }

  int band(double recencyDays) {
    if (longestRecencyDays == 0) {
      return 0;
    }
    return Math.min(RECENCY_BANDS - 1, (int) (recencyDays * RECENCY_BANDS / longestRecencyDays));
  }

  /** The label of band b: its t_x range in days. */
  String bandLabel(int b) {
    double width = longestRecencyDays / (double) RECENCY_BANDS;
    return String.format(
        java.util.Locale.ROOT,
        "t_x %d–%d days",
        (int) Math.ceil(b * width),
        (int) (b == RECENCY_BANDS - 1 ? longestRecencyDays : Math.ceil((b + 1) * width) - 1));
  }
}
