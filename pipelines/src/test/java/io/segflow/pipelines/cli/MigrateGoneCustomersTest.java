// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.RunFixture;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerMove;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A moving analysis window (cleaning.window.start a month later in each run) makes customers
 * disappear between runs: those who bought only before the later window. The migration lists them
 * as gone with their last segment, and the later run's history simply has no record for them.
 */
public class MigrateGoneCustomersTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final LocalDateTime LATER_START = LocalDateTime.of(2011, 3, 1, 0, 0);
  private static Path earlier;
  private static Path later;
  private static Path migration;
  private static Map<String, CustomerRecord> before;
  private static Map<String, CustomerRecord> after;

  private static CliRun run(Path out, String asOf, String windowStart, String... extra)
      throws Exception {
    Path config = TMP.getRoot().toPath().resolve("window-" + windowStart + ".yaml");
    Files.writeString(config, "cleaning:\n  window:\n    start: " + windowStart + "\n");
    java.util.List<String> args =
        new java.util.ArrayList<>(
            java.util.List.of(
                "run",
                "--config",
                config.toString(),
                "--input",
                SampleRunTest.SAMPLE.toString(),
                "--output",
                out.toString(),
                "--as-of",
                asOf,
                "--k",
                "4",
                "--no-report"));
    args.addAll(java.util.List.of(extra));
    return CliRun.of(args.toArray(String[]::new));
  }

  @BeforeClass
  public static void twoWindowsThenMigrate() throws Exception {
    Path root = TMP.getRoot().toPath();
    earlier = root.resolve("oct");
    later = root.resolve("dec");
    CliRun a = run(earlier, "2011-10-01", "2011-01-01");
    assertThat(a.toString(), a.exitCode(), is(0));
    CliRun b = run(later, "2011-12-01", "2011-03-01", "--previous-run", earlier.toString());
    assertThat(b.toString(), b.exitCode(), is(0));
    before = SegflowOutput.read(earlier).customersById();
    after = SegflowOutput.read(later).customersById();
    migration = root.resolve("migration");
    CliRun m =
        CliRun.of(
            "migrate",
            "--from",
            earlier.toString(),
            "--to",
            later.toString(),
            "--output",
            migration.toString());
    assertThat(m.toString(), m.exitCode(), is(0));
  }

  @Test
  public void goneAreExactlyTheCustomersWhoBoughtOnlyBeforeTheLaterWindow() {
    Set<String> gone = new TreeSet<>();
    for (CustomerRecord c : before.values()) {
      boolean onlyBefore = c.getLastPurchase().isBefore(LATER_START);
      if (!after.containsKey(c.getCustomerId())) {
        gone.add(c.getCustomerId());
        assertThat(
            c.getCustomerId() + " is gone but bought in the later window", onlyBefore, is(true));
      }
    }
    assertThat(gone.size(), greaterThan(0));
    assertThat(gone.size(), lessThan(before.size()));
  }

  @Test
  public void movesListTheGoneWithTheirLastSegment() throws Exception {
    Set<String> listed = new TreeSet<>();
    for (CustomerMove m : RunFixture.moves(migration)) {
      if (!"gone".equals(m.getChange())) {
        continue;
      }
      listed.add(m.getCustomerId());
      CustomerRecord last = before.get(m.getCustomerId());
      assertThat(m.getFromSegment(), equalTo(last.getSegmentId()));
      assertThat(m.getFromSegmentName(), equalTo(last.getSegmentName()));
      assertThat(m.getToSegment(), nullValue());
      assertThat(m.getFromAsOfDate(), equalTo(LocalDate.of(2011, 10, 1)));
    }
    Set<String> expected = new TreeSet<>(before.keySet());
    expected.removeAll(after.keySet());
    assertThat(listed, equalTo(expected));
    long totalGone =
        new ObjectMapper()
            .readTree(migration.resolve("transitions.json").toFile())
            .path("totals")
            .path("gone")
            .asLong();
    assertThat(totalGone, equalTo((long) expected.size()));
  }

  @Test
  public void theLaterRunsHistoryMatchesTheEarlierRun() {
    for (CustomerRecord c : after.values()) {
      CustomerRecord b = before.get(c.getCustomerId());
      assertThat(c.getPreviousSegmentId(), equalTo(b == null ? null : b.getSegmentId()));
      assertThat(c.getPreviousRfmSegment(), equalTo(b == null ? null : b.getRfmSegment()));
      if (b == null) {
        assertThat(c.getSegmentSince(), equalTo(LocalDate.of(2011, 12, 1)));
      }
    }
  }
}
