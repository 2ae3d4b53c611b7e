// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.history;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.segflow.schemas.CustomerRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Three monthly runs whose segment moves are known by construction: a customer who stays, one who
 * moves, one who returns to an earlier segment, one who is new in the last run and one who is gone
 * from it.
 */
@RunWith(JUnit4.class)
public class AddSegmentHistoryTest {
  private static final LocalDate JAN = LocalDate.of(2011, 1, 31);
  private static final LocalDate FEB = LocalDate.of(2011, 2, 28);
  private static final LocalDate MAR = LocalDate.of(2011, 3, 31);

  @Rule public final transient TestPipeline p = TestPipeline.create();

  static CustomerRecord customer(String id, LocalDate asOf, Integer segment, String rfm) {
    LocalDateTime t = LocalDateTime.of(2010, 12, 1, 8, 26);
    return CustomerRecord.newBuilder()
        .setCustomerId(id)
        .setRecencyDays(1)
        .setFrequency(1)
        .setMonetary(10.0)
        .setAvgBasketValue(10.0)
        .setFirstPurchase(t)
        .setLastPurchase(t)
        .setTenureDays(1)
        .setRowsUsed(1)
        .setAsOfDate(asOf)
        .setSegmentId(segment)
        .setRfmSegment(rfm)
        .build();
  }

  private PCollection<CustomerRecord> run(
      String name, List<CustomerRecord> now, PCollection<CustomerRecord> before) {
    PCollection<CustomerRecord> current =
        p.apply(name, Create.of(now).withCoder(AvroCoder.specific(CustomerRecord.class)));
    return current.apply(name + "History", AddSegmentHistory.create().withPrevious(before));
  }

  @Test
  public void threeMonthsOfStayingMovingReturningNewAndGoneCustomers() {
    PCollection<CustomerRecord> jan =
        p.apply(
            "Jan",
            Create.of(
                    customer("stays", JAN, 1, "Champions"),
                    customer("moves", JAN, 1, "Champions"),
                    customer("returns", JAN, 2, "Loyal"),
                    customer("gone", JAN, 3, "Lost"))
                .withCoder(AvroCoder.specific(CustomerRecord.class)));
    PCollection<CustomerRecord> feb =
        run(
            "Feb",
            List.of(
                customer("stays", FEB, 1, "Champions"),
                customer("moves", FEB, 2, "Champions"),
                customer("returns", FEB, 3, "At Risk"),
                customer("gone", FEB, 3, "Lost")),
            jan);
    PCollection<CustomerRecord> mar =
        run(
            "Mar",
            List.of(
                customer("stays", MAR, 1, "Champions"),
                customer("moves", MAR, 3, "Loyal"),
                customer("returns", MAR, 2, "Loyal"),
                customer("new", MAR, 4, "New Customers")),
            feb);

    PAssert.that(mar)
        .satisfies(
            all -> {
              Map<String, CustomerRecord> byId = new HashMap<>();
              List<String> ids = new ArrayList<>();
              all.forEach(
                  c -> {
                    byId.put(c.getCustomerId(), c);
                    ids.add(c.getCustomerId());
                  });
              assertThat(ids, containsInAnyOrder("stays", "moves", "returns", "new"));
              // Unchanged since the first run, which had no history: since its as-of date.
              expect(byId.get("stays"), 1, "Champions", false, false, JAN, JAN);
              // Model segment moved in Feb and again in Mar; RFM segment moved only in Mar.
              expect(byId.get("moves"), 2, "Champions", true, true, MAR, MAR);
              // Back in January's segments: a change, and the start date is this run's.
              expect(byId.get("returns"), 3, "At Risk", true, true, MAR, MAR);
              CustomerRecord fresh = byId.get("new");
              assertThat(fresh.getPreviousSegmentId(), nullValue());
              assertThat(fresh.getPreviousRfmSegment(), nullValue());
              assertThat(fresh.getSegmentChanged(), nullValue());
              assertThat(fresh.getRfmSegmentChanged(), nullValue());
              assertThat(fresh.getSegmentSince(), equalTo(MAR));
              assertThat(fresh.getRfmSegmentSince(), equalTo(MAR));
              // The features and segments are passed through untouched.
              assertThat(fresh.getSegmentId(), equalTo(4));
              assertThat(fresh.getMonetary(), equalTo(10.0));
              return null;
            });
    PAssert.that(feb)
        .satisfies(
            all -> {
              Map<String, CustomerRecord> byId = new HashMap<>();
              all.forEach(c -> byId.put(c.getCustomerId(), c));
              expect(byId.get("moves"), 1, "Champions", true, false, FEB, JAN);
              expect(byId.get("gone"), 3, "Lost", false, false, JAN, JAN);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void aCustomerStayingTwoRunsKeepsTheDateItEntered() {
    CustomerRecord feb =
        AddSegmentHistory.withHistory(
            customer("a", FEB, 2, "Loyal"), customer("a", JAN, 1, "Loyal"));
    CustomerRecord mar = AddSegmentHistory.withHistory(customer("a", MAR, 2, "Loyal"), feb);
    assertThat(mar.getSegmentSince(), equalTo(FEB));
    assertThat(mar.getRfmSegmentSince(), equalTo(JAN));
    assertThat(mar.getSegmentChanged(), equalTo(false));
    assertThat(mar.getPreviousSegmentId(), equalTo(2));
  }

  private static void expect(
      CustomerRecord c,
      Integer previousSegment,
      String previousRfm,
      boolean segmentChanged,
      boolean rfmChanged,
      LocalDate segmentSince,
      LocalDate rfmSince) {
    String id = c.getCustomerId() + " ";
    assertThat(id + "previous_segment_id", c.getPreviousSegmentId(), equalTo(previousSegment));
    assertThat(id + "previous_rfm_segment", c.getPreviousRfmSegment(), equalTo(previousRfm));
    assertThat(id + "segment_changed", c.getSegmentChanged(), equalTo(segmentChanged));
    assertThat(id + "rfm_segment_changed", c.getRfmSegmentChanged(), equalTo(rfmChanged));
    assertThat(id + "segment_since", c.getSegmentSince(), equalTo(segmentSince));
    assertThat(id + "rfm_segment_since", c.getRfmSegmentSince(), equalTo(rfmSince));
  }
}
