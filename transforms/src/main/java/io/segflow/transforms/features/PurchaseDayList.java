// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.models.clv.CustomerSummary;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Optional;

/**
 * One customer's purchase days, each with the money of its purchase rows (summed in source order),
 * from the rows that make the customer's {@code purchase_days}: what the CLV holdout check needs to
 * cut the history at any date. Made by the row paths only when a run checks a holdout.
 */
public final class PurchaseDayList implements Serializable {
  private static final long serialVersionUID = 1L;

  private final String customerId;
  private final int[] days;
  private final double[] spend;

  /**
   * @param days distinct epoch days, ascending
   * @param spend the money of each day's rows
   */
  PurchaseDayList(String customerId, int[] days, double[] spend) {
    this.customerId = customerId;
    this.days = days;
    this.spend = spend;
  }

  public String customerId() {
    return customerId;
  }

  /** Distinct purchase days. */
  public int size() {
    return days.length;
  }

  /**
   * The model inputs over the purchase days before {@code cutoff} ({@link
   * CustomerSummary#fromAggregates}); empty when there are none.
   */
  public Optional<CustomerSummary> summaryBefore(LocalDate cutoff) {
    int n = indexOf(cutoff.toEpochDay());
    if (n == 0) {
      return Optional.empty();
    }
    double total = 0;
    for (int i = 0; i < n; i++) {
      total += spend[i];
    }
    return Optional.of(
        CustomerSummary.fromAggregates(
            LocalDate.ofEpochDay(days[0]),
            LocalDate.ofEpochDay(days[n - 1]),
            n,
            spend[0],
            total,
            cutoff));
  }

  /** Distinct purchase days in [{@code from}, {@code to}). */
  public int purchaseDaysBetween(LocalDate from, LocalDate to) {
    return Math.max(0, indexOf(to.toEpochDay()) - indexOf(from.toEpochDay()));
  }

  /** How many days come before {@code epochDay}. */
  private int indexOf(long epochDay) {
    int i =
        Arrays.binarySearch(
            days, (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, epochDay)));
    return i >= 0 ? i : -i - 1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof PurchaseDayList l
        && customerId.equals(l.customerId)
        && Arrays.equals(days, l.days)
        && Arrays.equals(spend, l.spend);
  }

  @Override
  public int hashCode() {
    return 31 * customerId.hashCode() + Arrays.hashCode(days);
  }

  @Override
  public String toString() {
    return "PurchaseDayList{" + customerId + ", " + days.length + " days}";
  }
}
