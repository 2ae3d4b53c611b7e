// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.util.List;
import org.junit.Test;

public class DateOrderTest {
  private static DateOrder of(String... dates) {
    DateOrder order = new DateOrder();
    List.of(dates).forEach(order::add);
    return order;
  }

  @Test
  public void aFirstFieldAbove12MeansDayFirst() {
    DateOrder o = of("01/12/2010 08:26", "13/12/2010 09:00", "2/1/2011");
    assertThat(o.verdict(), is(DateOrder.Verdict.DAY_FIRST));
    assertThat(o.dayFirstExample(), is("13/12/2010 09:00"));
  }

  @Test
  public void aSecondFieldAbove12MeansMonthFirst() {
    assertThat(
        of("12/1/2010 8:26", "12/13/2010 9:00").verdict(), is(DateOrder.Verdict.MONTH_FIRST));
  }

  @Test
  public void datesThatReadBothWaysAreAmbiguousAndMixedEvidenceContradicts() {
    assertThat(of("1/2/2011", "12/12/2011").verdict(), is(DateOrder.Verdict.AMBIGUOUS));
    DateOrder mixed = of("13/1/2011", "1/13/2011");
    assertThat(mixed.verdict(), is(DateOrder.Verdict.CONTRADICTORY));
    assertThat(mixed.monthFirstExample(), is("1/13/2011"));
  }

  @Test
  public void otherFormsAreNoEvidence() {
    assertThat(
        of("2010-12-01 08:26", "19970101", "", "2011/12/01", "x/13/2011").verdict(),
        is(DateOrder.Verdict.NOT_SLASH_DATES));
  }
}
