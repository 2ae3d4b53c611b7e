// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.output.TargetLock;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.RunFixture;
import io.segflow.pipelines.testing.SegflowProcess;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;
import org.junit.rules.Timeout;

/**
 * One writer per output target, across JVMs: a run in a separate JVM holds the target while this
 * JVM's run tries to write it too.
 */
public class OutputLockTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  private static final int BIG_ROWS = 100_000;
  private static final int SAMPLE_ROWS = 27_621;

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  @Rule public final Timeout timeout = new Timeout(240, TimeUnit.SECONDS);

  private static Path big;

  @BeforeClass
  public static void makeInput() throws IOException {
    big = SegflowProcess.bigInput(TMP.getRoot().toPath().resolve("big.csv.gz"), BIG_ROWS);
  }

  private static Process startBigRun(Path out, Path log, String... extra) throws IOException {
    String[] args = {
      "run", "--input", big.toString(), "--output", out.toString(), "--no-segmentation", "--quiet"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return SegflowProcess.start(log, all);
  }

  private static CliRun sampleRun(Path out, String... extra) {
    String[] args = {
      "run",
      "--input",
      SAMPLE.toString(),
      "--output",
      out.toString(),
      "--no-segmentation",
      "--quiet"
    };
    String[] all = java.util.Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }

  private static JsonNode manifest(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
  }

  private static void awaitLock(Process child, Path target) throws InterruptedException {
    assertThat(
        "the other JVM took the lock",
        SegflowProcess.await(() -> TargetLock.isHeld(target) || !child.isAlive(), 60),
        is(true));
    assertThat("the other JVM is running", child.isAlive(), is(true));
  }

  @Test
  public void aSecondRunIntoALockedOutputExits5AndTheFirstPublishesItsOwnOutput() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("locked");
    Path log = TMP.getRoot().toPath().resolve("locked.log");
    Process first = startBigRun(out, log);
    awaitLock(first, out);

    long t0 = System.nanoTime();
    CliRun second = sampleRun(out);
    long seconds = TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - t0);

    assertThat(second.toString(), second.exitCode(), equalTo(5));
    assertThat("refused at once", seconds < 20, is(true));
    String message = second.segflowErrors();
    assertThat(message, containsString("is being written by another run"));
    assertThat(message, containsString("pid " + first.pid()));
    assertThat(message, containsString("--wait-for-lock"));
    assertThat(message, containsString("run --input " + big));
    assertThat("the first run was not disturbed", first.isAlive(), is(true));
    CliRun status = CliRun.of("status", out.toString(), "--json");
    JsonNode s = new ObjectMapper().readTree(status.out());
    assertThat(status.toString(), s.path("state").asText(), equalTo("running"));
    assertThat(s.path("holder").path("pid").asLong(), equalTo(first.pid()));

    assertThat(first.waitFor(180, TimeUnit.SECONDS), is(true));
    assertThat(Files.readString(log), first.exitValue(), equalTo(0));
    JsonNode m = manifest(out);
    assertThat(m.path("rows").path("read").asLong(), equalTo((long) BIG_ROWS));
    assertThat(m.path("customers").asLong(), equalTo(4_000L));
    assertThat(Files.exists(out.resolve("_SUCCESS")), is(true));
  }

  @Test
  public void withWaitForLockTheSecondRunPublishesAfterTheFirst() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("waited");
    Path log = TMP.getRoot().toPath().resolve("waited.log");
    Process first = startBigRun(out, log);
    awaitLock(first, out);

    CliRun second = sampleRun(out, "--wait-for-lock", "3m");

    assertThat(second.toString(), second.exitCode(), equalTo(0));
    assertThat(second.err(), containsString("waiting for"));
    assertThat("the first run had finished", first.isAlive(), is(false));
    assertThat(Files.readString(log), first.exitValue(), equalTo(0));
    assertThat(Files.readString(log), containsString("Segflow run complete"));
    assertThat(
        "the later run's output is the one published",
        manifest(out).path("rows").path("read").asLong(),
        equalTo((long) SAMPLE_ROWS));
  }

  @Test
  public void runsIntoTwoPartitionsOfOneRootRunSideBySide() throws Exception {
    Path root = TMP.getRoot().toPath().resolve("partitioned");
    Path log = TMP.getRoot().toPath().resolve("partitioned.log");
    // Neither run knows its as-of date before reading: both stage under the same pending name.
    Process first = startBigRun(root, log, "--partition-by-as-of");
    assertThat(
        "the other JVM is writing its staging folder",
        SegflowProcess.await(() -> hasStaging(root) || !first.isAlive(), 60),
        is(true));
    assertThat(first.isAlive(), is(true));

    CliRun second = sampleRun(root, "--partition-by-as-of");

    assertThat(second.toString(), second.exitCode(), equalTo(0));
    assertThat(first.waitFor(180, TimeUnit.SECONDS), is(true));
    assertThat(Files.readString(log), first.exitValue(), equalTo(0));
    // the big input's last invoice is 2011-12-28, the sample's 2011-12-09
    assertThat(
        manifest(root.resolve("as_of=2011-12-29")).path("rows").path("read").asLong(),
        equalTo((long) BIG_ROWS));
    assertThat(
        manifest(root.resolve("as_of=2011-12-10")).path("rows").path("read").asLong(),
        equalTo((long) SAMPLE_ROWS));
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the try's duration
  public void trainAndMigrateRefuseALockedOutputToo() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("held");
    Path earlier =
        RunFixture.write(
            TMP.getRoot().toPath().resolve("m1"),
            LocalDate.of(2011, 6, 30),
            Map.of("a", 1),
            Map.of(1, "one"),
            true);
    Path later =
        RunFixture.write(
            TMP.getRoot().toPath().resolve("m2"),
            LocalDate.of(2011, 12, 31),
            Map.of("a", 1),
            Map.of(1, "one"),
            true);
    try (TargetLock held = TargetLock.acquire(out.toAbsolutePath(), Duration.ZERO)) {
      CliRun train = CliRun.of("train", "--input", SAMPLE.toString(), "--output", out.toString());
      assertThat(train.toString(), train.exitCode(), equalTo(5));
      assertThat(train.segflowErrors(), containsString("pid " + ProcessHandle.current().pid()));
      CliRun migrate =
          CliRun.of(
              "migrate",
              "--from",
              earlier.toString(),
              "--to",
              later.toString(),
              "--output",
              out.toString());
      assertThat(migrate.toString(), migrate.exitCode(), equalTo(5));
    }
    assertThat("nothing was written", Files.exists(out), is(false));
    CliRun migrate =
        CliRun.of(
            "migrate",
            "--from",
            earlier.toString(),
            "--to",
            later.toString(),
            "--output",
            out.toString());
    assertThat("the released lock is free", migrate.exitCode(), equalTo(0));
  }

  private static boolean hasStaging(Path root) {
    try (var s = Files.list(root)) {
      return s.anyMatch(p -> p.getFileName().toString().contains(".segflow-tmp-"));
    } catch (IOException e) {
      return false;
    }
  }
}
