// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assume.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code --clv-holdout-days} on the raw CDNOW sample: 39 weeks of calibration (1997-01-01 to
 * 1997-09-30) and 39 weeks of holdout (to 1998-06-30), every purchase row counted. The holdout
 * figures must equal the scipy oracle's (models' {@code oracle_holdout_sample.csv}, the same
 * fixture as {@code HoldoutCheckTest}) on both row paths; the calibration fit must be the published
 * one. Skipped, naming the path, where the shared CDNOW files are absent.
 */
public class ClvHoldoutRunTest {
  static final Path ORACLE = Path.of("../models/src/test/resources/clv/oracle_holdout_sample.csv");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path summaries;
  private static Path grouped;
  private static CliRun summariesRun;
  private static CliRun groupedRun;

  @BeforeClass
  public static void runOnCdnow() throws IOException {
    assumeTrue(
        "the CDNOW sample is not at " + ClvCdnowRunTest.SAMPLE.toAbsolutePath(),
        Files.isRegularFile(ClvCdnowRunTest.SAMPLE));
    // The published fits count every purchase day, repeated and zero-value rows included.
    String cleaning = "cleaning:\n  duplicates: false\n  non_positive_price: false\n";
    summaries = TMP.getRoot().toPath().resolve("summaries");
    summariesRun = run(config("summaries.yaml", cleaning), summaries, "273");
    // A transaction fence nothing crosses sends the rows down the grouped row path.
    grouped = TMP.getRoot().toPath().resolve("grouped");
    groupedRun =
        run(
            config(
                "grouped.yaml",
                cleaning
                    + "outliers:\n  transaction:\n    method: zscore\n    param: 1000\n    fields: [line_total]\n"),
            grouped,
            "273");
  }

  private static Path config(String name, String text) throws IOException {
    Path config = TMP.getRoot().toPath().resolve(name);
    Files.writeString(config, text);
    return config;
  }

  static CliRun run(Path config, Path output, String holdoutDays, String... more) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--config",
                config.toString(),
                "--input",
                ClvCdnowRunTest.SAMPLE.toString(),
                "--output",
                output.toString(),
                "--no-segmentation"));
    args.addAll(ClvCdnowRunTest.SAMPLE_MAPPING);
    args.addAll(
        List.of(
            "--as-of", "1998-07-01", "--clv-time-unit", "week", "--clv-holdout-days", holdoutDays));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }

  @Test
  public void theHoldoutFiguresAreTheOraclesOnTheSummariesPath() throws IOException {
    assertEqualsOracle(summariesRun, summaries);
  }

  @Test
  public void theGroupedRowPathGivesTheSameHoldout() throws IOException {
    assertEqualsOracle(groupedRun, grouped);
    JsonNode a = SegflowOutput.read(summaries).json("clv.json").path("holdout");
    JsonNode b = SegflowOutput.read(grouped).json("clv.json").path("holdout");
    assertThat(b, equalTo(a));
  }

  @Test
  public void theScoresComeFromTheWholePeriodAndTheSummarySaysSo() {
    assertThat(summariesRun.toString(), summariesRun.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(summaries);
    JsonNode clv = out.json("clv.json");
    // the whole-period fit: every customer of the 78 weeks, not the calibration's
    assertThat(clv.path("bg_nbd").path("customers").asLong(), is(2_357L));
    assertThat(
        clv.path("bg_nbd").path("r").asDouble(),
        is(
            org.hamcrest.Matchers.not(
                closeTo(
                    clv.path("holdout").path("calibration_fit").path("bg_nbd").path("r").asDouble(),
                    1e-3))));
    assertThat(clv.path("holdout").path("scores_from").asText(), containsString("whole period"));
    assertThat(
        summariesRun.out(),
        containsString(
            "  holdout check  1997-10-01..1998-06-30 from a fit on 1997-01-01..1997-09-30: 0.7015 predicted / 0.7985 actual"));
    assertThat(summariesRun.out(), containsString("scores use the fit on every day"));
  }

  /** report.html draws the calibration/holdout chart from clv.json's figures, with MAE and r. */
  @Test
  public void theReportDrawsTheHoldoutChart() throws IOException {
    assertThat(summariesRun.toString(), summariesRun.exitCode(), is(0));
    String html = Files.readString(summaries.resolve("report.html"));
    JsonNode h = SegflowOutput.read(summaries).json("clv.json").path("holdout");
    assertThat(html, containsString("<h3>Holdout check</h3>"));
    assertThat(html, containsString("class=\"chart paired-bars\""));
    for (JsonNode row : h.path("by_calibration_frequency")) {
      String x = row.path("frequency").asInt() + (row.path("and_above").asBoolean() ? "+" : "");
      assertThat(
          html,
          containsString(
              "data-label=\""
                  + x
                  + " actual\" data-value=\""
                  + row.path("mean_actual").asDouble()));
      assertThat(
          html,
          containsString(
              "data-label=\""
                  + x
                  + " predicted\" data-value=\""
                  + row.path("mean_predicted").asDouble()));
    }
    assertThat(html, containsString("mean absolute error"));
    assertThat(html, containsString("correlation (Pearson)"));
    // the parameters row says how the scores' fit was made, not clv.json's raw "yes: ..."
    assertThat(html, containsString("fitted on every customer of this run"));
    assertThat(html.contains("yes: on every customer"), is(false));
  }

  /**
   * As-of 1998-07-01 less 600 days is 1996-11-08, before the sample's first purchase (1997-01-01):
   * nothing to calibrate on. The run stops with exit code 2, names the flag and publishes nothing.
   */
  @Test
  public void aHoldoutLongerThanTheHistoryStopsTheRunNamingTheFlag() throws IOException {
    Path config = config("long.yaml", "cleaning:\n  duplicates: false\n");
    Path output = TMP.getRoot().toPath().resolve("too-long");
    CliRun r = run(config, output, "600", "--no-report");
    assertThat(r.toString(), r.exitCode(), is(2));
    assertThat(r.err(), containsString("--clv-holdout-days"));
    assertThat(r.err(), containsString("no purchase before it to calibrate on"));
    assertThat(Files.exists(output.resolve("manifest.json")), is(false));
    assertThat(Files.exists(output.resolve("clv.json")), is(false));
    assertThat(SegflowOutput.leftoversBeside(output), equalTo(List.of()));
  }

  @Test
  public void aHoldoutBelowOneDayIsRefused() throws IOException {
    Path output = TMP.getRoot().toPath().resolve("zero");
    CliRun r = run(config("zero.yaml", ""), output, "0", "--no-report");
    assertThat(r.toString(), r.exitCode(), is(2));
    assertThat(r.err(), containsString("clv.holdout_days (--clv-holdout-days) must be"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  public void aHoldoutWithoutTheClvStageIsRefused() throws IOException {
    Path output = TMP.getRoot().toPath().resolve("no-clv");
    CliRun r = run(config("noclv.yaml", ""), output, "30", "--no-clv", "--no-report");
    assertThat(r.toString(), r.exitCode(), is(2));
    assertThat(r.err(), containsString("--no-clv"));
    assertThat(r.err(), containsString("--clv-holdout-days"));
    assertThat(Files.exists(output), is(false));
  }

  private static void assertEqualsOracle(CliRun run, Path output) throws IOException {
    assertThat(run.toString(), run.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);
    Map<String, Double> oracle = new HashMap<>();
    for (String line : Files.readAllLines(ORACLE, StandardCharsets.UTF_8).subList(1, 0 + lines())) {
      String[] kv = line.split(",", 2);
      oracle.put(kv[0], Double.parseDouble(kv[1]));
    }
    JsonNode h = out.json("clv.json").path("holdout");
    JsonNode fit = h.path("calibration_fit").path("bg_nbd");
    for (String p : List.of("r", "alpha", "a", "b")) {
      assertRelative(p, fit.path(p).asDouble(), oracle.get(p));
    }
    // and the published calibration fit (Fader, Hardie & Lee 2005) within 0.5 %
    assertRelative("published r", fit.path("r").asDouble(), 0.2426, 5e-3);
    assertRelative("published alpha", fit.path("alpha").asDouble(), 4.4135, 5e-3);
    assertRelative("published a", fit.path("a").asDouble(), 0.7929, 5e-3);
    assertRelative("published b", fit.path("b").asDouble(), 2.4258, 5e-3);
    assertThat(fit.path("customers").asLong(), is(2_357L));
    assertThat(h.path("calibration_start").asText(), equalTo("1997-01-01"));
    assertThat(h.path("calibration_end").asText(), equalTo("1997-09-30"));
    assertThat(h.path("holdout_start").asText(), equalTo("1997-10-01"));
    assertThat(h.path("holdout_end").asText(), equalTo("1998-06-30"));
    assertThat(h.path("calibration_days").asLong(), is(273L));
    assertThat(h.path("holdout_days").asLong(), is(273L));
    assertThat(h.path("customers").asLong(), is(oracle.get("customers").longValue()));
    assertRelative(
        "mean predicted", h.path("mean_predicted").asDouble(), oracle.get("mean_predicted"));
    assertThat(h.path("mean_actual").asDouble(), closeTo(oracle.get("mean_actual"), 1e-12));
    assertRelative(
        "MAE", h.path("mean_absolute_error").asDouble(), oracle.get("mean_absolute_error"));
    assertRelative("correlation", h.path("correlation").asDouble(), oracle.get("correlation"));
    JsonNode rows = h.path("by_calibration_frequency");
    assertThat(rows.size(), is(8));
    for (JsonNode row : rows) {
      int k = row.path("frequency").asInt();
      assertThat(row.path("and_above").asBoolean(), is(k == 7));
      assertThat(row.path("customers").asLong(), is(oracle.get("customers_" + k).longValue()));
      assertThat(
          row.path("mean_actual").asDouble(), closeTo(oracle.get("mean_actual_" + k), 1e-12));
      assertRelative(
          "predicted " + k,
          row.path("mean_predicted").asDouble(),
          oracle.get("mean_predicted_" + k));
    }
  }

  private static int lines() throws IOException {
    return Files.readAllLines(ORACLE, StandardCharsets.UTF_8).size();
  }

  private static void assertRelative(String what, double actual, double expected) {
    assertRelative(what, actual, expected, 1e-4);
  }

  private static void assertRelative(String what, double actual, double expected, double rel) {
    assertThat(what, actual, closeTo(expected, Math.abs(expected) * rel));
  }
}
