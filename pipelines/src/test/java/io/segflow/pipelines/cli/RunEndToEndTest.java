// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code segflow run} end to end on {@code fixtures/defects.csv}: 34 records (one spans lines 32-33
 * inside a quoted field) of five customers with every defect the default cleaning handles. All
 * expected values below were worked out by hand from the fixture; the arithmetic is in the
 * comments. The features are the contract checked here, so segmentation is off.
 */
public class RunEndToEndTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path input;
  private static Path output;
  private static CliRun run;
  private static SegflowOutput out;

  @BeforeClass
  public static void runOnce() throws Exception {
    input = TMP.getRoot().toPath().resolve("defects.csv");
    try (InputStream in = RunEndToEndTest.class.getResourceAsStream("/fixtures/defects.csv")) {
      Files.copy(in, input);
    }
    output = TMP.getRoot().toPath().resolve("out");
    // Five customers are too few for the default k-scan (see smallInputWithDefaultSettings...).
    run =
        CliRun.of(
            "run", "--input", input.toString(), "--output", output.toString(), "--no-segmentation");
    if (run.exitCode() == 0) {
      out = SegflowOutput.read(output);
    }
  }

  @Test
  public void exitsZeroAndPublishesACompleteOutput() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    OutputAssertions.assertCompleteAndConsistent(out);
  }

  @Test
  public void manifestCountsEveryRow() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    assertThat(out.rowsRead(), equalTo(34L));
    assertThat(out.rowsUsed(), equalTo(18L));
    assertThat(out.rowsRejected(), equalTo(16L));
    Map<String, Long> expected =
        new TreeMap<>(
            Map.of(
                "missing_customer_id", 3L, // lines 7, 11, 31
                "cancellation", 4L, // lines 6, 18, 26, 34
                "duplicate_row", 2L, // lines 4, 22
                "non_positive_quantity", 3L, // lines 12 (-2), 23 (-10), 24 (0)
                "non_positive_price", 2L, // lines 13 (0.00), 29 (-1.45)
                "bad_date", 1L, // line 35: 30 February
                "malformed_row", 1L)); // line 36: 7 fields
    assertThat(OutputAssertions.nonZero(out.manifestRejectedByReason()), equalTo(expected));
    assertThat(out.manifest.path("customers").asLong(), equalTo(5L));
    // Last used invoice: line 30, 2011-03-01 13:00 (line 31 is later but has no customer).
    assertThat(out.manifest.path("as_of_date").asText(), equalTo("2011-03-02"));
    Map<String, Long> phases = io.segflow.pipelines.output.RunTimings.read(out.dir).timingsMs();
    assertThat(
        phases.keySet(),
        org.hamcrest.Matchers.hasItems(
            "jvm_start",
            "inspect_inputs",
            "construct_pipeline",
            "run_pipeline",
            "check_and_finish",
            "total"));
    // the JVM (this test's) started before the run did
    assertThat(phases.get("jvm_start") > 0, is(true));
    assertThat(out.manifest.has("timings_ms"), is(false));
    assertThat(out.manifest.path("config").isObject(), is(true));
    assertThat(out.manifest.path("versions").isObject(), is(true));
  }

  @Test
  public void rejectedRowsCarryReasonLineAndRawText() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    Map<Long, String> expected = new TreeMap<>();
    expected.put(4L, "duplicate_row");
    expected.put(6L, "cancellation");
    expected.put(7L, "missing_customer_id"); // also price 0: the customer rule comes first
    expected.put(11L, "missing_customer_id");
    expected.put(12L, "non_positive_quantity");
    expected.put(13L, "non_positive_price");
    expected.put(18L, "cancellation");
    expected.put(22L, "duplicate_row");
    expected.put(23L, "non_positive_quantity");
    expected.put(24L, "non_positive_quantity");
    expected.put(26L, "cancellation");
    expected.put(29L, "non_positive_price");
    expected.put(31L, "missing_customer_id");
    expected.put(34L, "cancellation"); // after the record spanning lines 32-33
    expected.put(35L, "bad_date");
    expected.put(36L, "malformed_row");
    Map<Long, RejectedRecord> byLine = out.rejectedByLine();
    Map<Long, String> actual = new TreeMap<>();
    byLine.forEach((line, r) -> actual.put(line, r.getReason()));
    assertThat(actual, equalTo(expected));

    for (RejectedRecord r : byLine.values()) {
      assertThat(r.getSourceFile(), endsWith("defects.csv"));
      assertThat("message of line " + r.getLineNumber(), r.getMessage(), not(emptyOrNullString()));
    }
    assertThat(
        byLine.get(11L).getRawLine(),
        equalTo(
            "536544,21773,\"DECORATIVE ROSE BATHROOM BOTTLE,"
                + " SMALL\",1,2010-12-01 14:32:00,2.51,,United Kingdom"));
    assertThat(
        byLine.get(4L).getRawLine(),
        equalTo(
            "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom"));
    assertThat(
        byLine.get(36L).getRawLine(),
        equalTo("546003,22200,TOO FEW FIELDS,2,2011-02-20 10:00:00,0.85,12583"));
  }

  @Test
  public void customerFeaturesMatchTheHandComputation() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    Map<String, CustomerRecord> c = out.customersById();
    // 14527 bought nothing (its one line is a cancellation): not a customer.
    assertThat(
        c.keySet(),
        equalTo(new java.util.TreeSet<>(List.of("12346", "12583", "13047", "14000", "17850"))));

    // 17850: lines 2, 3, 5 (written 17850.0), 19, 20, 30; invoices 536365, 536366, 541000,
    // 541001, 545000. monetary 6*2.55 + 6*3.39 + 6*1.85 + 12*2.55 + 2*7.95 + 100*0.72
    // = 15.30 + 20.34 + 11.10 + 30.60 + 15.90 + 72.00 = 165.24.
    // Last 2011-03-01: recency 1; first 2010-12-01: tenure 31 + 31 + 28 + 1 = 91.
    expect(
        c.get("17850"),
        "United Kingdom",
        1,
        5,
        165.24,
        132,
        91,
        5,
        6,
        "2010-12-01T08:26",
        "2011-03-01T13:00");
    // 12583: lines 8, 9, 10 (POST is a product unless non_product_codes is on), 16, 17, 32-33;
    // invoices 536370, 540001, 540002, 546000. 24*3.75 + 24*3.75 + 3*18 + 12*3.75 + 24*1.65
    // + 1*1.65 = 90 + 90 + 54 + 45 + 39.60 + 1.65 = 320.25. Last 2011-02-20: recency 8 + 2 = 10.
    // Countries: France 5, Belgium 1.
    expect(
        c.get("12583"),
        "France",
        10,
        4,
        320.25,
        88,
        91,
        5,
        6,
        "2010-12-01T08:45",
        "2011-02-20T10:00");
    // 13047: lines 14 (quoted, with a comma and "" quotes), 15, 21; invoices 537002, 542000.
    // 4*3.39 + 2*7.65 + 10*2.95 = 13.56 + 15.30 + 29.50 = 58.36. Last 2011-02-01: recency 29;
    // first 2010-12-03: tenure 89.
    expect(
        c.get("13047"),
        "United Kingdom",
        29,
        2,
        58.36,
        16,
        89,
        3,
        3,
        "2010-12-03T10:10",
        "2011-02-01T10:00");
    // 12346: line 25 only (its cancellation, line 26, is rejected). 74215 * 1.04 = 77183.60.
    // 2011-01-18 to 2011-03-02: 13 + 28 + 2 = 43 days.
    expect(
        c.get("12346"),
        "United Kingdom",
        43,
        1,
        77183.60,
        74215,
        43,
        1,
        1,
        "2011-01-18T10:01",
        "2011-01-18T10:01");
    // 14000: lines 27, 28 (line 29 has a negative price). 6*1.45 + 3*4.25 = 8.70 + 12.75 = 21.45.
    // Last 2011-02-15: recency 15; first 2011-02-14: tenure 16. EIRE 1, Channel Islands 1: the
    // tie goes to the alphabetically first.
    expect(
        c.get("14000"),
        "Channel Islands",
        15,
        2,
        21.45,
        9,
        16,
        2,
        2,
        "2011-02-14T09:00",
        "2011-02-15T09:00");
  }

  @Test
  public void smallInputWithDefaultSettingsIsNotAnInternalFailure() {
    Path out2 = TMP.getRoot().toPath().resolve("out-defaults");
    CliRun r = CliRun.of("run", "--input", input.toString(), "--output", out2.toString());
    assertThat(r.toString(), r.exitCode(), not(equalTo(1)));
    assertThat("no stack trace for a valid input", r.err(), not(containsString("\tat io.segflow")));
    if (r.exitCode() == 0) {
      assertThat(
          SegflowOutput.read(out2).customersById().keySet(), equalTo(out.customersById().keySet()));
    } else {
      assertThat(
          "a failure names the way out",
          r.segflowErrors(),
          anyOf(containsString("--no-segmentation"), containsString("--k")));
    }
  }

  private static void expect(
      CustomerRecord r,
      String country,
      int recency,
      int frequency,
      double monetary,
      long quantity,
      int tenure,
      int products,
      long rows,
      String first,
      String last) {
    String id = "customer " + r.getCustomerId() + " ";
    assertThat(id + "country", r.getCountry(), equalTo(country));
    assertThat(id + "recency_days", r.getRecencyDays(), equalTo(recency));
    assertThat(id + "frequency", r.getFrequency(), equalTo(frequency));
    assertThat(id + "monetary", r.getMonetary(), closeTo(monetary, 1e-9));
    assertThat(id + "total_quantity", r.getTotalQuantity(), equalTo(quantity));
    assertThat(id + "avg_basket_value", r.getAvgBasketValue(), closeTo(monetary / frequency, 1e-9));
    assertThat(id + "tenure_days", r.getTenureDays(), equalTo(tenure));
    assertThat(id + "distinct_products", r.getDistinctProducts(), equalTo(products));
    assertThat(id + "rows_used", r.getRowsUsed(), equalTo(rows));
    assertThat(id + "first_purchase", r.getFirstPurchase(), equalTo(LocalDateTime.parse(first)));
    assertThat(id + "last_purchase", r.getLastPurchase(), equalTo(LocalDateTime.parse(last)));
    assertThat(id + "as_of_date", r.getAsOfDate(), equalTo(LocalDate.of(2011, 3, 2)));
  }
}
