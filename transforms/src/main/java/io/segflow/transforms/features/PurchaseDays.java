// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import java.util.Arrays;

/**
 * One customer's distinct purchase days and the money of the first of them, from the purchase rows
 * added in source order (so that every row path sums the first day's money in the same order and
 * gets the same bits). Days are calendar days of the invoice time, which is already local to {@code
 * input.timezone} ({@code TransactionBlock.day}): the days recency counts. Built with the rows'
 * money kept, it also gives every day's money ({@link #dayList}), for the CLV holdout check.
 */
final class PurchaseDays {
  private int[] days;
  private double[] amounts; // null unless the day list is wanted
  private int count;
  private boolean ascending = true;
  private int firstDay = Integer.MAX_VALUE;
  private double firstDaySpend;

  PurchaseDays(int expectedRows) {
    this(expectedRows, false);
  }

  /**
   * @param keepAmounts whether each row's money is kept for {@link #dayList}
   */
  PurchaseDays(int expectedRows, boolean keepAmounts) {
    days = new int[Math.max(1, expectedRows)];
    amounts = keepAmounts ? new double[days.length] : null;
  }

  /** Adds a purchase row of {@code day} with {@code amount} money. */
  void add(int day, double amount) {
    if (count == days.length) {
      days = Arrays.copyOf(days, count * 2);
      if (amounts != null) {
        amounts = Arrays.copyOf(amounts, count * 2);
      }
    }
    if (count > 0 && day < days[count - 1]) {
      ascending = false;
    }
    days[count] = day;
    if (amounts != null) {
      amounts[count] = amount;
    }
    count++;
    if (day < firstDay) {
      firstDay = day;
      firstDaySpend = amount;
    } else if (day == firstDay) {
      firstDaySpend += amount;
    }
  }

  /** Distinct days among the rows added (0 if none). */
  int distinct() {
    sort();
    int distinct = 0;
    for (int i = 0; i < count; i++) {
      if (i == 0 || days[i] != days[i - 1]) {
        distinct++;
      }
    }
    return distinct;
  }

  /** The summed money of the rows on the earliest day, in the order they were added. */
  double firstDaySpend() {
    return firstDaySpend;
  }

  /**
   * The distinct days in order, each with its rows' money summed in the order they were added.
   * Needs {@code keepAmounts}.
   */
  PurchaseDayList dayList(String customerId) {
    if (amounts == null) {
      throw new IllegalStateException("built without the rows' money");
    }
    int n = distinct();
    int[] listDays = new int[n];
    double[] spend = new double[n];
    int d = -1;
    for (int i = 0; i < count; i++) {
      if (i == 0 || days[i] != days[i - 1]) {
        listDays[++d] = days[i];
      }
      spend[d] += amounts[i];
    }
    return new PurchaseDayList(customerId, listDays, spend);
  }

  /** Rows into day order; rows of one day keep the order they were added in. */
  private void sort() {
    if (ascending) {
      return;
    }
    ascending = true;
    if (amounts == null) {
      Arrays.sort(days, 0, count); // rows out of date order: rare in real files
      return;
    }
    long[] keys = new long[count]; // day, then the order added
    for (int i = 0; i < count; i++) {
      keys[i] = ((long) days[i] << 32) | i;
    }
    Arrays.sort(keys);
    double[] sorted = new double[amounts.length];
    for (int i = 0; i < count; i++) {
      days[i] = (int) (keys[i] >> 32);
      sorted[i] = amounts[(int) keys[i]];
    }
    amounts = sorted;
  }
}
