// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Bad values of the segmentation flags are usage errors: exit 2, one message on stderr naming the
 * flag and the value, no stack trace and nothing published. They must be caught while the run is
 * planned, whatever the input, so a one-row input suffices.
 */
public class SegmentationFlagErrorsTest {
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

  private void assertUsageError(CliRun r, String key, String value) {
    assertThat(r.toString(), r.exitCode(), equalTo(2));
    assertThat("output folder after a failed run", Files.exists(output), is(false));
    assertThat(SegflowOutput.leftoversBeside(output), is(empty()));
    assertThat("no Java stack trace for a user error", r.err(), not(containsString("\tat ")));
    assertThat(r.segflowErrors(), containsString(key));
    assertThat(r.segflowErrors(), containsString(value));
  }

  @Test
  public void unknownAlgorithmIsExit2NamingTheFlag() {
    CliRun r = run("--algorithm", "foo");
    assertUsageError(r, "--algorithm", "foo");
    assertThat("lists the choices", r.segflowErrors(), containsString("dbscan"));
  }

  @Test
  public void nonNumericEpsIsExit2NamingTheFlag() {
    assertUsageError(run("--eps", "abc"), "--eps", "abc");
  }

  @Test
  public void negativeEpsForDbscanIsExit2NamingEps() {
    assertUsageError(run("--algorithm", "dbscan", "--eps", "-1"), "eps", "-1");
  }

  @Test
  public void negativeEpsForCompareIsExit2NamingEps() {
    assertUsageError(run("--algorithm", "compare", "--eps", "-1"), "eps", "-1");
  }

  @Test
  public void negativeEpsIsExit2WhateverTheAlgorithm() {
    assertUsageError(run("--eps", "-1"), "eps", "-1");
  }

  @Test
  public void infiniteEpsIsExit2() {
    assertUsageError(run("--algorithm", "dbscan", "--eps", "Infinity"), "eps", "Infinity");
  }

  @Test
  public void minPointsOfOneIsExit2() {
    assertUsageError(run("--algorithm", "dbscan", "--min-points", "1"), "min", "1");
  }
}
