// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.time.LocalDate;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Collects one customer's dated purchases (any order, several per day allowed) and derives the
 * model inputs from them. Orders of the same day are one purchase day with their amounts summed, as
 * the BG/NBD and Gamma-Gamma literature counts them. Memory grows with distinct purchase days.
 */
public final class PurchaseHistory {
  private final TreeMap<LocalDate, Double> spendByDay = new TreeMap<>();

  /** Adds one purchase; zero and negative amounts count as purchase days too. */
  public PurchaseHistory add(LocalDate day, double amount) {
    if (!Double.isFinite(amount)) {
      throw new IllegalArgumentException("purchase amount must be finite: " + amount);
    }
    spendByDay.merge(day, amount, Double::sum);
    return this;
  }

  /** Adds every purchase of {@code other} (the same customer seen in another part of the data). */
  public PurchaseHistory merge(PurchaseHistory other) {
    other.spendByDay.forEach((day, amount) -> spendByDay.merge(day, amount, Double::sum));
    return this;
  }

  /**
   * The summary over the purchases before {@code asOf}: T runs to the day before it. Empty when the
   * customer bought nothing before that date.
   */
  public Optional<CustomerSummary> summaryBefore(LocalDate asOf) {
    Map<LocalDate, Double> calibration = spendByDay.headMap(asOf, false);
    if (calibration.isEmpty()) {
      return Optional.empty();
    }
    LocalDate first = spendByDay.firstKey();
    LocalDate last = spendByDay.lowerKey(asOf);
    double repeatSpend = 0;
    for (Map.Entry<LocalDate, Double> day : calibration.entrySet()) {
      if (!day.getKey().equals(first)) {
        repeatSpend += day.getValue();
      }
    }
    return Optional.of(
        new CustomerSummary(
            calibration.size() - 1,
            days(first, last),
            days(first, asOf.minusDays(1)),
            repeatSpend));
  }

  /** Distinct purchase days in [{@code from}, {@code to}): the holdout count. */
  public int purchaseDaysBetween(LocalDate from, LocalDate to) {
    return from.isBefore(to) ? spendByDay.subMap(from, true, to, false).size() : 0;
  }

  private static int days(LocalDate from, LocalDate to) {
    return Math.toIntExact(to.toEpochDay() - from.toEpochDay());
  }
}
