// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

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
