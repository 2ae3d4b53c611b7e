// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.util.Map;
import java.util.TreeMap;

/** Checks shared by the tests that run the CLI to completion. */
public final class OutputAssertions {
  private OutputAssertions() {}

  /**
   * The bookkeeping of a published output: every row read is used or rejected, the manifest agrees
   * with the Avro files, {@code _SUCCESS} is there and nothing was left beside the folder.
   */
  public static void assertCompleteAndConsistent(SegflowOutput out) {
    assertThat("_SUCCESS", Files.isRegularFile(out.dir.resolve("_SUCCESS")), is(true));
    assertThat(
        "staging or old folders left beside the output",
        SegflowOutput.leftoversBeside(out.dir),
        is(empty()));
    assertThat("manifest tool", out.manifest.path("tool").asText(), equalTo("segflow"));
    assertThat(
        "rows read = used + rejected",
        out.rowsRead(),
        equalTo(out.rowsUsed() + out.rowsRejected()));
    Map<String, Long> byReason = nonZero(out.manifestRejectedByReason());
    assertThat(
        "rows.rejected = sum of rejected_by_reason",
        out.rowsRejected(),
        equalTo(byReason.values().stream().mapToLong(Long::longValue).sum()));
    assertThat(
        "rejected/ records by reason = manifest", out.rejectedReasonCounts(), equalTo(byReason));
    assertThat(
        "rejected/ records = rows.rejected",
        (long) out.rejected.size(),
        equalTo(out.rowsRejected()));
    assertThat(
        "customers/ records = manifest customers",
        (long) out.customers.size(),
        equalTo(out.manifest.path("customers").asLong(-1)));
    assertThat(
        "sum of rows_used over customers = rows.used",
        out.customers.stream().mapToLong(CustomerRecord::getRowsUsed).sum(),
        equalTo(out.rowsUsed()));
  }

  /** Every customer, count and reason of {@code out} equals the oracle's. */
  public static void assertMatchesOracle(SegflowOutput out, RetailOracle.Result expected) {
    assertThat("rows read", out.rowsRead(), equalTo(expected.rowsRead()));
    assertThat("rows used", out.rowsUsed(), equalTo(expected.rowsUsed()));
    assertThat(
        "rejected by reason",
        nonZero(out.manifestRejectedByReason()),
        equalTo(expected.rejectedByReason()));
    assertThat(
        "as_of_date",
        out.manifest.path("as_of_date").asText(),
        equalTo(expected.asOf().toString()));
    Map<String, CustomerRecord> actual = out.customersById();
    assertThat("customer ids", actual.keySet(), equalTo(expected.customers().keySet()));
    for (RetailOracle.Customer e : expected.customers().values()) {
      CustomerRecord a = actual.get(e.customerId());
      String id = "customer " + e.customerId() + " ";
      assertThat(id + "recency_days", a.getRecencyDays(), equalTo(e.recencyDays()));
      assertThat(id + "frequency", a.getFrequency(), equalTo(e.frequency()));
      assertThat(
          id + "monetary",
          a.getMonetary(),
          closeTo(e.monetary().doubleValue(), 1e-9 * Math.abs(e.monetary().doubleValue())));
      assertThat(id + "total_quantity", a.getTotalQuantity(), equalTo(e.totalQuantity()));
      assertThat(
          id + "avg_basket_value",
          a.getAvgBasketValue(),
          closeTo(e.avgBasketValue(), 1e-9 * Math.abs(e.avgBasketValue())));
      assertThat(id + "tenure_days", a.getTenureDays(), equalTo(e.tenureDays()));
      assertThat(id + "distinct_products", a.getDistinctProducts(), equalTo(e.distinctProducts()));
      assertThat(id + "rows_used", a.getRowsUsed(), equalTo(e.rowsUsed()));
      assertThat(id + "country", a.getCountry(), equalTo(e.country()));
      assertThat(id + "first_purchase", a.getFirstPurchase(), equalTo(e.firstPurchase()));
      assertThat(id + "last_purchase", a.getLastPurchase(), equalTo(e.lastPurchase()));
      assertThat(id + "as_of_date", a.getAsOfDate(), equalTo(expected.asOf()));
    }
  }

  /** Reasons with a count (a manifest may one day list every reason, zeros included). */
  public static Map<String, Long> nonZero(Map<String, Long> counts) {
    Map<String, Long> out = new TreeMap<>();
    counts.forEach(
        (k, v) -> {
          if (v != 0) {
            out.put(k, v);
          }
        });
    return out;
  }
}
