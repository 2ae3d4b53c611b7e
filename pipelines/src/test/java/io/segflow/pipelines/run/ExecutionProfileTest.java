// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.junit.Test;

/**
 * Which row path a run takes from its runner options: one file is read as one step (its blocks
 * spread over the cores by the step's pool) wherever all workers share the JVM, and spread over the
 * workers by a step per stage only where they may not.
 */
public class ExecutionProfileTest {
  private static ExecutionProfile profile(String... args) {
    PipelineOptions options = PipelineOptionsFactory.fromArgs(args).create();
    return ExecutionProfile.of(options);
  }

  @Test
  public void theDirectRunnerReadsEveryFileInOneStep() {
    ExecutionProfile direct = profile("--runner=DirectRunner");
    assertThat(direct.oneJvm(), is(true));
    assertThat(direct.stepPerFile(1), is(true));
  }

  @Test
  public void flinksEmbeddedMiniClusterReadsOneFileInOneStep() {
    ExecutionProfile local =
        profile("--runner=FlinkRunner", "--flinkMaster=[local]", "--parallelism=4");
    assertThat(local.oneJvm(), is(true));
    assertThat(local.workerSlots(), is(4));
    assertThat(local.stepPerFile(1), is(true));
    // a single file is still spread over the workers where the rows are grouped (no pool there)
    assertThat(local.spreadsBlocks(1), is(true));
    assertThat(local.spreadsBlocks(4), is(false));
  }

  @Test
  public void aFlinkClusterSpreadsOneFilesBlocksOverItsWorkers() {
    for (String master : new String[] {"--flinkMaster=127.0.0.1:8081", "--flinkMaster=[auto]"}) {
      ExecutionProfile cluster = profile("--runner=FlinkRunner", master, "--parallelism=2");
      assertThat(master, cluster.oneJvm(), is(false));
      assertThat(master, cluster.stepPerFile(1), is(false));
      assertThat(master, cluster.spreadsBlocks(1), is(true));
      assertThat(master + ", as many files as workers", cluster.stepPerFile(2), is(true));
    }
  }
}
