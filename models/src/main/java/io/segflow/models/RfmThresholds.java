// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * Cut points for the three classic RFM scores, all with the same number of bins; see {@link
 * ScoreCuts} for how values on a cut point are scored.
 *
 * @param method how the cut points were found (decides the side a value on a cut point falls)
 * @param recency days since the last purchase; most recent = highest score
 * @param frequency number of orders; most = highest score
 * @param monetary revenue; most = highest score
 */
public record RfmThresholds(
    RfmMethod method, ScoreCuts recency, ScoreCuts frequency, ScoreCuts monetary)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RfmThresholds {
    if (method == null || recency == null || frequency == null || monetary == null) {
      throw new IllegalArgumentException("a method and all three dimensions' cut points needed");
    }
    if (!recency.lowIsBest() || frequency.lowIsBest() || monetary.lowIsBest()) {
      throw new IllegalArgumentException(
          "recency must score low values best, frequency and monetary high values");
    }
    if (recency.bins() != frequency.bins() || recency.bins() != monetary.bins()) {
      throw new IllegalArgumentException(
          "recency, frequency and monetary need the same number of cut points, got "
              + (recency.bins() - 1)
              + ", "
              + (frequency.bins() - 1)
              + ", "
              + (monetary.bins() - 1));
    }
    for (ScoreCuts c : new ScoreCuts[] {recency, frequency, monetary}) {
      if (c.cutStartsBin() != method.cutStartsBin()) {
        throw new IllegalArgumentException(method.key() + " cut points need the method's bins");
      }
    }
  }

  /** Quantile cut points. */
  public RfmThresholds(ScoreCuts recency, ScoreCuts frequency, ScoreCuts monetary) {
    this(RfmMethod.QUANTILE, recency, frequency, monetary);
  }

  /** Quantile cut points per dimension, e.g. Beam's ApproximateQuantiles at 20/40/60/80%. */
  public static RfmThresholds of(
      double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts) {
    return of(RfmMethod.QUANTILE, recencyCuts, frequencyCuts, monetaryCuts);
  }

  /** Cut points found by {@code method}. */
  public static RfmThresholds of(
      RfmMethod method, double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts) {
    boolean halfOpen = method.cutStartsBin();
    return new RfmThresholds(
        method,
        new ScoreCuts(recencyCuts, true, halfOpen),
        new ScoreCuts(frequencyCuts, false, halfOpen),
        new ScoreCuts(monetaryCuts, false, halfOpen));
  }

  /** Exact quintile cut points of all customers' values. */
  public static RfmThresholds exact(double[] recency, double[] frequency, double[] monetary) {
    return new RfmThresholds(
        ScoreCuts.exact(recency, true),
        ScoreCuts.exact(frequency, false),
        ScoreCuts.exact(monetary, false));
  }

  /** The R rfm package's cut points of all customers' values ({@link RfmPackageBreaks}). */
  public static RfmThresholds rfmPackage(
      double[] recency, double[] frequency, double[] monetary, int bins) {
    return of(
        RfmMethod.RFM_PACKAGE,
        RfmPackageBreaks.cuts(Stats.sortedCopy(recency), bins),
        RfmPackageBreaks.cuts(Stats.sortedCopy(frequency), bins),
        RfmPackageBreaks.cuts(Stats.sortedCopy(monetary), bins));
  }

  /** The number of scores per dimension. */
  public int bins() {
    return recency.bins();
  }

  public RfmScore score(double recencyDays, double frequency, double monetary) {
    return new RfmScore(
        recency.score(recencyDays), this.frequency.score(frequency), this.monetary.score(monetary));
  }
}
