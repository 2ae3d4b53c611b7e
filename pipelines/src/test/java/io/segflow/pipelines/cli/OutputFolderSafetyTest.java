// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** What {@code --output} may replace, and that a failed run replaces nothing. */
public class OutputFolderSafetyTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path first;
  private Path second;
  private Path cancelled;
  private Path output;

  @Before
  public void inputs() throws IOException {
    Path root = tmp.getRoot().toPath();
    first = root.resolve("first.csv");
    Files.writeString(first, FatalErrorsTest.HEADER + FatalErrorsTest.GOOD_ROW);
    second = root.resolve("second.csv");
    Files.writeString(
        second,
        FatalErrorsTest.HEADER
            + "536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France\n"
            + "536371,22086,PAPER CHAIN KIT 50'S CHRISTMAS ,80,2010-12-01 09:00:00,2.55,13748,United Kingdom\n");
    cancelled = root.resolve("cancelled.csv");
    Files.writeString(
        cancelled,
        FatalErrorsTest.HEADER
            + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom\n");
    output = root.resolve("out");
  }

  private CliRun run(Path input, String... extra) {
    String[] args = {
      "run", "--input", input.toString(), "--output", output.toString(), "--no-segmentation"
    };
    String[] all = Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  public void refusesAFolderOfOtherFilesThenReplacesItWithOverwrite() throws IOException {
    Files.createDirectories(output);
    Path precious = output.resolve("thesis.docx");
    Files.writeString(precious, "years of work");

    CliRun refused = run(first);
    assertThat(refused.toString(), refused.exitCode(), equalTo(5));
    assertThat("names the folder", refused.segflowErrors(), containsString(output.toString()));
    assertThat("names the fix", refused.segflowErrors(), containsString("--overwrite"));
    assertThat(Files.readString(precious), equalTo("years of work"));
    assertThat(Files.exists(output.resolve("_SUCCESS")), is(false));
    assertThat(SegflowOutput.leftoversBeside(output), is(empty()));

    CliRun replaced = run(first, "--overwrite");
    assertThat(replaced.toString(), replaced.exitCode(), equalTo(0));
    assertThat("the folder is replaced, not merged", Files.exists(precious), is(false));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);
    assertThat(out.customersById().keySet(), equalTo(Set.of("17850")));
  }

  @Test
  public void aManifestOfAnotherToolIsNotTakenForASegflowOutput() throws IOException {
    Files.createDirectories(output);
    // Another tool's manifest that quotes one of Segflow's: only its own "tool" field counts.
    String other = "{\"tool\": \"other\", \"copied_from\": {\"tool\" : \"segflow\"}}";
    Files.writeString(output.resolve("manifest.json"), other);
    CliRun refused = run(first);
    assertThat(refused.toString(), refused.exitCode(), equalTo(5));
    assertThat(Files.readString(output.resolve("manifest.json")), equalTo(other));
  }

  @Test
  public void replacesAPreviousSegflowOutputWholeAndAFailedRunLeavesItUntouched()
      throws IOException {
    CliRun firstRun = run(first);
    assertThat(firstRun.toString(), firstRun.exitCode(), equalTo(0));
    Files.writeString(output.resolve("customers").resolve("part-00007-of-00009.avro"), "stale");

    CliRun secondRun = run(second);
    assertThat(secondRun.toString(), secondRun.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);
    assertThat(out.customersById().keySet(), equalTo(Set.of("12583", "13748")));
    assertThat(
        "files of the previous output do not survive",
        Files.exists(output.resolve("customers").resolve("part-00007-of-00009.avro")),
        is(false));

    Map<String, String> before = snapshot(output);
    CliRun failed = run(cancelled);
    assertThat(failed.toString(), failed.exitCode(), equalTo(4));
    assertThat("previous output after a failed run", snapshot(output), equalTo(before));
    assertThat(SegflowOutput.leftoversBeside(output), is(empty()));

    CliRun badConfig = run(second, "--as-of", "yesterday");
    assertThat(badConfig.toString(), badConfig.exitCode(), equalTo(2));
    assertThat("previous output after a rejected config", snapshot(output), equalTo(before));
  }

  /** Every file under {@code dir} with a digest of its bytes. */
  private static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        files.put(dir.relativize(p).toString(), Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return files;
  }
}
