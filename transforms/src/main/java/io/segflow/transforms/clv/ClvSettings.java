// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvScorer;
import io.segflow.models.clv.ClvTimeUnit;
import java.io.Serializable;

/**
 * How a run predicts customer value: the time unit the models count in, the CLV horizon, the
 * monthly discount rate, the margin, and the days of the holdout check (0: none).
 */
public record ClvSettings(
    ClvTimeUnit unit, int horizonDays, double discountRate, double margin, int holdoutDays)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Without a holdout check. */
  public ClvSettings(ClvTimeUnit unit, int horizonDays, double discountRate, double margin) {
    this(unit, horizonDays, discountRate, margin, 0);
  }

  public ClvSettings {
    if (unit == null) {
      throw new IllegalArgumentException("the CLV time unit must be given");
    }
    if (horizonDays < 1) {
      throw new IllegalArgumentException("the CLV horizon must be at least one day");
    }
    if (!(discountRate >= 0) || Double.isInfinite(discountRate)) {
      throw new IllegalArgumentException("the discount rate must be a number >= 0");
    }
    if (!(margin > 0) || Double.isInfinite(margin)) {
      throw new IllegalArgumentException("the margin must be a positive number");
    }
    if (holdoutDays < 0) {
      throw new IllegalArgumentException("the holdout must be 0 (none) or a number of days");
    }
  }

  /** Whether the run checks the model on a holdout. */
  public boolean checksHoldout() {
    return holdoutDays > 0;
  }

  /** The library's defaults: weeks, 365 days, 1 % a month, margin 1. */
  public static ClvSettings defaults() {
    return new ClvSettings(
        ClvTimeUnit.WEEK,
        ClvScorer.DEFAULT_HORIZON_DAYS,
        ClvScorer.DEFAULT_DISCOUNT_RATE,
        ClvScorer.DEFAULT_MARGIN);
  }

  /** Months the CLV sums over (12 for 365 days). */
  public int scorerMonths() {
    return ClvScorer.clvMonths(horizonDays);
  }

  /** A scorer with {@code model}'s parameters and these horizon, rate and margin. */
  public ClvScorer scorer(ClvModel model) {
    return ClvScorer.of(model)
        .withHorizonDays(horizonDays)
        .withDiscountRate(discountRate)
        .withMargin(margin);
  }
}
