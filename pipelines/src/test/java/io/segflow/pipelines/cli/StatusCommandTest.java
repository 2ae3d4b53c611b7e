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
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code segflow status}: absent, published, running and failed targets, plain and --json. */
public class StatusCommandTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");

  /** Data lines of the shipped sample ({@code zcat ... | tail -n +2 | wc -l}). */
  static final long SAMPLE_ROWS = 27_621;

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  static JsonNode status(Path out) throws Exception {
    CliRun s = CliRun.of("status", out.toString(), "--json");
    assertThat(s.toString(), s.exitCode(), equalTo(0));
    return new ObjectMapper().readTree(s.out());
  }

  static CliRun sampleRun(Path out, String... extra) {
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

  @Test
  public void aFolderNoRunWroteIsAbsent() throws Exception {
    assertThat(
        status(TMP.getRoot().toPath().resolve("nothing")).path("state").asText(),
        equalTo("absent"));
  }

  @Test
  public void aPublishedRunShowsItsAsOfCountsAndTimings() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("published");
    CliRun run = sampleRun(out);
    assertThat(run.toString(), run.exitCode(), equalTo(0));

    JsonNode s = status(out);
    assertThat(s.path("state").asText(), equalTo("published"));
    JsonNode p = s.path("published");
    assertThat(p.path("as_of_date").asText(), equalTo("2011-12-10"));
    assertThat(p.path("rows").path("read").asLong(), equalTo(SAMPLE_ROWS));
    assertThat(p.path("timings_ms").path("total").asLong() > 0, is(true));
    assertThat(s.path("last_run").path("exit_code").asInt(), equalTo(0));

    CliRun human = CliRun.of("status", out.toString());
    assertThat(human.out(), containsString(": published"));
    assertThat(human.out(), containsString("as of 2011-12-10"));
    assertThat(human.out(), containsString("27,621 rows read"));
  }

  @Test
  @SuppressWarnings("try") // the lock is held for the try's duration
  public void aHeldLockIsRunningAndNamesTheHolder() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("running");
    try (TargetLock held = TargetLock.acquire(out, Duration.ZERO)) {
      JsonNode s = status(out);
      assertThat(s.path("state").asText(), equalTo("running"));
      assertThat(s.path("holder").path("pid").asLong(), equalTo(ProcessHandle.current().pid()));
    }
    assertThat(status(out).path("state").asText(), equalTo("absent"));
  }

  @Test
  public void aRunThatFailedAfterAGoodOneIsFailedAndKeepsThePublishedOne() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("failed");
    assertThat(sampleRun(out).exitCode(), equalTo(0));
    Path bad = TMP.getRoot().toPath().resolve("all-cancelled.csv");
    Files.writeString(
        bad,
        """
        InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country
        C1,S1,ITEM,-1,2011-01-01 10:00:00,1.0,12000,United Kingdom
        C2,S1,ITEM,-2,2011-01-02 10:00:00,1.0,12001,United Kingdom
        """);
    CliRun failed =
        CliRun.of(
            "run",
            "--input",
            bad.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--quiet");
    assertThat(failed.toString(), failed.exitCode(), equalTo(4));

    JsonNode s = status(out);
    assertThat(s.path("state").asText(), equalTo("failed"));
    assertThat(s.path("last_run").path("exit_code").asInt(), equalTo(4));
    assertThat(s.path("last_run").path("error").asText(), containsString("no usable rows"));
    assertThat(s.path("last_run").path("command").asText(), containsString(bad.toString()));
    assertThat(
        "the earlier output stays published",
        s.path("published").path("rows").path("read").asLong(),
        equalTo(SAMPLE_ROWS));
    assertThat(CliRun.of("status", out.toString()).out(), containsString("exit code 4"));
  }

  @Test
  public void aPartitionedRootListsItsPartitions() throws Exception {
    Path root = TMP.getRoot().toPath().resolve("parts");
    assertThat(
        sampleRun(root, "--partition-by-as-of", "--as-of", "2011-06-30").exitCode(), equalTo(0));
    JsonNode s = status(root);
    assertThat(s.path("state").asText(), equalTo("partitioned"));
    assertThat(s.path("partitions").size(), equalTo(1));
    JsonNode june = s.path("partitions").get(0);
    assertThat(
        june.path("target").asText(),
        equalTo(root.toAbsolutePath().resolve("as_of=2011-06-30").toString()));
    assertThat(june.path("state").asText(), equalTo("published"));
    assertThat(june.path("published").path("as_of_date").asText(), equalTo("2011-06-30"));
  }
}
