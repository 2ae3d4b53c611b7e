// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.parse.CsvFields;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Three monthly runs of the shipped sample, partitioned by as-of date: each takes its customers'
 * segment history from the partition before it. The expected history is worked out here from the
 * three partitions' own segments, month by month.
 */
public class SegmentHistoryRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SAMPLE = SampleRunTest.SAMPLE.toString();
  static final List<String> MONTHS = List.of("2011-10-01", "2011-11-01", "2011-12-01");
  private static Path root;

  @BeforeClass
  public static void runThreeMonths() {
    root = TMP.getRoot().toPath().resolve("monthly");
    for (String asOf : MONTHS) {
      CliRun run = monthlyRun(asOf);
      assertThat(run.toString(), run.exitCode(), is(0));
    }
  }

  static CliRun monthlyRun(String asOf, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--input",
                SAMPLE,
                "--output",
                root.toString(),
                "--partition-by-as-of",
                "--as-of",
                asOf,
                "--k",
                "4",
                "--no-report"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private static SegflowOutput month(int i) {
    return SegflowOutput.read(root.resolve("as_of=" + MONTHS.get(i)));
  }

  @Test
  public void theFirstRunHasNoHistory() {
    SegflowOutput first = month(0);
    assertThat(first.manifest.has("history_from"), is(false));
    for (CustomerRecord c : first.customers) {
      assertThat(c.getPreviousSegmentId(), nullValue());
      assertThat(c.getPreviousRfmSegment(), nullValue());
      assertThat(c.getSegmentChanged(), nullValue());
      assertThat(c.getRfmSegmentChanged(), nullValue());
      assertThat(c.getSegmentSince(), nullValue());
      assertThat(c.getRfmSegmentSince(), nullValue());
    }
  }

  @Test
  public void everyLaterRunCarriesTheHistoryOfThePartitionBeforeIt() {
    Map<String, LocalDate> segmentSince = new HashMap<>();
    Map<String, LocalDate> rfmSince = new HashMap<>();
    Map<String, Integer> kinds = new HashMap<>();
    for (int m = 1; m < MONTHS.size(); m++) {
      SegflowOutput now = month(m);
      Map<String, CustomerRecord> before = month(m - 1).customersById();
      LocalDate asOf = LocalDate.parse(MONTHS.get(m));
      LocalDate previousAsOf = LocalDate.parse(MONTHS.get(m - 1));
      assertThat(
          now.manifest.path("history_from").asText(), containsString("as_of=" + MONTHS.get(m - 1)));
      Map<String, LocalDate> nextSegmentSince = new HashMap<>();
      Map<String, LocalDate> nextRfmSince = new HashMap<>();
      for (CustomerRecord c : now.customers) {
        String id = c.getCustomerId();
        CustomerRecord b = before.get(id);
        String where = MONTHS.get(m) + " customer " + id + " ";
        LocalDate expectSegmentSince;
        LocalDate expectRfmSince;
        if (b == null) {
          kinds.merge("new", 1, Integer::sum);
          assertThat(where, c.getPreviousSegmentId(), nullValue());
          assertThat(where, c.getPreviousRfmSegment(), nullValue());
          assertThat(where, c.getSegmentChanged(), nullValue());
          assertThat(where, c.getRfmSegmentChanged(), nullValue());
          expectSegmentSince = asOf;
          expectRfmSince = asOf;
        } else {
          boolean moved = !Objects.equals(b.getSegmentId(), c.getSegmentId());
          boolean rfmMoved = !Objects.equals(b.getRfmSegment(), c.getRfmSegment());
          kinds.merge(moved ? "moved" : "stayed", 1, Integer::sum);
          kinds.merge(rfmMoved ? "rfm moved" : "rfm stayed", 1, Integer::sum);
          if (m >= 2) {
            CustomerRecord first = month(m - 2).customersById().get(id);
            if (first != null
                && rfmMoved
                && Objects.equals(first.getRfmSegment(), c.getRfmSegment())) {
              kinds.merge("rfm returned", 1, Integer::sum);
            }
          }
          assertThat(where, c.getPreviousSegmentId(), equalTo(b.getSegmentId()));
          assertThat(where, c.getPreviousRfmSegment(), equalTo(b.getRfmSegment()));
          assertThat(where, c.getSegmentChanged(), equalTo(moved));
          assertThat(where, c.getRfmSegmentChanged(), equalTo(rfmMoved));
          expectSegmentSince = moved ? asOf : segmentSince.getOrDefault(id, previousAsOf);
          expectRfmSince = rfmMoved ? asOf : rfmSince.getOrDefault(id, previousAsOf);
        }
        assertThat(where + "segment_since", c.getSegmentSince(), equalTo(expectSegmentSince));
        assertThat(where + "rfm_segment_since", c.getRfmSegmentSince(), equalTo(expectRfmSince));
        nextSegmentSince.put(id, expectSegmentSince);
        nextRfmSince.put(id, expectRfmSince);
      }
      segmentSince = nextSegmentSince;
      rfmSince = nextRfmSince;
    }
    // The sample has every kind of move in these three months.
    for (String kind :
        List.of("new", "moved", "stayed", "rfm moved", "rfm stayed", "rfm returned")) {
      assertThat(kind + " in " + kinds, kinds.getOrDefault(kind, 0), greaterThan(0));
    }
  }

  @Test
  public void theCrmExportCarriesTheSameHistory() throws Exception {
    SegflowOutput last = month(2);
    List<String> lines =
        Files.readAllLines(last.dir.resolve("crm/customers.csv"), StandardCharsets.UTF_8);
    List<String> header = CsvFields.split(lines.get(0));
    int at = header.indexOf("previous_segment_id");
    assertThat(
        header.subList(at, at + 6),
        equalTo(
            List.of(
                "previous_segment_id",
                "previous_rfm_segment",
                "segment_changed",
                "rfm_segment_changed",
                "segment_since",
                "rfm_segment_since")));
    Map<String, CustomerRecord> byId = last.customersById();
    assertThat(lines.size() - 1, equalTo(byId.size()));
    for (String line : lines.subList(1, lines.size())) {
      List<String> cells = CsvFields.split(line);
      CustomerRecord c = byId.get(cells.get(0));
      assertThat(
          cells.subList(at, at + 6),
          equalTo(
              List.of(
                  cell(c.getPreviousSegmentId()),
                  cell(c.getPreviousRfmSegment()),
                  cell(c.getSegmentChanged()),
                  cell(c.getRfmSegmentChanged()),
                  cell(c.getSegmentSince()),
                  cell(c.getRfmSegmentSince()))));
    }
  }

  private static String cell(Object v) {
    return v == null ? "" : v.toString();
  }

  @Test
  public void anExplicitPreviousRunGivesTheSameHistoryOutsidePartitions() {
    Path out = TMP.getRoot().toPath().resolve("explicit");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            out.toString(),
            "--as-of",
            MONTHS.get(1),
            "--previous-run",
            root.resolve("as_of=" + MONTHS.get(0)).toString(),
            "--k",
            "4",
            "--no-report");
    assertThat(run.toString(), run.exitCode(), is(0));
    assertThat(SegflowOutput.read(out).customersById(), equalTo(month(1).customersById()));
  }

  @Test
  public void aPreviousRunThatIsNotAFinishedRunStopsWithExitTwo() {
    Path out = TMP.getRoot().toPath().resolve("bad");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            out.toString(),
            "--previous-run",
            TMP.getRoot().toPath().resolve("nowhere").toString(),
            "--no-report");
    assertThat(run.toString(), run.exitCode(), is(2));
    assertThat(run.err(), containsString("--previous-run"));
    assertThat(Files.exists(out.resolve("customers")), is(false));
  }
}
