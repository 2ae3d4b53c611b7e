// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import java.util.Arrays;

/**
 * One customer's distinct purchase days and the money of the first of them, from the purchase rows
 * added in source order (so that every row path sums the first day's money in the same order and
 * gets the same bits). Days are calendar days of the invoice time, which is already local to {@code
 * input.timezone} ({@code TransactionBlock.day}): the days recency counts.
 */
final class PurchaseDays {
  private int[] days;
  private int count;
  private boolean ascending = true;
  private int firstDay = Integer.MAX_VALUE;
  private double firstDaySpend;

  PurchaseDays(int expectedRows) {
    days = new int[Math.max(1, expectedRows)];
  }

  /** Adds a purchase row of {@code day} with {@code amount} money. */
  void add(int day, double amount) {
    if (count == days.length) {
      days = Arrays.copyOf(days, count * 2);
    }
    if (count > 0 && day < days[count - 1]) {
      ascending = false;
    }
    days[count++] = day;
    if (day < firstDay) {
      firstDay = day;
      firstDaySpend = amount;
    } else if (day == firstDay) {
      firstDaySpend += amount;
    }
  }

  /** Distinct days among the rows added (0 if none). */
  int distinct() {
    if (!ascending) {
      Arrays.sort(days, 0, count); // rows out of date order: rare in real files
      ascending = true;
    }
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
}
