// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * The calibration/holdout check over customers held in memory: fit on the purchases before {@code
 * asOf − holdoutDays}, predict each calibration customer's purchase days in the last {@code
 * holdoutDays}, and compare with what happened. Customers whose first purchase falls in the holdout
 * are not predicted, as in the literature. A pipeline does the same in two passes with {@link
 * ClvTerms} and {@link HoldoutEvaluation}.
 */
public final class HoldoutCheck {
  /** The calibration fit and the comparison. */
  public record Outcome(ClvModel calibrationModel, HoldoutResult result) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  private HoldoutCheck() {}

  public static Outcome run(
      Iterable<PurchaseHistory> customers, LocalDate asOf, int holdoutDays, ClvTimeUnit unit) {
    if (holdoutDays < 1) {
      throw new IllegalArgumentException("holdout must be >= 1 day: " + holdoutDays);
    }
    LocalDate calibrationEnd = asOf.minusDays(holdoutDays);
    ClvTerms terms = new ClvTerms();
    int longestAge = -1;
    for (PurchaseHistory customer : customers) {
      var summary = customer.summaryBefore(calibrationEnd);
      if (summary.isPresent()) {
        terms.add(summary.get());
        longestAge = Math.max(longestAge, summary.get().ageDays());
      }
    }
    if (longestAge < 0) {
      throw new IllegalArgumentException(
          "a holdout of "
              + holdoutDays
              + " days leaves no purchase before "
              + calibrationEnd
              + " to calibrate on: shorten the holdout");
    }
    ClvModel model = ClvFitter.create(unit).fit(terms);
    HoldoutEvaluation evaluation =
        HoldoutEvaluation.create(HoldoutEvaluation.DEFAULT_TOP_FREQUENCY);
    BgNbdParams params = model.bgNbd().params();
    if (params != null) {
      for (PurchaseHistory customer : customers) {
        customer
            .summaryBefore(calibrationEnd)
            .ifPresent(
                s ->
                    evaluation.add(
                        s.frequency(),
                        predictedPurchases(params, s, holdoutDays, unit),
                        customer.purchaseDaysBetween(calibrationEnd, asOf)));
      }
    }
    // the earliest first purchase starts the calibration period
    return new Outcome(model, evaluation.result(longestAge + 1, holdoutDays));
  }

  /** A calibration customer's expected purchase days in the holdout, by the calibration fit. */
  public static double predictedPurchases(
      BgNbdParams params, CustomerSummary calibration, int holdoutDays, ClvTimeUnit unit) {
    return params.expectedPurchases(
        unit.fromDays(holdoutDays),
        calibration.frequency(),
        calibration.recency(unit),
        calibration.age(unit));
  }
}
