// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RfmAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.Assume;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Classic RFM on the full Online Retail data set (skipped when the file is absent): one default
 * run, then the RFM outputs and their agreement with exact quintiles computed here.
 */
public class RfmFullDataRunTest {
  static final Path FULL = Path.of("../../shared/data/online_retail.csv.gz");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static CliRun run;
  private static SegflowOutput out;

  @BeforeClass
  public static void runFullDataSet() {
    Assume.assumeTrue(
        "full Online Retail data set not at "
            + FULL.toAbsolutePath()
            + " (benchmarks/fetch-online-retail.sh fetches it)",
        Files.isRegularFile(FULL));
    Path output = TMP.getRoot().toPath().resolve("full");
    run = CliRun.of("run", "--input", FULL.toString(), "--output", output.toString());
    if (run.exitCode() == 0) {
      out = SegflowOutput.read(output);
    }
  }

  @Test
  public void everyCustomerIsScoredAndBothSegmentationsCoverEveryCustomer() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    OutputAssertions.assertCompleteAndConsistent(out);
    assertThat(out.customers.size(), greaterThan(4000));
    RfmAssertions.assertEveryCustomerScored(out.customers);
    RfmAssertions.assertSegmentKinds(out, "kmeans");
  }

  @Test
  public void scoresFollowTheCutPointsInModelJson() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    double[][] cuts = RfmAssertions.assertRfmSection(out.json("model.json"));
    RfmAssertions.assertScoresFollowPublishedCuts(out.customers, cuts);
  }

  /**
   * ScoreRfm's cut points are exact order statistics: each cut point is a customer's value at the
   * quintile's rank, give or take one.
   */
  @Test
  public void cutPointsAreExactOrderStatistics() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    double[][] cuts = RfmAssertions.assertRfmSection(out.json("model.json"));
    RfmAssertions.assertCutsAreOrderStatistics(out.customers, cuts);
  }

  /**
   * The pipeline's cut points are exact order statistics (at the ranks Beam's ApproximateQuantiles
   * returns when exact), not linear-interpolated quantiles, so a customer whose value lies between
   * the two can score one apart. Against exact numpy-style quintiles (linear interpolation at
   * 20/40/60/80 % of recency_days, frequency and monetary over all customers; score = 1 + cuts
   * strictly below, reversed for recency) at least 99 % of customers get the same three scores.
   */
  @Test
  public void scoresAgreeWithExactQuintilesForAtLeast99PercentOfCustomers() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    double share = RfmAssertions.shareAgreeingWithExactQuintiles(out.customers);
    assertThat(
        "share of customers whose R, F and M all match exact quintiles",
        share,
        greaterThanOrEqualTo(0.99));
  }
}
