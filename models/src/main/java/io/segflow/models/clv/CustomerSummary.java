// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.time.LocalDate;

/**
 * One customer's purchase history as the BG/NBD and Gamma-Gamma models see it, counted in whole
 * days so that identical histories group exactly.
 *
 * @param frequency repeat purchase days x: distinct purchase days minus one
 * @param recencyDays t_x: days from the first to the last purchase day
 * @param ageDays T: days from the first purchase day to the end of the observation period (the last
 *     day before the as-of date)
 * @param repeatSpend the summed spend of the repeat purchase days (the first day excluded)
 */
public record CustomerSummary(int frequency, int recencyDays, int ageDays, double repeatSpend)
    implements Serializable {
  public CustomerSummary {
    if (frequency < 0 || recencyDays < 0 || ageDays < recencyDays) {
      throw new IllegalArgumentException(
          "need 0 <= frequency, 0 <= recency <= age; got x="
              + frequency
              + ", t_x="
              + recencyDays
              + ", T="
              + ageDays);
    }
    if (frequency == 0 && (recencyDays != 0 || repeatSpend != 0)) {
      throw new IllegalArgumentException(
          "a customer without repeat purchases has recency 0 and no repeat spend");
    }
    if (frequency > recencyDays) {
      throw new IllegalArgumentException(
          "x=" + frequency + " repeat days cannot fit in t_x=" + recencyDays + " days");
    }
    if (!Double.isFinite(repeatSpend)) {
      throw new IllegalArgumentException("repeat spend must be finite: " + repeatSpend);
    }
  }

  /**
   * The summary from per-customer aggregates, for callers that aggregate purchases themselves
   * instead of keeping them in a {@link PurchaseHistory}. All figures cover the purchases before
   * the as-of date only.
   *
   * @param firstDay the first purchase day
   * @param lastDay the last purchase day before {@code asOf}
   * @param purchaseDays distinct purchase days before {@code asOf}
   * @param firstDaySpend the summed spend of the first purchase day
   * @param totalSpend the summed spend of all purchases before {@code asOf}
   */
  public static CustomerSummary fromAggregates(
      LocalDate firstDay,
      LocalDate lastDay,
      int purchaseDays,
      double firstDaySpend,
      double totalSpend,
      LocalDate asOf) {
    if (!lastDay.isBefore(asOf) || purchaseDays < 1) {
      throw new IllegalArgumentException(
          "need at least one purchase day before the as-of date "
              + asOf
              + "; got "
              + purchaseDays
              + " ending "
              + lastDay);
    }
    return new CustomerSummary(
        purchaseDays - 1,
        Math.toIntExact(lastDay.toEpochDay() - firstDay.toEpochDay()),
        Math.toIntExact(asOf.toEpochDay() - 1 - firstDay.toEpochDay()),
        purchaseDays == 1 ? 0 : totalSpend - firstDaySpend);
  }

  /** t_x in {@code unit}. */
  public double recency(ClvTimeUnit unit) {
    return unit.fromDays(recencyDays);
  }

  /** T in {@code unit}. */
  public double age(ClvTimeUnit unit) {
    return unit.fromDays(ageDays);
  }

  /** Mean spend of the repeat purchase days; 0 without repeat purchases. */
  public double meanRepeatSpend() {
    return frequency == 0 ? 0 : repeatSpend / frequency;
  }
}
