// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * An inclusive range of RFM scores, e.g. R 4–5 or FM 2–3 (FM takes half steps, hence doubles).
 *
 * @param min lowest score in the range
 * @param max highest score in the range
 */
public record ScoreRange(double min, double max) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Every score, 1 to {@value RfmScore#MAX_BINS}. */
  public static final ScoreRange ANY = new ScoreRange(1, RfmScore.MAX_BINS);

  public ScoreRange {
    if (!(min >= 1 && max <= RfmScore.MAX_BINS && min <= max)) {
      throw new IllegalArgumentException(
          "need 1 <= min <= max <= " + RfmScore.MAX_BINS + ": " + min + ".." + max);
    }
  }

  public static ScoreRange of(double min, double max) {
    return new ScoreRange(min, max);
  }

  public boolean contains(double score) {
    return score >= min && score <= max;
  }

  @Override
  public String toString() {
    return min == max ? fmt(min) : fmt(min) + "–" + fmt(max);
  }

  private static String fmt(double v) {
    return v == Math.rint(v) ? Integer.toString((int) v) : Double.toString(v);
  }
}
