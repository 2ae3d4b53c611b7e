// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Bad RFM flags and rule tables stop the run at start with exit 2, naming the key. */
public class RfmFlagErrorsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path good;
  private Path output;

  @Before
  public void goodInput() throws IOException {
    good = tmp.getRoot().toPath().resolve("good.csv");
    Files.writeString(
        good, FatalErrorsTest.HEADER + FatalErrorsTest.GOOD_ROW, StandardCharsets.UTF_8);
    output = tmp.getRoot().toPath().resolve("out");
  }

  private CliRun run(String... flags) {
    String[] args = new String[flags.length + 5];
    args[0] = "run";
    args[1] = "--input";
    args[2] = good.toString();
    args[3] = "--output";
    args[4] = output.toString();
    System.arraycopy(flags, 0, args, 5, flags.length);
    return CliRun.of(args);
  }

  private void assertUsageError(CliRun r, String key) {
    assertThat(r.toString(), r.exitCode(), equalTo(2));
    assertThat("output folder after a failed run", Files.exists(output), is(false));
    assertThat("no Java stack trace for a user error", r.err(), not(containsString("\tat ")));
    assertThat(r.segflowErrors(), containsString(key));
  }

  private Path config(String yaml) throws IOException {
    Path file = tmp.getRoot().toPath().resolve("rfm.yaml");
    Files.writeString(file, yaml, StandardCharsets.UTF_8);
    return file;
  }

  @Test
  public void binsOutOfRange() {
    assertUsageError(run("--rfm-bins", "11"), "rfm.bins (--rfm-bins)");
  }

  @Test
  public void fixedWithoutCutPoints() {
    assertUsageError(run("--rfm-method", "fixed"), "rfm.recency_cuts (--rfm-recency-cuts)");
  }

  @Test
  public void cutPointsNotIncreasingOrOfTheWrongCount() {
    assertUsageError(
        run(
            "--rfm-method",
            "fixed",
            "--rfm-recency-cuts",
            "115,181,297,482",
            "--rfm-frequency-cuts",
            "4,5,5,8",
            "--rfm-monetary-cuts",
            "256,382,506,666"),
        "--rfm-frequency-cuts");
    assertUsageError(
        run(
            "--rfm-method",
            "fixed",
            "--rfm-recency-cuts",
            "115,181,297,482",
            "--rfm-frequency-cuts",
            "4,5,6,8",
            "--rfm-monetary-cuts",
            "256,382"),
        "--rfm-monetary-cuts");
  }

  @Test
  public void unknownMethod() {
    assertUsageError(run("--rfm-method", "deciles"), "rfm.method (--rfm-method)");
  }

  @Test
  public void ruleBoundBeyondTheBinsAndEmptyName() throws IOException {
    assertUsageError(
        run(
            "--config",
            config("rfm:\n  rules:\n    - name: Top\n      recency: [5, 6]\n").toString()),
        "rfm.rules[0].recency");
    assertUsageError(
        run(
            "--config",
            config("rfm:\n  rules:\n    - name: ' '\n      recency: [5, 5]\n").toString()),
        "rfm.rules[0].name");
  }

  @Test
  public void aRuleEarlierRulesCoverIsAWarning() throws IOException {
    Path c =
        config(
            """
            rfm:
              rules:
                - name: Recent
                  recency: [4, 5]
                - name: Very recent
                  recency: [5, 5]
            segmentation:
              enabled: false
            """);
    CliRun r = run("--config", c.toString());
    assertThat(r.toString(), r.err(), containsString("rule 'Very recent' can never match"));
  }
}
