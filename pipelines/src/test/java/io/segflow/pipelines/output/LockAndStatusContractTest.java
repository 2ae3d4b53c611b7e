// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The lock file and {@code segflow status --json} are described completely by {@link LockFile} and
 * {@link OutputStatus}: each lock file a published, a failed and a checks-failed run leave behind,
 * and what status prints for them, reads into its record and writes back the same bytes; fields the
 * records do not know are ignored.
 */
public class LockAndStatusContractTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  private static Path published;
  private static Path failed;
  private static Path checksFailed;

  @BeforeClass
  public static void runAll() throws IOException {
    Path root = TMP.getRoot().toPath();
    published = root.resolve("published");
    assertThat(run(SAMPLE, published).exitCode(), equalTo(0));
    Path cancelled = root.resolve("all-cancelled.csv");
    Files.writeString(
        cancelled,
        """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        C1,S1,ITEM,-1,2011-01-01 10:00:00,1.0,12000,United Kingdom
        """);
    failed = root.resolve("failed");
    assertThat(run(cancelled, failed).exitCode(), equalTo(4));
    checksFailed = root.resolve("checks-failed");
    assertThat(
        run(SAMPLE, checksFailed, "--check", "min_customers=1000000").exitCode(), equalTo(7));
  }

  private static CliRun run(Path input, Path output, String... flags) {
    String[] args = {
      "run",
      "--no-segmentation",
      "--no-report",
      "--quiet",
      "--input",
      input.toString(),
      "--output",
      output.toString()
    };
    return CliRun.of(
        Stream.concat(Arrays.stream(args), Arrays.stream(flags)).toArray(String[]::new));
  }

  private static Path lockFileOf(Path target) {
    return TargetLock.lockFileOf(target.toAbsolutePath().normalize());
  }

  @Test
  public void everyLockFileRoundTripsThroughItsRecord() throws IOException {
    for (Path target : List.of(published, failed, checksFailed)) {
      byte[] bytes = Files.readAllBytes(lockFileOf(target));
      assertThat(
          target.toString(),
          new String(LockFile.read(lockFileOf(target)).bytes(), StandardCharsets.UTF_8),
          equalTo(new String(bytes, StandardCharsets.UTF_8)));
    }
  }

  @Test
  public void theLockFilesHoldEachOutcome() throws IOException {
    LockFile ok = LockFile.read(lockFileOf(published));
    assertThat(ok.state(), equalTo("published"));
    assertThat(ok.exitCode(), equalTo(0));
    assertThat(ok.error(), nullValue());
    assertThat(ok.pid(), equalTo(ProcessHandle.current().pid()));

    LockFile bad = LockFile.read(lockFileOf(failed));
    assertThat(bad.failed(), is(true));
    assertThat(bad.exitCode(), equalTo(4));
    assertThat(bad.error(), containsString("no usable rows"));

    LockFile gated = LockFile.read(lockFileOf(checksFailed));
    assertThat(gated.state(), equalTo("failed_checks"));
    assertThat(gated.exitCode(), equalTo(7));
    assertThat(gated.failedChecks(), hasSize(1));
    assertThat(gated.failedChecks().get(0), containsString("min_customers"));
    assertThat(Files.isDirectory(Path.of(gated.failedFolder())), is(true));
  }

  /** One line, holder first, then the outcome, in the order status readers have always had. */
  @Test
  public void aLockFileKeepsItsKeyOrder() throws IOException {
    assertThat(
        Files.readString(lockFileOf(checksFailed)),
        matchesPattern(
            "\\{\"state\":\"failed_checks\",\"target\":\"[^\"]+\",\"host\":\"[^\"]+\","
                + "\"pid\":\\d+,\"started_at\":\"[^\"]+\",\"command\":\"[^\"]+\",\"exit_code\":7,"
                + "\"error\":\".+\",\"failed_folder\":\"[^\"]+\",\"failed_checks\":\\[\".+\"\\],"
                + "\"finished_at\":\"[^\"]+\"}\n"));
  }

  @Test
  public void statusRoundTripsThroughItsRecord() throws IOException {
    for (Path target : List.of(published, failed, checksFailed, TMP.getRoot().toPath())) {
      CliRun status = CliRun.of("status", target.toString(), "--json");
      assertThat(status.toString(), status.exitCode(), equalTo(0));
      assertThat(OutputStatus.parse(status.out()).json() + "\n", equalTo(status.out()));
    }
    OutputStatus s = OutputStatus.parse(CliRun.of("status", failed.toString(), "--json").out());
    assertThat(s.state(), equalTo(OutputStatus.FAILED));
    assertThat(s.lastRun().exitCode(), equalTo(4));
    assertThat(s.published(), nullValue());
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the try's duration
  public void aHeldLockShowsOnlyItsHolder() throws IOException {
    Path out = TMP.getRoot().toPath().resolve("held").toAbsolutePath();
    try (TargetLock held = TargetLock.acquire(out, Duration.ZERO)) {
      CliRun status = CliRun.of("status", out.toString(), "--json");
      assertThat(OutputStatus.parse(status.out()).json() + "\n", equalTo(status.out()));
      OutputStatus s = OutputStatus.parse(status.out());
      assertThat(s.state(), equalTo(OutputStatus.RUNNING));
      assertThat(s.holder(), equalTo(held.holder().holderOnly()));
    }
  }

  @Test
  public void readsLockFilesWithFieldsItDoesNotKnow() throws IOException {
    ObjectNode n = (ObjectNode) new ObjectMapper().readTree(lockFileOf(published).toFile());
    n.put("written_by", "another version");
    Path other = TMP.newFile("other-version.lock").toPath();
    Files.writeString(other, n.toString());
    LockFile read = LockFile.read(other);
    assertThat(read, equalTo(LockFile.read(lockFileOf(published))));
  }

  @Test
  public void aLockFileThatIsNotOursReadsAsUnknownHolder() throws IOException {
    Path other = TMP.newFile("not-json.lock").toPath();
    Files.writeString(other, "[1, 2]");
    assertThat(LockFile.read(other).namesHolder(), is(false));
    assertThat(LockFile.read(other).describe(), equalTo("holder unknown"));
    assertThat(LockFile.read(TMP.getRoot().toPath().resolve("missing")).namesHolder(), is(false));
  }
}
