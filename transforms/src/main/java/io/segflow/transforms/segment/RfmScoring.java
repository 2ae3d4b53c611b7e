// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.RfmMethod;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import java.io.Serializable;

/**
 * How a run scores RFM: the number of bins, how the cut points are found, the rule table that names
 * the segments, and whether cut points saved in a model are reused.
 *
 * @param method quantile, rfm_package or fixed
 * @param bins scores per dimension, 2..10
 * @param fixed the cut points of method fixed; null for the other methods
 * @param rules the rule table, for scores 1..bins
 * @param refit with a saved model: compute new cut points instead of the model's
 */
public record RfmScoring(
    RfmMethod method, int bins, RfmThresholds fixed, RfmSegmentRules rules, boolean refit)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RfmScoring {
    RfmScore.requireBins(bins);
    if (method == null || rules == null) {
      throw new IllegalArgumentException("RFM scoring needs a method and a rule table");
    }
    if ((method == RfmMethod.FIXED) != (fixed != null)) {
      throw new IllegalArgumentException("cut points are given exactly when the method is fixed");
    }
    if (fixed != null && (fixed.bins() != bins || fixed.method() != RfmMethod.FIXED)) {
      throw new IllegalArgumentException("fixed cut points need " + (bins - 1) + " per dimension");
    }
    if (rules.bins() != bins) {
      throw new IllegalArgumentException(
          "the rule table is for " + rules.bins() + " bins, the scoring has " + bins);
    }
  }

  /** Quintiles and the default rule table. */
  public static RfmScoring defaults() {
    return new RfmScoring(RfmMethod.QUANTILE, 5, null, RfmSegmentRules.defaults(), false);
  }
}
