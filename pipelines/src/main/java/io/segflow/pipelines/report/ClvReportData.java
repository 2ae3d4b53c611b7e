// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import io.segflow.schemas.CustomerRecord;

/**
 * What the report's predicted value section shows of the customers: per calibration frequency x
 * (0..6, 7+) and recency band (t_x over {@link #RECENCY_BANDS} equal bands of the longest t_x) the
 * customers and their summed P(alive) and expected purchases, and every customer's CLV. Filled one
 * customer at a time; the grid is bounded, the CLV values are one double per customer (as the
 * report keeps its other features).
 */
final class ClvReportData {
  static final int TOP_FREQUENCY = 7;
  static final int RECENCY_BANDS = 6;

  /** [band][x]: customers, Σ p_alive, Σ expected purchases. */
  final long[][] customers = new long[RECENCY_BANDS][TOP_FREQUENCY + 1];

  final double[][] pAlive = new double[RECENCY_BANDS][TOP_FREQUENCY + 1];
  final double[][] expected = new double[RECENCY_BANDS][TOP_FREQUENCY + 1];
  final ReportData.DoubleList clv = new ReportData.DoubleList();
  private final ReportData.DoubleList recencies = new ReportData.DoubleList();
  private final ReportData.DoubleList frequencies = new ReportData.DoubleList();
  private final ReportData.DoubleList alive = new ReportData.DoubleList();
  private final ReportData.DoubleList purchases = new ReportData.DoubleList();
  int longestRecencyDays;
  boolean any;

  void add(CustomerRecord c) {
    if (c.getPAlive() == null || c.getPurchaseDays() == null) {
      return;
    }
    any = true;
    int tx = c.getTenureDays() - c.getRecencyDays();
    longestRecencyDays = Math.max(longestRecencyDays, tx);
    recencies.add(tx);
    frequencies.add(Math.min(TOP_FREQUENCY, c.getPurchaseDays() - 1));
    alive.add(c.getPAlive());
    purchases.add(c.getExpectedPurchases() == null ? Double.NaN : c.getExpectedPurchases());
    if (c.getClv() != null) {
      clv.add(c.getClv());
    }
  }

  /** Puts the customers in the grid, once the longest recency is known. */
  ClvReportData finish() {
    double[] tx = recencies.toArray();
    double[] x = frequencies.toArray();
    double[] p = alive.toArray();
    double[] e = purchases.toArray();
    for (int i = 0; i < tx.length; i++) {
      int band = band(tx[i]);
      int f = (int) x[i];
      customers[band][f]++;
      pAlive[band][f] += p[i];
      expected[band][f] += e[i];
    }
    return this;
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
