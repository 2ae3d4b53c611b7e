// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.LocalDate;
import org.junit.Test;

public class PurchaseHistoryTest {
  static final LocalDate AS_OF = LocalDate.of(2024, 2, 1);

  static LocalDate jan(int day) {
    return LocalDate.of(2024, 1, day);
  }

  @Test
  public void sameDayOrdersAreOnePurchaseDayWithTheirSpendSummed() {
    PurchaseHistory h =
        new PurchaseHistory()
            .add(jan(10), 5)
            .add(jan(3), 100) // first day, in any order: excluded from the repeat spend
            .add(jan(3), 50)
            .add(jan(10), 15)
            .add(jan(20), 0) // a zero-value purchase still makes a purchase day
            .add(AS_OF, 999); // on the as-of date: after the observation period
    CustomerSummary s = h.summaryBefore(AS_OF).orElseThrow();
    assertThat(s.frequency(), is(2));
    assertThat(s.recencyDays(), is(17));
    assertThat(s.ageDays(), is(28)); // Jan 3 to Jan 31, the last day before the as-of date
    assertThat(s.repeatSpend(), closeTo(20, 1e-12));
    assertThat(s.meanRepeatSpend(), closeTo(10, 1e-12));
    assertThat(s.age(ClvTimeUnit.WEEK), closeTo(4, 1e-12));
    assertThat(h.purchaseDaysBetween(jan(10), AS_OF.plusDays(1)), is(3));
  }

  @Test
  public void aSingleDayCustomerHasNoRepeats() {
    CustomerSummary s =
        new PurchaseHistory().add(jan(31), 7).add(jan(31), 8).summaryBefore(AS_OF).orElseThrow();
    assertThat(s, is(new CustomerSummary(0, 0, 0, 0)));
  }

  @Test
  public void nothingBeforeTheAsOfDateGivesNoSummary() {
    assertThat(new PurchaseHistory().add(AS_OF, 1).summaryBefore(AS_OF).isPresent(), is(false));
    assertThat(new PurchaseHistory().summaryBefore(AS_OF).isPresent(), is(false));
  }

  @Test
  public void mergedPartsEqualOneHistory() {
    PurchaseHistory whole = new PurchaseHistory().add(jan(1), 1).add(jan(5), 2).add(jan(5), 3);
    PurchaseHistory merged =
        new PurchaseHistory()
            .add(jan(5), 2)
            .merge(new PurchaseHistory().add(jan(1), 1).add(jan(5), 3));
    assertThat(merged.summaryBefore(AS_OF), is(whole.summaryBefore(AS_OF)));
  }

  @Test
  public void impossibleSummariesAreRejected() {
    assertThrows(IllegalArgumentException.class, () -> new CustomerSummary(3, 2, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new CustomerSummary(1, 11, 10, 1));
    assertThrows(IllegalArgumentException.class, () -> new CustomerSummary(0, 1, 10, 0));
    assertThrows(
        IllegalArgumentException.class, () -> new PurchaseHistory().add(jan(1), Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> ClvTimeUnit.parse("month"));
    assertThat(ClvTimeUnit.parse(" Week "), is(ClvTimeUnit.WEEK));
  }
}
