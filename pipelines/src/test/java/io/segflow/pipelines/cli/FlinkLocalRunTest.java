// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
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
    CliRun f = CliRun.of("run", "--input", SAMPLE, "--output", flink.toString(),
        "--runner", "FlinkRunner", "--flinkMaster=[local]", "--parallelism=2");
    assertThat(d.toString(), d.exitCode(), equalTo(0));
    assertThat(f.toString(), f.exitCode(), equalTo(0));
    assertThat(Files.exists(flink.resolve("_SUCCESS")), is(true));
    for (String output : List.of("customers", "segments", "rejected")) {
      Path part = Path.of(output, "part-00000-of-00001.avro");
      assertThat(output + " is byte-identical on both runners",
          Files.mismatch(direct.resolve(part), flink.resolve(part)), equalTo(-1L));
    }
  }
}
