// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The same input and config give the same results on every runner: the shipped sample through
 * Beam's FlinkRunner on an embedded mini-cluster ([local]) and through the DirectRunner produce
 * byte-identical customers/, segments/ and rejected/ files.
 */
public class FlinkLocalRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SAMPLE =
      Path.of("..", "run-configs", "sample", "online_retail_sample.csv.gz").toString();

  @Test
  public void flinkLocalAndDirectRunnerWriteIdenticalOutputs() throws Exception {
    Path direct = TMP.getRoot().toPath().resolve("direct");
    Path flink = TMP.getRoot().toPath().resolve("flink");
    CliRun d = CliRun.of("run", "--input", SAMPLE, "--output", direct.toString());
    CliRun f =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            flink.toString(),
            "--runner",
            "FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2");
    assertThat(d.toString(), d.exitCode(), equalTo(0));
    assertThat(f.toString(), f.exitCode(), equalTo(0));
    assertThat(Files.exists(flink.resolve("_SUCCESS")), is(true));
    for (String output : List.of("customers", "segments", "rejected")) {
      Path part = Path.of(output, "part-00000-of-00001.avro");
      assertThat(
          output + " is byte-identical on both runners",
          Files.mismatch(direct.resolve(part), flink.resolve(part)),
          equalTo(-1L));
    }
  }

  /**
   * With {@code [auto]} as the master (which may be a cluster) and one file, the row stages run as
   * a step per stage and the file's blocks are spread over the workers: the same bytes as the
   * DirectRunner's one step per file.
   */
  @Test
  public void aStepPerRowStageOnFlinkGivesTheDirectRunnersOutputs() throws Exception {
    Path direct = TMP.getRoot().toPath().resolve("direct-stages");
    Path flink = TMP.getRoot().toPath().resolve("flink-stages");
    CliRun d =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--block-size",
            "2000",
            "--no-segmentation",
            "--output",
            direct.toString());
    CliRun f =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--block-size",
            "2000",
            "--no-segmentation",
            "--output",
            flink.toString(),
            "--runner",
            "FlinkRunner",
            "--flinkMaster=[auto]",
            "--parallelism=2");
    assertThat(d.toString(), d.exitCode(), equalTo(0));
    assertThat(f.toString(), f.exitCode(), equalTo(0));
    for (String output : List.of("customers", "rejected")) {
      Path part = Path.of(output, "part-00000-of-00001.avro");
      assertThat(
          output + " is byte-identical on both runners",
          Files.mismatch(direct.resolve(part), flink.resolve(part)),
          equalTo(-1L));
    }
  }

  /**
   * With as many files as Flink workers the row stages run as one step per file
   * (SummarizeTransactionFiles), and with small blocks many customers and duplicate pairs span
   * blocks, so copies are found in the merge and their text read again from the files: the same
   * bytes as the DirectRunner.
   */
  @Test
  public void oneRowStepPerFileOnFlinkGivesTheDirectRunnersOutputs() throws Exception {
    List<String> lines;
    try (InputStream in = new GZIPInputStream(Files.newInputStream(Path.of(SAMPLE)))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    Path inputs = TMP.newFolder("two-files").toPath();
    int half = lines.size() / 2;
    List<String> first = new ArrayList<>(lines.subList(0, half));
    List<String> second = new ArrayList<>(List.of(lines.get(0)));
    second.addAll(lines.subList(half, lines.size()));
    Files.write(inputs.resolve("a.csv"), first);
    Files.write(inputs.resolve("b.csv"), second);
    String input = inputs.resolve("*.csv").toString();
    Path direct = TMP.getRoot().toPath().resolve("direct-2");
    Path flink = TMP.getRoot().toPath().resolve("flink-2");
    CliRun d =
        CliRun.of(
            "run",
            "--input",
            input,
            "--block-size",
            "500",
            "--no-segmentation",
            "--output",
            direct.toString());
    CliRun f =
        CliRun.of(
            "run",
            "--input",
            input,
            "--block-size",
            "500",
            "--no-segmentation",
            "--output",
            flink.toString(),
            "--runner",
            "FlinkRunner",
            "--flinkMaster=[local]",
            "--parallelism=2");
    assertThat(d.toString(), d.exitCode(), equalTo(0));
    assertThat(f.toString(), f.exitCode(), equalTo(0));
    for (String output : List.of("customers", "rejected")) {
      Path part = Path.of(output, "part-00000-of-00001.avro");
      assertThat(
          output + " is byte-identical on both runners",
          Files.mismatch(direct.resolve(part), flink.resolve(part)),
          equalTo(-1L));
    }
    assertThat(
        Files.mismatch(direct.resolve("crm/customers.csv"), flink.resolve("crm/customers.csv")),
        equalTo(-1L));
  }
}
