// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.RunFixture;
import io.segflow.schemas.CustomerMove;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code segflow migrate} on small hand-made run folders: the edge cases and the refusals. */
public class MigrateEdgeCasesTest {
  private static final Map<Integer, String> NAMES =
      Map.of(1, "High-value loyal", 2, "Mid-value regular", 3, "At-risk / lapsed");
  private static final LocalDate NOV = LocalDate.of(2011, 11, 1);
  private static final LocalDate DEC = LocalDate.of(2011, 12, 1);

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path run(String name, LocalDate asOf, Map<String, Integer> segments) {
    return RunFixture.write(tmp.getRoot().toPath().resolve(name), asOf, segments, NAMES, true);
  }

  private Path out() {
    return tmp.getRoot().toPath().resolve("migration");
  }

  private CliRun migrate(Path from, Path to, String... extra) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "migrate",
                "--from",
                from.toString(),
                "--to",
                to.toString(),
                "--output",
                out().toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  private JsonNode json(String name) throws IOException {
    return new ObjectMapper().readTree(out().resolve(name).toFile());
  }

  private static Map<String, Integer> customers(int n, int segments) {
    Map<String, Integer> m = new TreeMap<>();
    for (int c = 0; c < n; c++) {
      m.put(String.valueOf(10000 + c), 1 + c % segments);
    }
    return m;
  }

  @Test
  public void identicalRunsGiveTheIdentityMatrixAndASteadyForecast() throws IOException {
    Map<String, Integer> same = customers(30, 3);
    CliRun r = migrate(run("a", NOV, same), run("b", DEC, same));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    JsonNode t = json("transitions.json");
    JsonNode p = t.path("probabilities");
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < 4; j++) {
        assertThat(p.get(i).get(j).asDouble(), closeTo(i == j ? 1 : 0, 0));
      }
    }
    assertThat(p.get(3).isNull(), is(true)); // no new customers: the row is marked empty
    assertThat(t.path("empty_rows").get(0).asText(), equalTo("new"));
    assertThat(t.path("totals").path("same_segment_id").asLong(), equalTo(30L));
    for (JsonNode period : json("forecast.json").path("forecast")) {
      assertThat(period.path("sizes").toString(), equalTo("[10.0,10.0,10.0]"));
    }
    for (CustomerMove m : RunFixture.moves(out())) {
      assertThat(m.getChange(), equalTo("stayed"));
    }
  }

  @Test
  public void disjointRunsAreAllNewOrGone() throws IOException {
    Map<String, Integer> later = new TreeMap<>();
    customers(20, 2).forEach((id, s) -> later.put("9" + id, s));
    CliRun r = migrate(run("a", NOV, customers(12, 3)), run("b", DEC, later));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    JsonNode totals = json("transitions.json").path("totals");
    assertThat(totals.path("customers_of_both_runs").asLong(), equalTo(32L));
    assertThat(totals.path("new").asLong(), equalTo(20L));
    assertThat(totals.path("gone").asLong(), equalTo(12L));
    assertThat(totals.path("in_both").asLong(), equalTo(0L));
    JsonNode f = json("forecast.json");
    // Everybody of the earlier run left, so each segment's customers leave for good: a steady state
    // exists, and it is the new customers of one period.
    assertThat(f.path("steady_state").path("sizes").toString(), equalTo("[10.0,10.0]"));
    assertThat(f.path("forecast").get(1).path("left").asDouble(), closeTo(20, 0));
  }

  @Test
  public void aSegmentThatDisappearsStaysARowAndLeavesTheForecast() throws IOException {
    Map<String, Integer> before = customers(30, 3);
    Map<String, Integer> after = new TreeMap<>();
    before.forEach((id, s) -> after.put(id, s == 3 ? 1 : s));
    CliRun r = migrate(run("a", NOV, before), run("b", DEC, after));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    JsonNode t = json("transitions.json");
    assertThat(t.path("rows").toString(), equalTo("[\"1\",\"2\",\"3\",\"new\"]"));
    assertThat(t.path("columns").toString(), equalTo("[\"1\",\"2\",\"gone\"]"));
    assertThat(t.path("counts").get(2).toString(), equalTo("[10,0,0]"));
    assertThat(json("forecast.json").path("segments").size(), equalTo(2));
    assertThat(
        Files.readString(out().resolve("migration.html")),
        containsString("only in the earlier run"));
  }

  @Test
  public void aSegmentOnlyInTheLaterRunIsAssumedToStay() throws IOException {
    Map<String, Integer> before = customers(20, 2);
    Map<String, Integer> after = new TreeMap<>(before);
    after.put("99999", 3); // a new customer in a new segment
    CliRun r = migrate(run("a", NOV, before), run("b", DEC, after));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    JsonNode f = json("forecast.json");
    assertThat(f.path("segments_assumed_to_stay").toString(), equalTo("[3]"));
    // Segment 3 keeps its customer and gains one new customer per period: 1 + 3 after 3 periods.
    assertThat(f.path("forecast").get(3).path("sizes").toString(), equalTo("[10.0,10.0,4.0]"));
  }

  @Test
  public void swappedRunsAreComparedWithAWarningAndUndatedPeriods() throws IOException {
    CliRun r = migrate(run("b", DEC, customers(8, 2)), run("a", NOV, customers(10, 2)));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    assertThat(
        r.segflowErrors(), containsString("warning: --from is as of 2011-12-01, not before --to"));
    JsonNode f = json("forecast.json");
    assertThat(f.path("period_days").asLong(), equalTo(-30L));
    assertThat(f.path("forecast").get(1).path("as_of_date").isNull(), is(true));
    assertThat(json("transitions.json").path("totals").path("new").asLong(), equalTo(2L));
  }

  @Test
  public void aRunWithoutSuccessIsRefused() {
    Path unfinished =
        RunFixture.write(
            tmp.getRoot().toPath().resolve("unfinished"), DEC, customers(5, 1), NAMES, false);
    CliRun r = migrate(run("a", NOV, customers(5, 1)), unfinished);
    assertThat(r.toString(), r.exitCode(), equalTo(3));
    assertThat(r.segflowErrors(), containsString("--to " + unfinished.toAbsolutePath()));
    assertThat(r.segflowErrors(), containsString("has no _SUCCESS"));
    assertThat(Files.exists(out()), is(false));
  }

  @Test
  public void aMissingFolderOrARunWithoutSegmentsIsRefused() throws IOException {
    Path a = run("a", NOV, customers(5, 1));
    CliRun missing = migrate(a, tmp.getRoot().toPath().resolve("nowhere"));
    assertThat(missing.toString(), missing.exitCode(), equalTo(3));
    assertThat(missing.segflowErrors(), containsString("does not exist"));
    Map<String, Integer> unsegmented = new TreeMap<>();
    unsegmented.put("10000", null);
    CliRun plain = migrate(a, run("b", DEC, unsegmented));
    assertThat(plain.toString(), plain.exitCode(), equalTo(3));
    assertThat(plain.segflowErrors(), containsString("without segmentation"));
    Path other = tmp.getRoot().toPath().resolve("other");
    Files.createDirectories(other);
    Files.writeString(other.resolve("_SUCCESS"), "");
    CliRun notARun = migrate(a, other);
    assertThat(notARun.toString(), notARun.exitCode(), equalTo(3));
    assertThat(notARun.segflowErrors(), containsString("has no customers/*.avro"));
  }

  @Test
  public void theOutputMayNotHoldOrSitInsideARun() {
    Path a = run("a", NOV, customers(5, 1));
    Path b = run("b", DEC, customers(6, 1));
    CliRun onto =
        CliRun.of(
            "migrate", "--from", a.toString(), "--to", b.toString(), "--output", b.toString());
    assertThat(onto.toString(), onto.exitCode(), equalTo(5));
    CliRun parent =
        CliRun.of(
            "migrate",
            "--from",
            a.toString(),
            "--to",
            b.toString(),
            "--output",
            tmp.getRoot().toString(),
            "--overwrite");
    assertThat(parent.toString(), parent.exitCode(), equalTo(5));
    CliRun inside =
        CliRun.of(
            "migrate",
            "--from",
            a.toString(),
            "--to",
            b.toString(),
            "--output",
            a.resolve("migration").toString());
    assertThat(inside.toString(), inside.exitCode(), equalTo(5));
    assertThat(Files.isRegularFile(b.resolve("_SUCCESS")), is(true));
    assertThat(Files.exists(a.resolve("migration")), is(false));
  }

  @Test
  public void badForecastPeriodsAreAUsageError() {
    Path a = run("a", NOV, customers(5, 1));
    CliRun r = migrate(a, a, "--forecast-periods", "0");
    assertThat(r.toString(), r.exitCode(), equalTo(2));
    assertThat(r.segflowErrors(), containsString("--forecast-periods must be between 1 and 120"));
  }

  @Test
  public void namesAreEscapedInTheReportAndNeutralisedInTheCsv() throws IOException {
    Map<Integer, String> hostile = Map.of(1, "<script>alert(1)</script>", 2, "=HYPERLINK(\"x\")");
    Path a =
        RunFixture.write(tmp.getRoot().toPath().resolve("a"), NOV, customers(10, 2), hostile, true);
    Map<Integer, String> renamed = Map.of(1, "Loyal & \"best\"", 2, "=HYPERLINK(\"x\")");
    Path b =
        RunFixture.write(tmp.getRoot().toPath().resolve("b"), DEC, customers(10, 2), renamed, true);
    CliRun r = migrate(a, b);
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    String html = Files.readString(out().resolve("migration.html"));
    assertThat(html, not(containsString("<script>")));
    assertThat(html, containsString("&lt;script&gt;alert(1)&lt;/script&gt;"));
    assertThat(html, containsString("Loyal &amp; &quot;best&quot;"));
    String csv = Files.readString(out().resolve("transitions.csv"));
    assertThat(csv, containsString(",\"'=HYPERLINK(\"\"x\"\")\","));
    assertThat(csv, not(containsString(",=HYPERLINK")));
    JsonNode renamedIds = json("transitions.json").path("renamed_segments");
    assertThat(renamedIds.size(), equalTo(1));
    assertThat(renamedIds.get(0).path("name_to").asText(), equalTo("Loyal & \"best\""));
  }
}
