// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.RunFixture;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerMove;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code segflow migrate --segments rfm|both} on real runs of the shipped sample with a moving
 * analysis window (so some customers are gone and some new): as of 2011-10-01 and 2011-12-01 with
 * the default rule table, and as of 2011-12-01 with the R rfm package's table (another order and a
 * fallback). Every expectation is counted here from the runs' customers/ records.
 */
public class MigrateRfmSegmentsTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final Path RFM_PACKAGE_TABLE = Path.of("../run-configs/rfm-package-example.yaml");

  private static Path root;
  private static Path oct;
  private static Path dec;
  private static Path decPackageTable;
  private static Path both;
  private static CliRun bothRun;
  private static Map<String, CustomerRecord> before;
  private static Map<String, CustomerRecord> after;

  private static CliRun run(Path out, String asOf, String config, String... extra)
      throws IOException {
    Path file = root.resolve(out.getFileName() + ".yaml");
    Files.writeString(file, config);
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                file.toString(),
                "--input",
                SampleRunTest.SAMPLE.toString(),
                "--output",
                out.toString(),
                "--as-of",
                asOf,
                "--k",
                "4",
                "--no-report"));
    args.addAll(List.of(extra));
    CliRun r = CliRun.of(args.toArray(String[]::new));
    assertThat(r.toString(), r.exitCode(), is(0));
    return r;
  }

  private static String window(String start) {
    return "cleaning:\n  window:\n    start: " + start + "\n";
  }

  private static CliRun migrate(Path from, Path to, Path out, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "migrate",
                "--from",
                from.toString(),
                "--to",
                to.toString(),
                "--output",
                out.toString()));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @BeforeClass
  public static void runsThenMigrate() throws IOException {
    root = TMP.getRoot().toPath();
    oct = root.resolve("oct");
    dec = root.resolve("dec");
    decPackageTable = root.resolve("dec-package");
    run(oct, "2011-10-01", window("2011-01-01"));
    run(dec, "2011-12-01", window("2011-03-01"));
    run(decPackageTable, "2011-12-01", window("2011-03-01") + Files.readString(RFM_PACKAGE_TABLE));
    before = SegflowOutput.read(oct).customersById();
    after = SegflowOutput.read(dec).customersById();
    both = root.resolve("both");
    bothRun = migrate(oct, dec, both, "--segments", "both");
    assertThat(bothRun.toString(), bothRun.exitCode(), is(0));
  }

  private static JsonNode json(Path file) throws IOException {
    return new ObjectMapper().readTree(file.toFile());
  }

  /** "from>to" → customers, by RFM segment name, "new" and "gone", from the records. */
  private static Map<String, Long> countByName(
      Map<String, CustomerRecord> a, Map<String, CustomerRecord> b) {
    Set<String> union = new TreeSet<>(a.keySet());
    union.addAll(b.keySet());
    Map<String, Long> counts = new TreeMap<>();
    for (String id : union) {
      String from = a.containsKey(id) ? a.get(id).getRfmSegment().toString() : "new";
      String to = b.containsKey(id) ? b.get(id).getRfmSegment().toString() : "gone";
      counts.merge(from + ">" + to, 1L, Long::sum);
    }
    return counts;
  }

  /** The same from transitions.json, non-zero cells only. */
  private static Map<String, Long> countsIn(JsonNode t) {
    Map<String, Long> counts = new TreeMap<>();
    for (int i = 0; i < t.path("rows").size(); i++) {
      for (int j = 0; j < t.path("columns").size(); j++) {
        long n = t.path("counts").get(i).get(j).asLong();
        if (n > 0) {
          String from = t.path("rows").get(i).asText();
          String to = t.path("columns").get(j).asText();
          counts.put(
              ("new".equals(from) ? from : t.path("row_names").get(i).asText())
                  + ">"
                  + ("gone".equals(to) ? to : t.path("column_names").get(j).asText()),
              n);
        }
      }
    }
    return counts;
  }

  @Test
  public void theRfmMatrixEqualsACountFromTheTwoCustomerFolders() throws IOException {
    Map<String, Long> expected = countByName(before, after);
    JsonNode t = json(both.resolve("rfm/transitions.json"));
    assertThat(countsIn(t), equalTo(expected));
    // The moving window makes the matrix non-trivial: customers gone, new and moving.
    assertThat(t.path("totals").path("gone").asLong(), greaterThan(0L));
    assertThat(t.path("totals").path("new").asLong(), greaterThan(0L));
    long stayed =
        before.keySet().stream()
            .filter(after::containsKey)
            .filter(
                id ->
                    before
                        .get(id)
                        .getRfmSegment()
                        .toString()
                        .equals(after.get(id).getRfmSegment().toString()))
            .count();
    assertThat(t.path("totals").path("same_segment_id").asLong(), equalTo(stayed));
    assertThat(stayed, greaterThan(0L));
    for (int i = 0; i < t.path("rows").size(); i++) {
      JsonNode p = t.path("probabilities").get(i);
      if (p.isNull()) {
        continue;
      }
      double sum = 0;
      for (JsonNode v : p) {
        sum += v.asDouble();
      }
      assertThat(sum, closeTo(1.0, 1e-9));
    }
  }

  @Test
  public void idsFollowTheRuleOrderSavedInTheModel() throws IOException {
    List<String> order = new ArrayList<>();
    json(dec.resolve("model.json"))
        .path("rfm")
        .path("segments_in_rule_order")
        .forEach(n -> order.add(n.asText()));
    assertThat(order.size(), greaterThan(5));
    JsonNode t = json(both.resolve("rfm/transitions.json"));
    List<Integer> ids = new ArrayList<>();
    for (int j = 0; j < t.path("columns").size() - 1; j++) {
      int id = t.path("columns").get(j).asInt();
      assertThat(t.path("column_names").get(j).asText(), equalTo(order.get(id - 1)));
      ids.add(id);
    }
    assertThat(ids, equalTo(new ArrayList<>(new TreeSet<>(ids))));
    assertThat(t.path("segment_ids").asText(), containsString("compared by name"));
  }

  @Test
  public void anotherRuleTableIsOrderedLaterTableFirstAndTheFallbackLast() throws IOException {
    Path out = root.resolve("tables");
    CliRun r = migrate(oct, decPackageTable, out, "--segments", "rfm");
    assertThat(r.toString(), r.exitCode(), is(0));
    Map<String, CustomerRecord> later = SegflowOutput.read(decPackageTable).customersById();
    JsonNode t = json(out.resolve("rfm/transitions.json"));
    assertThat(countsIn(t), equalTo(countByName(before, later)));
    JsonNode laterRfm = json(decPackageTable.resolve("model.json")).path("rfm");
    Set<String> order = new LinkedHashSet<>();
    laterRfm.path("segments_in_rule_order").forEach(n -> order.add(n.asText()));
    json(oct.resolve("model.json"))
        .path("rfm")
        .path("segments_in_rule_order")
        .forEach(n -> order.add(n.asText()));
    String fallback = laterRfm.path("fallback_segment").asText();
    assertThat(fallback, equalTo("Others"));
    order.add(fallback);
    List<String> numbered = new ArrayList<>(order);
    Map<Integer, String> seen = new TreeMap<>();
    for (JsonNode run : List.of(t.path("from"), t.path("to"))) {
      run.path("segments").forEach(s -> seen.put(s.path("id").asInt(), s.path("name").asText()));
    }
    seen.forEach((id, name) -> assertThat(name, equalTo(numbered.get(id - 1))));
    // Only the later run has the package's table: its names are new, the earlier run's all move.
    assertThat(seen.containsValue("Potential Loyalist"), is(true));
    assertThat(seen.containsValue("Hibernating"), is(true));
    assertThat(Files.exists(out.resolve("transitions.json")), is(false));
    assertThat(Files.exists(out.resolve("moves")), is(false));
  }

  @Test
  public void movesListEveryRfmChangeAndTheGoneAndNewWithTheirSegment() {
    List<CustomerMove> moves = RunFixture.moves(both.resolve("rfm"));
    Set<String> union = new TreeSet<>(before.keySet());
    union.addAll(after.keySet());
    assertThat(moves.size(), equalTo(union.size()));
    Set<String> moved = new TreeSet<>();
    for (CustomerMove m : moves) {
      String id = m.getCustomerId().toString();
      CustomerRecord a = before.get(id);
      CustomerRecord b = after.get(id);
      String from = a == null ? null : a.getRfmSegment().toString();
      String to = b == null ? null : b.getRfmSegment().toString();
      assertThat(id, str(m.getFromSegmentName()), equalTo(from));
      assertThat(id, str(m.getToSegmentName()), equalTo(to));
      assertThat(m.getFromSegment() == null, is(a == null));
      assertThat(m.getToSegment() == null, is(b == null));
      String change = a == null ? "new" : b == null ? "gone" : from.equals(to) ? "stayed" : "moved";
      assertThat(id, m.getChange().toString(), equalTo(change));
      if ("moved".equals(change)) {
        moved.add(id);
      }
      assertThat(m.getFromAsOfDate(), equalTo(LocalDate.of(2011, 10, 1)));
      assertThat(m.getToAsOfDate(), equalTo(LocalDate.of(2011, 12, 1)));
    }
    Set<String> changed = new TreeSet<>();
    before.forEach(
        (id, c) -> {
          CustomerRecord b = after.get(id);
          if (b != null && !b.getRfmSegment().toString().equals(c.getRfmSegment().toString())) {
            changed.add(id);
          }
        });
    assertThat(moved, equalTo(changed));
    assertThat(changed.isEmpty(), is(false));
  }

  private static String str(CharSequence s) {
    return s == null ? null : s.toString();
  }

  @Test
  public void forecastRowsSumToTheCustomers() throws IOException {
    JsonNode f = json(both.resolve("rfm/forecast.json"));
    JsonNode periods = f.path("forecast");
    assertThat(periods.size(), equalTo(4));
    double previous = Double.NaN;
    for (JsonNode p : periods) {
      double sum = 0;
      for (JsonNode s : p.path("sizes")) {
        sum += s.asDouble();
      }
      assertThat(p.path("total").asDouble(), closeTo(sum, 1e-3));
      if (p.path("period").asInt() == 0) {
        assertThat(sum, closeTo(after.size(), 1e-9));
      } else {
        assertThat(
            sum,
            closeTo(previous + p.path("arrived").asDouble() - p.path("left").asDouble(), 1e-3));
      }
      previous = sum;
    }
    long fresh = after.keySet().stream().filter(id -> !before.containsKey(id)).count();
    long inflow = 0;
    for (JsonNode n : f.path("new_customers_per_period")) {
      inflow += n.asLong();
    }
    assertThat(inflow, equalTo(fresh));
    assertThat(periods.get(1).path("arrived").asDouble(), closeTo((double) fresh, 1e-3));
  }

  @Test
  public void bothKeepsTheClusterFilesOfASegmentsClusterMigration() throws IOException {
    Path cluster = root.resolve("cluster");
    CliRun r = migrate(oct, dec, cluster);
    assertThat(r.toString(), r.exitCode(), is(0));
    for (String f :
        List.of(
            "transitions.json",
            "transitions.csv",
            "forecast.json",
            "moves/part-00000-of-00001.avro")) {
      assertThat(
          f, Files.readAllBytes(both.resolve(f)), equalTo(Files.readAllBytes(cluster.resolve(f))));
    }
    assertThat(Files.exists(cluster.resolve("rfm")), is(false));
    JsonNode manifest = json(both.resolve("manifest.json"));
    List<String> outputs = new ArrayList<>();
    manifest.path("outputs").forEach(n -> outputs.add(n.asText()));
    assertThat(outputs.contains("rfm/moves/part-00000-of-00001.avro"), is(true));
    assertThat(manifest.path("segments").get(1).path("segments").asText(), equalTo("rfm"));
    assertThat(json(cluster.resolve("manifest.json")).has("segments"), is(false));
  }

  @Test
  public void theSummaryAndTheReportShowTheRfmMatrix() throws IOException {
    assertThat(bothRun.out(), containsString("RFM transitions"));
    assertThat(bothRun.out(), containsString("Forecast of RFM segment sizes"));
    String html = Files.readString(both.resolve("migration.html"));
    assertThat(html, containsString("<section id=\"rfm-matrix\"><h2>7. RFM segments: transition"));
    assertThat(html, containsString("<section id=\"matrix\"><h2>2. Transition matrix"));
    Set<String> names = new TreeSet<>();
    after.values().forEach(c -> names.add(c.getRfmSegment().toString()));
    for (String name : names) {
      assertThat(bothRun.out(), containsString(name));
      assertThat(html, containsString(name));
    }
    long stayed =
        json(both.resolve("rfm/transitions.json")).path("totals").path("same_segment_id").asLong();
    assertThat(bothRun.out(), containsString(stayed + " their RFM segment"));
  }

  @Test
  public void aRunWithoutRfmScoresOrABadFlagIsAUsageError() throws IOException {
    Path plain = root.resolve("plain");
    CliRun p =
        CliRun.of(
            "run",
            "--input",
            SampleRunTest.SAMPLE.toString(),
            "--output",
            plain.toString(),
            "--as-of",
            "2011-12-01",
            "--no-segmentation",
            "--no-report");
    assertThat(p.toString(), p.exitCode(), is(0));
    Path out = root.resolve("refused");
    CliRun rfm = migrate(oct, plain, out, "--segments", "rfm");
    assertThat(rfm.toString(), rfm.exitCode(), is(2));
    assertThat(rfm.segflowErrors(), containsString("--segments rfm"));
    assertThat(rfm.segflowErrors(), containsString("has no rfm_segment"));
    assertThat(rfm.segflowErrors(), containsString("--no-segmentation"));
    assertThat(Files.exists(out), is(false));
    // Without segments the clustering's comparison stays an input problem, as before.
    CliRun cluster = migrate(oct, plain, out);
    assertThat(cluster.toString(), cluster.exitCode(), is(3));
    for (String bad : List.of("RFM", "all", "")) {
      CliRun r = migrate(oct, dec, out, "--segments", bad);
      assertThat(bad, r.exitCode(), is(2));
      assertThat(r.segflowErrors(), containsString("--segments must be cluster, rfm or both"));
      assertThat(Files.exists(out), is(false));
    }
    CliRun missing = migrate(oct, dec, out, "--segments");
    assertThat(missing.toString(), missing.exitCode(), is(2));
  }

  @Test
  public void rerunningGivesTheSameBytes() throws IOException {
    Path again = root.resolve("again");
    CliRun r = migrate(oct, dec, again, "--segments", "both");
    assertThat(r.toString(), r.exitCode(), is(0));
    for (String f :
        List.of(
            "rfm/transitions.json",
            "rfm/transitions.csv",
            "rfm/forecast.json",
            "rfm/moves/part-00000-of-00001.avro",
            "migration.html")) {
      assertThat(
          f, Files.readAllBytes(again.resolve(f)), equalTo(Files.readAllBytes(both.resolve(f))));
    }
    assertThat(
        json(both.resolve("rfm/transitions.json")).path("from").path("customers").asInt(),
        equalTo(before.size()));
    assertThat(
        json(both.resolve("rfm/transitions.json")).path("to").path("customers").asInt(),
        equalTo(after.size()));
    JsonNode firstMove =
        json(both.resolve("rfm/transitions.json")).path("biggest_moves_between_segments").get(0);
    assertThat(firstMove.path("direction").asText(), equalTo(""));
    assertThat(firstMove.path("customers").asLong(), greaterThan(0L));
    assertThat(
        firstMove.path("from_name").asText(), not(equalTo(firstMove.path("to_name").asText())));
  }
}
