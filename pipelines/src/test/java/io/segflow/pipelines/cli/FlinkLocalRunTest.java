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
    Path[] outputs = runFeaturesOnBothRunners(SAMPLE, 2000, "[auto]", "stages");
    assertSameParts(outputs[0], outputs[1]);
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
    Path[] outputs = runFeaturesOnBothRunners(input, 500, "[local]", "2");
    Path direct = outputs[0];
    Path flink = outputs[1];
    assertSameParts(direct, flink);
    assertThat(
        Files.mismatch(direct.resolve("crm/customers.csv"), flink.resolve("crm/customers.csv")),
        equalTo(-1L));
  }

  /** Runs features only on the DirectRunner and on Flink at {@code master}: {direct, flink}. */
  private static Path[] runFeaturesOnBothRunners(
      String input, int blockSize, String master, String name) throws Exception {
    Path direct = TMP.getRoot().toPath().resolve("direct-" + name);
    Path flink = TMP.getRoot().toPath().resolve("flink-" + name);
    List<String> common =
        List.of("run", "--input", input, "--block-size", String.valueOf(blockSize));
    List<String> onDirect = new ArrayList<>(common);
    onDirect.addAll(List.of("--no-segmentation", "--output", direct.toString()));
    List<String> onFlink = new ArrayList<>(common);
    onFlink.addAll(
        List.of(
            "--no-segmentation",
            "--output",
            flink.toString(),
            "--runner",
            "FlinkRunner",
            "--flinkMaster=" + master,
            "--parallelism=2"));
    CliRun d = CliRun.of(onDirect.toArray(new String[0]));
    CliRun f = CliRun.of(onFlink.toArray(new String[0]));
    assertThat(d.toString(), d.exitCode(), equalTo(0));
    assertThat(f.toString(), f.exitCode(), equalTo(0));
    return new Path[] {direct, flink};
  }

  private static void assertSameParts(Path direct, Path flink) throws Exception {
    for (String output : List.of("customers", "rejected")) {
      Path part = Path.of(output, "part-00000-of-00001.avro");
      assertThat(
          output + " is byte-identical on both runners",
          Files.mismatch(direct.resolve(part), flink.resolve(part)),
          equalTo(-1L));
    }
  }
}
