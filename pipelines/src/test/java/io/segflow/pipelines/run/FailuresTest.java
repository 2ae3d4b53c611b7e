// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import java.nio.file.NoSuchFileException;
import java.util.concurrent.TimeoutException;
import org.junit.Test;

/** What the user sees when a pipeline fails inside the runner. */
public class FailuresTest {
  @Test
  public void aFailedFlinkJobShowsItsRootCauseNotTheWrapper() {
    // FlinkRunner wraps the job's failure as RuntimeException("Pipeline execution failed", ...)
    RuntimeException flink =
        new RuntimeException(
            "Pipeline execution failed",
            new IllegalStateException(
                "Job execution failed.",
                new TimeoutException(
                    "Heartbeat of TaskManager with id 127.0.0.1:38243-a8b1 timed out.")));
    SegflowException e = Failures.translate(flink);
    assertThat(e.exitCode(), is(ExitCode.INTERNAL));
    assertThat(e.getMessage(), containsString("Heartbeat of TaskManager"));
  }

  @Test
  public void anInputThatDisappearsMidRunIsAnInputError() {
    SegflowException e =
        Failures.translate(
            new RuntimeException(
                "Pipeline execution failed", new NoSuchFileException("/data/sales-2011.csv")));
    assertThat(e.exitCode(), is(ExitCode.INPUT));
    assertThat(e.getMessage(), containsString("/data/sales-2011.csv"));
  }
}
