// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Arrays;

/**
 * The cut points that split one RFM dimension into scores 1..bins (bins − 1 cut points), and the
 * scoring itself. Thresholds are kept apart from how they were computed: {@link #exact} takes exact
 * quantiles of all values, while a Beam pipeline may pass cut points from {@code
 * ApproximateQuantiles}, the R rfm package's breaks ({@link RfmPackageBreaks}) or fixed cut points
 * to {@link #of} or {@link #halfOpen}.
 *
 * <p><b>Values on a cut point.</b> Quantile cuts ({@link #of}) put a value equal to a cut point in
 * the lower bin, i.e. bins are {@code (c[i-1], c[i]]}: the score is 1 + the number of cut points
 * strictly below the value. So equal values always get equal scores, and the score is monotone in
 * the value. The price is that quintiles are no longer equally full when values repeat. On the
 * reference customers 34% have exactly one order, so the 20% cut point is 1 and F = 1 holds all of
 * them (34%, not 20%); the cut points 1, 2, 3, 6 then make F = 2 and F = 3 exactly two and three
 * orders (19% and 12%). If two cut points coincide, the bin between them stays empty. Rank-based
 * quintiles (ties broken by row order) would fill every bin, but give customers with the same
 * number of orders different scores depending on file order.
 *
 * <p>Fixed cut points and the R rfm package ({@link #halfOpen}) use {@code [c[i-1], c[i])}: a value
 * v gets bin i when c[i−1] ≤ v &lt; c[i], i.e. 1 + the number of cut points at or below it.
 *
 * <p>Either way the score of recency (low is best) is reversed: bins + 1 minus the bin.
 *
 * @param cuts the ascending (non-decreasing) cut points, 1 to {@value RfmScore#MAX_BINS} − 1 of
 *     them
 * @param lowIsBest {@code true} for recency: the lowest values score highest
 * @param cutStartsBin {@code true}: a value on a cut point goes to the upper bin
 */
public record ScoreCuts(double[] cuts, boolean lowIsBest, boolean cutStartsBin)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public ScoreCuts {
    if (cuts == null
        || cuts.length < RfmScore.MIN_BINS - 1
        || cuts.length > RfmScore.MAX_BINS - 1) {
      throw new IllegalArgumentException(
          "need "
              + (RfmScore.MIN_BINS - 1)
              + " to "
              + (RfmScore.MAX_BINS - 1)
              + " cut points, got "
              + Arrays.toString(cuts));
    }
    for (int i = 0; i < cuts.length; i++) {
      if (!Double.isFinite(cuts[i]) || (i > 0 && cuts[i] < cuts[i - 1])) {
        throw new IllegalArgumentException(
            "cut points must be finite and ascending: " + Arrays.toString(cuts));
      }
    }
    cuts = cuts.clone();
  }

  /** Quantile cut points (a value on a cut point scores lower), e.g. from a quantile sketch. */
  public static ScoreCuts of(double[] cuts, boolean lowIsBest) {
    return new ScoreCuts(cuts, lowIsBest, false);
  }

  /** Cut points whose bins are [c[i−1], c[i]): fixed cut points and the R rfm package's breaks. */
  public static ScoreCuts halfOpen(double[] cuts, boolean lowIsBest) {
    return new ScoreCuts(cuts, lowIsBest, true);
  }

  /** Exact 20/40/60/80% quantiles of {@code values}, linear interpolation (numpy's default). */
  public static ScoreCuts exact(double[] values, boolean lowIsBest) {
    return exact(values, 5, lowIsBest);
  }

  /** Exact quantiles at 1/bins, 2/bins, … of {@code values}, linear interpolation. */
  public static ScoreCuts exact(double[] values, int bins, boolean lowIsBest) {
    if (values.length == 0) {
      throw new IllegalArgumentException("no values");
    }
    RfmScore.requireBins(bins);
    double[] sorted = Stats.sortedCopy(values);
    double[] cuts = new double[bins - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = Stats.quantileOfSorted(sorted, (i + 1) / (double) bins);
    }
    return new ScoreCuts(cuts, lowIsBest, false);
  }

  @Override
  public double[] cuts() {
    return cuts.clone();
  }

  /** The number of scores, cut points + 1. */
  public int bins() {
    return cuts.length + 1;
  }

  /** Score 1..bins of {@code value} (see the class comment for values on a cut point). */
  public int score(double value) {
    if (!Double.isFinite(value)) {
      throw new IllegalArgumentException("value must be finite: " + value);
    }
    int below = 0;
    for (double c : cuts) {
      if (c < value || (cutStartsBin && c == value)) {
        below++;
      }
    }
    return lowIsBest ? cuts.length + 1 - below : 1 + below;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ScoreCuts q
        && q.lowIsBest == lowIsBest
        && q.cutStartsBin == cutStartsBin
        && Arrays.equals(q.cuts, cuts);
  }

  @Override
  public int hashCode() {
    return 31 * (31 * Arrays.hashCode(cuts) + Boolean.hashCode(lowIsBest))
        + Boolean.hashCode(cutStartsBin);
  }

  @Override
  public String toString() {
    return "ScoreCuts"
        + Arrays.toString(cuts)
        + (cutStartsBin ? " [lower, upper)" : " (lower, upper]")
        + (lowIsBest ? " (low is best)" : "");
  }
}
