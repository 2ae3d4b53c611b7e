// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static io.segflow.transforms.features.CustomerFixture.AS_OF_DAY;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CustomerFeaturesTest {
  private static List<CustomerRecord> features(TransactionBlock grouped, long asOfDay) {
    List<CustomerRecord> out = new ArrayList<>();
    CustomerFeatures.forEachCustomer(grouped, asOfDay, out::add);
    return out;
  }

  @Test
  public void computesEachCustomersFeaturesInCustomerOrder() {
    List<CustomerRecord> customers =
        features(Fixtures.grouped(CustomerFixture.fileB(), CustomerFixture.fileA()), AS_OF_DAY);
    assertThat(customers.size(), is(3));
    CustomerFixture.assertCustomer12347(customers.get(0));
    CustomerFixture.assertCustomer12680(customers.get(1));
    CustomerFixture.assertCustomer14911(customers.get(2));
  }

  @Test
  public void countsPurchaseDaysAndTheFirstDaysSpendForTheClvModel() {
    // Worked by hand from CustomerFixture: 12347 bought on 2010-12-07 (25.20 + 17.00) and on
    // 2011-01-26; 12680's three rows and 14911's three rows each fall on one day.
    List<CustomerRecord> customers =
        features(Fixtures.grouped(CustomerFixture.fileB(), CustomerFixture.fileA()), AS_OF_DAY);
    assertThat(customers.get(0).getPurchaseDays(), is(2));
    assertThat(customers.get(0).getFirstDaySpend(), is(25.2 + 17.0));
    assertThat(customers.get(1).getPurchaseDays(), is(1));
    assertThat(customers.get(1).getFirstDaySpend(), is(16.6 + 16.6 + 14.85));
    assertThat(customers.get(2).getPurchaseDays(), is(1));
    assertThat(customers.get(2).getFirstDaySpend(), is(39.8 + 17.7 + 19.9));
    assertThat(customers.get(0).getPAlive(), nullValue());
    assertThat(customers.get(0).getClv(), nullValue());
  }

  @Test
  public void copyOfIsAnEqualRecordWhoseChangesLeaveTheOriginalAlone() {
    CustomerRecord original =
        features(Fixtures.grouped(CustomerFixture.fileA(), CustomerFixture.fileB()), AS_OF_DAY)
            .get(0);
    CustomerRecord copy = CustomerFeatures.copyOf(original);
    assertThat(copy, is(original));
    assertThat(copy, not(sameInstance(original)));

    CustomerFeatures.asOf(copy, AS_OF_DAY + 30);
    copy.setSegmentId(7);
    assertThat(copy.getRecencyDays(), is(original.getRecencyDays() + 30));
    CustomerFixture.assertCustomer12347(original);
    assertThat(original.getSegmentId(), nullValue());
  }

  @Test
  public void recencyAndTenureCountCalendarDaysToTheAsOfDate() {
    // The same rows one day later: every day count grows by one, nothing else changes.
    List<CustomerRecord> later =
        features(Fixtures.grouped(CustomerFixture.fileA(), CustomerFixture.fileB()), AS_OF_DAY + 1);
    assertThat(later.get(0).getRecencyDays(), is(319));
    assertThat(later.get(0).getTenureDays(), is(369));
    assertThat(later.get(1).getRecencyDays(), is(2));
    assertThat(later.get(0).getFrequency(), is(2));
  }

  @Test
  public void aLastPurchaseJustBeforeMidnightIsOneDayBeforeTheAsOfDate() {
    TransactionBlock rows =
        Fixtures.grouped(
            Fixtures.rows(
                "/data/x.csv",
                "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 23:59:59,4.95,12680,France",
                "581586,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 00:00:00,4.95,12680,France"));
    CustomerRecord c = features(rows, AS_OF_DAY).get(0);
    assertThat(c.getRecencyDays(), is(1));
    assertThat(c.getTenureDays(), is(1));
    assertThat(c.getFrequency(), is(2));
    assertThat(c.getDistinctProducts(), is(1));
  }

  @Test
  public void aCustomerWithoutAnyCountryHasNone() {
    TransactionBlock rows =
        Fixtures.grouped(
            Fixtures.rows(
                "/data/x.csv",
                "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 12:50:00,4.95,12680,"));
    assertThat(features(rows, AS_OF_DAY).get(0).getCountry(), is(nullValue()));
  }

  @Test
  public void refusesABlockNotGroupedByCustomer() {
    assertThrows(
        IllegalArgumentException.class, () -> features(CustomerFixture.fileA(), AS_OF_DAY));
  }
}
