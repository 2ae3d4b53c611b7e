// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.time.LocalDate;
import org.junit.Test;

/** Rows out of date order: the day list sums each day's money in the order the rows came. */
public class PurchaseDaysTest {
  @Test
  public void outOfOrderRowsSumPerDayInTheirOwnOrder() {
    int d1 = (int) LocalDate.of(2024, 1, 10).toEpochDay();
    int d2 = (int) LocalDate.of(2024, 1, 3).toEpochDay();
    PurchaseDays days = new PurchaseDays(2, true);
    // 0.1 + 0.2 + 0.3 differs from 0.3 + 0.2 + 0.1 in the last bit: the order must be kept
    days.add(d1, 0.1);
    days.add(d2, 5.0);
    days.add(d1, 0.2);
    days.add(d2, 7.0);
    days.add(d1, 0.3);
    assertThat(days.distinct(), is(2));
    assertThat(days.firstDaySpend(), is(12.0));
    PurchaseDayList list = days.dayList("c");
    assertThat(
        list,
        is(new PurchaseDayList("c", new int[] {d2, d1}, new double[] {12.0, 0.1 + 0.2 + 0.3})));
    var summary = list.summaryBefore(LocalDate.of(2024, 2, 1)).orElseThrow();
    assertThat(summary.frequency(), is(1));
    assertThat(summary.recencyDays(), is(7));
    assertThat(summary.ageDays(), is(28));
    // as CustomerSummary.fromAggregates defines it: total spend less the first day's
    assertThat(summary.repeatSpend(), is((12.0 + (0.1 + 0.2 + 0.3)) - 12.0));
    assertThat(
        list.purchaseDaysBetween(LocalDate.of(2024, 1, 4), LocalDate.of(2024, 1, 11)), is(1));
    assertThat(list.summaryBefore(LocalDate.of(2024, 1, 3)).isPresent(), is(false));
  }
}
