// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The four cut points that split one RFM dimension into scores 1..5, and the scoring itself.
 * Thresholds are kept apart from how they were computed: {@link #exact} takes exact quantiles of
 * all values, while a Beam pipeline may pass cut points from {@code ApproximateQuantiles} to {@link
 * #of}.
 *
 * <p><b>Ties.</b> A value equal to a cut point goes to the lower bin, i.e. bins are {@code (c[i-1],
 * c[i]]}: the score is 1 + the number of cut points strictly below the value (for recency, where
 * low is good, 5 minus that number). So equal values always get equal scores, and the score is
 * monotone in the value. The price is that quintiles are no longer equally full when values repeat.
 * On the reference customers 34% have exactly one order, so the 20% cut point is 1 and F = 1 holds
 * all of them (34%, not 20%); the cut points 1, 2, 3, 6 then make F = 2 and F = 3 exactly two and
 * three orders (19% and 12%). If two cut points coincide, the bin between them stays empty.
 * Rank-based quintiles (ties broken by row order) would fill every bin, but give customers with the
 * same number of orders different scores depending on file order.
 *
 * @param cuts the four ascending (non-decreasing) cut points
 * @param lowIsBest {@code true} for recency: the lowest values score 5
 */
public record QuintileCuts(double[] cuts, boolean lowIsBest) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Quantile levels of the cut points. */
  private static final double[] LEVELS = {0.2, 0.4, 0.6, 0.8};

  public QuintileCuts {
    if (cuts == null || cuts.length != 4) {
      throw new IllegalArgumentException("need exactly 4 cut points, got " + Arrays.toString(cuts));
    }
    for (int i = 0; i < 4; i++) {
      if (!Double.isFinite(cuts[i]) || (i > 0 && cuts[i] < cuts[i - 1])) {
        throw new IllegalArgumentException(
            "cut points must be finite and ascending: " + Arrays.toString(cuts));
      }
    }
    cuts = cuts.clone();
  }

  /** Given cut points, e.g. from an approximate quantile sketch. */
  public static QuintileCuts of(double[] cuts, boolean lowIsBest) {
    return new QuintileCuts(cuts, lowIsBest);
  }

  /** Exact 20/40/60/80% quantiles of {@code values}, linear interpolation (numpy's default). */
  public static QuintileCuts exact(double[] values, boolean lowIsBest) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    double[] sorted = Stats.sortedCopy(values);
    double[] cuts = new double[4];
    for (int i = 0; i < 4; i++) {
      cuts[i] = Stats.quantileOfSorted(sorted, LEVELS[i]);
    }
    return new QuintileCuts(cuts, lowIsBest);
  }

  @Override
  public double[] cuts() {
    return cuts.clone();
  }

  /**
   * Score 1..5 of {@code value}; a value equal to a cut point goes to the lower bin (see the class
   * comment).
   */
  public int score(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    int below = 0;
    for (double c : cuts) {
      if (c < value) {
        below++;
      }
    }
    return lowIsBest ? 5 - below : 1 + below;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof QuintileCuts q && q.lowIsBest == lowIsBest && Arrays.equals(q.cuts, cuts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(cuts) + Boolean.hashCode(lowIsBest);
  }

  @Override
  public String toString() {
    return "QuintileCuts" + Arrays.toString(cuts) + (lowIsBest ? " (low is best)" : "");
  }
}
