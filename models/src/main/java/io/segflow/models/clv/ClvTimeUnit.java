// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.util.Locale;

/**
 * The period the customer-value models count time in. The month lengths are lifetimes' ({@code
 * customer_lifetime_value}: 30 days, 4.345 weeks), so discounted values agree with that reference.
 */
public enum ClvTimeUnit {
  DAY(1, 30.0),
  WEEK(7, 4.345);

  private final int days;
  private final double periodsPerMonth;

  ClvTimeUnit(int days, double periodsPerMonth) {
    this.days = days;
    this.periodsPerMonth = periodsPerMonth;
  }

  /** A count of days expressed in this unit (a week is 7 days). */
  public double fromDays(double dayCount) {
    return dayCount / days;
  }

  /** How many of these periods make the month that CLV discounts by. */
  public double periodsPerMonth() {
    return periodsPerMonth;
  }

  /** The configuration spelling: {@code day} or {@code week}. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses {@code day} or {@code week} (any case). */
  public static ClvTimeUnit parse(String text) {
    for (ClvTimeUnit unit : values()) {
      if (unit.key().equalsIgnoreCase(text.trim())) {
        return unit;
      }
    }
    throw new IllegalArgumentException("unknown CLV time unit '" + text + "': use day or week");
  }
}
