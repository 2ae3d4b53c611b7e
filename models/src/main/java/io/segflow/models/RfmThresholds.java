// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * Cut points for the three classic RFM scores; see {@link QuintileCuts} for how values on a cut
 * point are scored.
 *
 * @param recency days since the last purchase; recent = 5
 * @param frequency number of orders; most = 5
 * @param monetary revenue; most = 5
 */
public record RfmThresholds(QuintileCuts recency, QuintileCuts frequency, QuintileCuts monetary)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RfmThresholds {
    if (recency == null || frequency == null || monetary == null) {
      throw new IllegalArgumentException("all three dimensions need cut points");
    }
    if (!recency.lowIsBest() || frequency.lowIsBest() || monetary.lowIsBest()) {
      throw new IllegalArgumentException(
          "recency must score low values best, frequency and monetary high values");
    }
  }

  /** From four cut points per dimension, e.g. Beam's ApproximateQuantiles at 20/40/60/80%. */
  public static RfmThresholds of(
      double[] recencyCuts, double[] frequencyCuts, double[] monetaryCuts) {
    return new RfmThresholds(
        QuintileCuts.of(recencyCuts, true),
        QuintileCuts.of(frequencyCuts, false),
        QuintileCuts.of(monetaryCuts, false));
  }

  /** Exact quintile cut points of all customers' values. */
  public static RfmThresholds exact(double[] recency, double[] frequency, double[] monetary) {
    return new RfmThresholds(
        QuintileCuts.exact(recency, true),
        QuintileCuts.exact(frequency, false),
        QuintileCuts.exact(monetary, false));
  }

  public RfmScore score(double recencyDays, double frequency, double monetary) {
    return new RfmScore(
        recency.score(recencyDays), this.frequency.score(frequency), this.monetary.score(monetary));
  }
}
