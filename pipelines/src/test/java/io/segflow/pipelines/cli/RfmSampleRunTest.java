// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RfmAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import java.nio.file.Path;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Classic RFM on the shipped sample with the default k-means segmentation: one run, then the
 * customers' scores, the segments of kind "kmeans" and "rfm", and model.json's rfm section.
 */
public class RfmSampleRunTest {
  static final Path SAMPLE = SampleRunTest.SAMPLE;

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static CliRun run;
  private static SegflowOutput out;

  @BeforeClass
  public static void runSample() {
    Path output = TMP.getRoot().toPath().resolve("rfm");
    run = CliRun.of("run", "--input", SAMPLE.toString(), "--output", output.toString());
    if (run.exitCode() == 0) {
      out = SegflowOutput.read(output);
    }
  }

  @Test
  public void everyCustomerHasScoresACodeAndASegment() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    OutputAssertions.assertCompleteAndConsistent(out);
    RfmAssertions.assertEveryCustomerScored(out.customers);
  }

  @Test
  public void segmentsHoldKMeansAndRfmRecordsEachCoveringEveryCustomer() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    RfmAssertions.assertSegmentKinds(out, "kmeans");
    assertThat(out.json("model.json").path("algorithm").asText(), equalTo("kmeans"));
    assertThat(run.out(), containsString("Classic RFM segments"));
  }

  @Test
  public void modelJsonPublishesTheCutPointsTheScoresFollow() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    double[][] cuts = RfmAssertions.assertRfmSection(out.json("model.json"));
    RfmAssertions.assertScoresFollowPublishedCuts(out.customers, cuts);
  }

  /**
   * With a few hundred customers the quantile sketch holds every value, so each cut point is an
   * exact order statistic: the quintile's rank, give or take one.
   */
  @Test
  public void cutPointsAreQuintilesOfTheCustomersValues() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    double[][] cuts = RfmAssertions.assertRfmSection(out.json("model.json"));
    RfmAssertions.assertCutsAreOrderStatistics(out.customers, cuts);
  }
}
