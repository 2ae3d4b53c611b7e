// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * One customer's classic RFM scores, each 1..bins (bins 5 by default; highest = most recent, most
 * orders, most spend).
 */
public record RfmScore(int r, int f, int m) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Fewest scores per dimension a scoring may use. */
  public static final int MIN_BINS = 2;

  /** Most scores per dimension a scoring may use. */
  public static final int MAX_BINS = 10;

  public RfmScore {
    if (r < 1 || r > MAX_BINS || f < 1 || f > MAX_BINS || m < 1 || m > MAX_BINS) {
      throw new IllegalArgumentException(
          "scores must be 1.." + MAX_BINS + ": " + r + ", " + f + ", " + m);
    }
  }

  /** Checks a number of bins. */
  public static int requireBins(int bins) {
    if (bins < MIN_BINS || bins > MAX_BINS) {
      throw new IllegalArgumentException(
          "bins must be between " + MIN_BINS + " and " + MAX_BINS + ", got " + bins);
    }
    return bins;
  }

  /** The usual three-digit code, e.g. "545" (a score of 10 writes two digits). */
  public String code() {
    return "" + r + f + m;
  }

  /** FM = (F + M) / 2, the combined value score many rule tables use: 1, 1.5, …, 5. */
  public double fm() {
    return (f + m) / 2.0;
  }
}
