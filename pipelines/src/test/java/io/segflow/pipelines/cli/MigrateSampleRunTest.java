// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
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
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Two real runs of the shipped sample (as of 2011-09-01 and 2011-12-10, k = 4), then {@code segflow
 * migrate} between them, checked against a count made here from the two runs' customers/ folders.
 */
public class MigrateSampleRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path earlier;
  private static Path later;
  private static Path migration;
  private static CliRun migrate;
  private static Map<String, CustomerRecord> before;
  private static Map<String, CustomerRecord> after;

  @BeforeClass
  public static void runBothThenMigrate() {
    Path root = TMP.getRoot().toPath();
    earlier = root.resolve("as_of=2011-09-01");
    later = root.resolve("as_of=2011-12-10");
    for (Path out : List.of(earlier, later)) {
      CliRun r =
          CliRun.of(
              "run",
              "--input",
              SampleRunTest.SAMPLE.toString(),
              "--output",
              out.toString(),
              "--as-of",
              out.getFileName().toString().substring(6),
              "--k",
              "4",
              "--no-report");
      assertThat(r.toString(), r.exitCode(), equalTo(0));
    }
    before = SegflowOutput.read(earlier).customersById();
    after = SegflowOutput.read(later).customersById();
    migration = root.resolve("migration");
    migrate =
        CliRun.of(
            "migrate",
            "--from",
            earlier.toString(),
            "--to",
            later.toString(),
            "--output",
            migration.toString(),
            "--forecast-periods",
            "4");
  }

  private static JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(migration.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  public void publishesEveryFileWithSuccessLast() {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    for (String f :
        List.of(
            "_SUCCESS",
            "manifest.json",
            "transitions.json",
            "transitions.csv",
            "forecast.json",
            "migration.html",
            "moves/part-00000-of-00001.avro")) {
      assertThat(f, Files.isRegularFile(migration.resolve(f)), is(true));
    }
    assertThat(SegflowOutput.leftoversBeside(migration), is(empty()));
    assertThat(migrate.out(), containsString("Segflow migrate complete: "));
    assertThat(migrate.out(), containsString("customers of both runs"));
  }

  @Test
  public void matrixEqualsACountFromTheTwoCustomerFolders() {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    // The earlier run sees fewer customers (rows after its as-of date are rejected).
    assertThat(after.size(), greaterThan(before.size()));
    Map<String, Long> expected = new TreeMap<>();
    Set<String> union = new TreeSet<>(before.keySet());
    union.addAll(after.keySet());
    for (String id : union) {
      CustomerRecord a = before.get(id);
      CustomerRecord b = after.get(id);
      String key =
          (a == null ? "new" : a.getSegmentId().toString())
              + ">"
              + (b == null ? "gone" : b.getSegmentId().toString());
      expected.merge(key, 1L, Long::sum);
    }
    JsonNode t = json("transitions.json");
    Map<String, Long> actual = new TreeMap<>();
    long total = 0;
    for (int i = 0; i < t.path("rows").size(); i++) {
      double sum = 0;
      for (int j = 0; j < t.path("columns").size(); j++) {
        long n = t.path("counts").get(i).get(j).asLong();
        total += n;
        if (n > 0) {
          actual.put(t.path("rows").get(i).asText() + ">" + t.path("columns").get(j).asText(), n);
        }
        sum += t.path("probabilities").get(i).get(j).asDouble();
      }
      assertThat("row " + t.path("rows").get(i) + " sums to 1", sum, closeTo(1, 1e-9));
    }
    assertThat(actual, equalTo(expected));
    assertThat(total, equalTo((long) union.size()));
    long onlyLater = after.keySet().stream().filter(id -> !before.containsKey(id)).count();
    long onlyEarlier = before.keySet().stream().filter(id -> !after.containsKey(id)).count();
    assertThat(onlyLater, greaterThan(0L));
    JsonNode totals = t.path("totals");
    assertThat(totals.path("customers_of_both_runs").asLong(), equalTo((long) union.size()));
    assertThat(totals.path("new").asLong(), equalTo(onlyLater));
    assertThat(totals.path("gone").asLong(), equalTo(onlyEarlier));
    int last = t.path("rows").size() - 1;
    assertThat(t.path("rows").get(last).asText(), equalTo("new"));
    assertThat(t.path("row_totals").get(last).asLong(), equalTo(onlyLater));
    assertThat(
        t.path("column_totals").get(t.path("columns").size() - 1).asLong(), equalTo(onlyEarlier));
    assertThat(t.path("from").path("as_of_date").asText(), equalTo("2011-09-01"));
    assertThat(t.path("to").path("as_of_date").asText(), equalTo("2011-12-10"));
  }

  @Test
  public void namesComeFromEachRunAndRenamedIdsAreListed() {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    Map<Integer, String> namesBefore = new TreeMap<>();
    before.values().forEach(c -> namesBefore.put(c.getSegmentId(), c.getSegmentName()));
    Map<Integer, String> namesAfter = new TreeMap<>();
    after.values().forEach(c -> namesAfter.put(c.getSegmentId(), c.getSegmentName()));
    Set<Integer> renamed = new TreeSet<>();
    namesBefore.forEach(
        (id, name) -> {
          if (namesAfter.containsKey(id) && !namesAfter.get(id).equals(name)) {
            renamed.add(id);
          }
        });
    JsonNode t = json("transitions.json");
    Set<Integer> listed = new TreeSet<>();
    for (JsonNode r : t.path("renamed_segments")) {
      listed.add(r.path("id").asInt());
      assertThat(r.path("name_from").asText(), equalTo(namesBefore.get(r.path("id").asInt())));
      assertThat(r.path("name_to").asText(), equalTo(namesAfter.get(r.path("id").asInt())));
    }
    assertThat(listed, equalTo(renamed));
    for (int i = 0; i < t.path("rows").size() - 1; i++) {
      assertThat(
          t.path("row_names").get(i).asText(),
          equalTo(namesBefore.get(t.path("rows").get(i).asInt())));
    }
  }

  @Test
  public void movesHoldEveryCustomerOfBothRunsSortedWithTheirSegments() {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    List<CustomerMove> moves = RunFixture.moves(migration);
    Set<String> union = new TreeSet<>(before.keySet());
    union.addAll(after.keySet());
    assertThat(
        moves.stream().map(CustomerMove::getCustomerId).toList(), equalTo(List.copyOf(union)));
    Set<String> changes = new HashSet<>();
    for (CustomerMove m : moves) {
      CustomerRecord a = before.get(m.getCustomerId());
      CustomerRecord b = after.get(m.getCustomerId());
      assertThat(m.getFromSegment(), equalTo(a == null ? null : a.getSegmentId()));
      assertThat(m.getFromSegmentName(), equalTo(a == null ? null : a.getSegmentName()));
      assertThat(m.getToSegment(), equalTo(b == null ? null : b.getSegmentId()));
      assertThat(m.getToSegmentName(), equalTo(b == null ? null : b.getSegmentName()));
      assertThat(m.getFromAsOfDate(), equalTo(LocalDate.of(2011, 9, 1)));
      assertThat(m.getToAsOfDate(), equalTo(LocalDate.of(2011, 12, 10)));
      String change =
          a == null
              ? "new"
              : b == null ? "gone" : a.getSegmentId().equals(b.getSegmentId()) ? "stayed" : "moved";
      assertThat(m.getCustomerId(), m.getChange(), equalTo(change));
      changes.add(change);
    }
    assertThat(changes, equalTo(Set.of("new", "stayed", "moved")));
  }

  @Test
  public void forecastConservesCustomersAndStartsFromTheLaterRun() {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    JsonNode f = json("forecast.json");
    JsonNode periods = f.path("forecast");
    assertThat(periods.size(), equalTo(5));
    assertThat(f.path("period_days").asLong(), equalTo(100L));
    JsonNode observed = periods.get(0);
    assertThat(observed.path("total").asDouble(), closeTo(after.size(), 0));
    Map<Integer, Long> sizes = new TreeMap<>();
    after.values().forEach(c -> sizes.merge(c.getSegmentId(), 1L, Long::sum));
    int k = 0;
    for (long size : sizes.values()) {
      assertThat(observed.path("sizes").get(k++).asDouble(), closeTo((double) size, 0));
    }
    long onlyLater = after.keySet().stream().filter(id -> !before.containsKey(id)).count();
    for (int p = 1; p < periods.size(); p++) {
      JsonNode n = periods.get(p);
      assertThat(n.path("arrived").asDouble(), closeTo((double) onlyLater, 0));
      assertThat(
          n.path("total").asDouble(),
          closeTo(
              periods.get(p - 1).path("total").asDouble()
                  + n.path("arrived").asDouble()
                  - n.path("left").asDouble(),
              1e-3));
    }
    assertThat(periods.get(1).path("as_of_date").asText(), equalTo("2012-03-19"));
    assertThat(f.path("assumptions").size(), greaterThan(3));
  }

  @Test
  public void reportIsSelfContainedWithASankeyAndTheMatrix() throws IOException {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    String html = Files.readString(migration.resolve("migration.html"));
    assertThat(
        html, containsString("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart sankey\""));
    assertThat(html, containsString("class=\"flow\""));
    assertThat(html, containsString("id=\"matrix\""));
    assertThat(html, containsString("class=\"chart lines\""));
    for (String network : List.of("src=", "href=\"http", "url(", "@import", "<script", "<link")) {
      assertThat(network, html, not(containsString(network)));
    }
    long flowCustomers =
        Arrays.stream(html.split("class=\"flow\""))
            .skip(1)
            .mapToLong(s -> Long.parseLong(s.replaceFirst("(?s).*?data-count=\"(\\d+)\".*", "$1")))
            .sum();
    Set<String> union = new TreeSet<>(before.keySet());
    union.addAll(after.keySet());
    assertThat(flowCustomers, equalTo((long) union.size()));
  }

  @Test
  public void sameRunsGiveByteIdenticalFilesAndARerunReplacesTheOutput() throws IOException {
    assertThat(migrate.toString(), migrate.exitCode(), equalTo(0));
    Path again = TMP.getRoot().toPath().resolve("migration-again");
    CliRun second =
        CliRun.of(
            "migrate",
            "--from",
            earlier.toString(),
            "--to",
            later.toString(),
            "--output",
            again.toString(),
            "--forecast-periods",
            "4");
    assertThat(second.toString(), second.exitCode(), equalTo(0));
    Map<String, byte[]> first = files(migration);
    Map<String, byte[]> repeat = files(again);
    assertThat(repeat.keySet(), equalTo(first.keySet()));
    first.forEach(
        (name, bytes) -> {
          if (!name.equals("manifest.json")) {
            assertThat(name + " differs", Arrays.equals(bytes, repeat.get(name)), is(true));
          }
        });
    CliRun rerun =
        CliRun.of(
            "migrate",
            "--from",
            earlier.toString(),
            "--to",
            later.toString(),
            "--output",
            again.toString(),
            "--forecast-periods",
            "4");
    assertThat(rerun.toString(), rerun.exitCode(), equalTo(0));
    assertThat(SegflowOutput.leftoversBeside(again), is(empty()));
    assertThat(
        Arrays.equals(files(again).get("transitions.json"), first.get("transitions.json")),
        is(true));
  }

  private static Map<String, byte[]> files(Path dir) throws IOException {
    Map<String, byte[]> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Files.readAllBytes(p));
      }
    }
    return files;
  }
}
