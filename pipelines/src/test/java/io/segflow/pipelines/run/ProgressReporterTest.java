// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import org.junit.Test;

/** The reporter's logic with a hand-driven clock and counters: no waiting, no timing. */
public class ProgressReporterTest {
  private static final long SECOND = 1_000_000_000L;

  private final Map<String, Long> counters = new HashMap<>();
  private long now = 100 * SECOND;
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  private ProgressReporter reporter() {
    return new ProgressReporter(
        () -> new HashMap<>(counters),
        () -> now,
        new PrintStream(printed, true, StandardCharsets.UTF_8),
        5 * SECOND);
  }

  @Test
  public void printsAtMostOncePerIntervalWithRowsRateElapsedAndStage() {
    counters.put("rows_read", 1_000L); // left over from an earlier run in this JVM
    ProgressReporter r = reporter();
    now += 4 * SECOND;
    counters.put("rows_read", 401_000L);
    assertThat("not before the interval", r.tick(), nullValue());
    now += SECOND;
    assertThat(
        r.tick(),
        is("segflow: 400,000 rows read (80,000 rows/s), 0:05 elapsed; " + "stage: reading"));
    now += SECOND;
    assertThat(r.tick(), nullValue());

    now += 4 * SECOND;
    counters.put("rows_read", 1_001_000L);
    counters.put("parse_rows_out", 900_000L);
    counters.put("group_millis", 5L);
    assertThat(
        "the rate of the last interval",
        r.tick(),
        is(
            "segflow: 1,000,000 rows read "
                + "(120,000 rows/s), 0:10 elapsed; stage: grouping by customer"));
    now += 5 * SECOND;
    assertThat(
        "the average of the whole read once it stopped",
        r.tick(),
        is(
            "segflow: "
                + "1,000,000 rows read (read at 100,000 rows/s), 0:15 elapsed; stage: grouping by customer"));
    assertThat(printed.toString(StandardCharsets.UTF_8).split("\n").length, is(3));
  }

  @Test
  public void keepsTheStageWhileALongStepRunsAndShowsCustomers() {
    ProgressReporter r = reporter();
    counters.put("rows_read", 3_000_000L);
    counters.put("rows_used", 2_900_000L);
    counters.put("train_started", 1L);
    now += 6 * SECOND;
    assertThat(r.tick(), containsString("stage: training the model"));
    now += 3600 * SECOND; // training takes long; no counter moves
    assertThat(
        r.tick(),
        is(
            "segflow: 3,000,000 rows read (read at 500,000 rows/s), 1:00:06 "
                + "elapsed; stage: training the model"));
    counters.put("customers_assigned", 250_000L);
    now += 5 * SECOND;
    assertThat(
        r.tick(),
        containsString(
            "250,000 customers assigned, 1:00:11 elapsed; " + "stage: assigning segments"));
  }

  @Test
  public void saysSoWhenTheRunnerGivesNoLiveCounts() {
    ProgressReporter r = reporter();
    now += 65 * SECOND;
    assertThat(
        r.tick(),
        is(
            "segflow: 1:05 elapsed, no counts yet (a remote cluster reports them "
                + "only when the job ends)"));
  }

  @Test
  public void formatsElapsedTime() {
    assertThat(ProgressReporter.elapsed(0), is("0:00"));
    assertThat(ProgressReporter.elapsed(59.9), is("0:59"));
    assertThat(ProgressReporter.elapsed(3599), is("59:59"));
    assertThat(ProgressReporter.elapsed(3600 * 25 + 61), is("25:01:01"));
  }
}
