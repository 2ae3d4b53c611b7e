// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.output.TargetLock;
import io.segflow.pipelines.testing.SegflowProcess;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run killed with SIGKILL in the middle (a separate JVM) leaves no complete-looking output: no
 * folder under the output name, no _SUCCESS anywhere; the next run to the same output succeeds and
 * removes the dead run's staging folder: the operating system released the dead run's locks.
 */
public class KillMidRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Process start(Path input, Path out) throws IOException {
    return SegflowProcess.start(
        TMP.getRoot().toPath().resolve("child.log"),
        "run",
        "--input",
        input.toString(),
        "--output",
        out.toString(),
        "--no-segmentation");
  }

  private static List<Path> stagingFolders(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(
              p -> p.getFileName().toString().startsWith("." + out.getFileName() + ".segflow-"))
          .collect(Collectors.toList());
    }
  }

  @Test
  public void killedRunPublishesNothingAndTheNextRunSucceeds() throws Exception {
    // ~400,000 lines of 4,000 customers: long enough to be killed while running.
    Path input = SegflowProcess.bigInput(TMP.getRoot().toPath().resolve("big.csv.gz"), 400_000);
    Path out = TMP.getRoot().toPath().resolve("out");
    Process run = start(input, out);
    // Wait until the run is writing into its staging folder, then kill it without warning.
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (stagingFolders(out).stream().noneMatch(Files::isDirectory)
        && run.isAlive()
        && System.nanoTime() < deadline) {
      Thread.sleep(50);
    }
    assertThat("the run holds the output's lock", TargetLock.isHeld(out), is(true));
    Thread.sleep(500);
    assertThat("the run was still going when killed", run.isAlive(), is(true));
    run.destroyForcibly().waitFor(30, TimeUnit.SECONDS);

    assertThat("no folder under the output name", Files.exists(out), is(false));
    assertThat("the killed run's lock was released", TargetLock.isHeld(out), is(false));
    assertThat(
        "the dead run left its staging folder behind",
        stagingFolders(out).stream().anyMatch(Files::isDirectory),
        is(true));
    for (Path staging : stagingFolders(out)) {
      assertThat(
          "the dead run's staging folder is not complete-looking",
          Files.exists(staging.resolve("_SUCCESS"))
              || Files.exists(staging.resolve("manifest.json")),
          is(false));
    }

    Process again = start(input, out);
    assertThat(again.waitFor(180, TimeUnit.SECONDS), is(true));
    assertThat(
        Files.readString(TMP.getRoot().toPath().resolve("child.log")),
        again.exitValue(),
        equalTo(0));
    assertThat(Files.exists(out.resolve("_SUCCESS")), is(true));
    assertThat(
        "the dead run's staging folder (and its lock file) was removed",
        stagingFolders(out).stream().filter(p -> !p.equals(TargetLock.lockFileOf(out))).toList(),
        is(empty()));
    assertThat(new File(out.toFile(), "customers").isDirectory(), is(true));
  }
}
