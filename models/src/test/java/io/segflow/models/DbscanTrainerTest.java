// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DbscanTrainerTest {
  private static final List<String> STD = TestData.FEATURES.stream().map(f -> "std_" + f).toList();

  /** Two tight squares of 4 points and one far point, by hand: eps 1.5, minPoints 3. */
  @Test
  public void handMadeClustersAndNoise() {
    double[][] x = {
      {0, 0}, {1, 0}, {0, 1}, {1, 1}, // cluster A: each point has 3 others within 1.42 (< 1.5)
      {10, 10}, {11, 10}, {10, 11}, {11, 11}, // cluster B
      {5, 5} // 7.07 from the nearest: noise
    };
    DbscanFit fit = DbscanTrainer.create().withEps(1.5).withMinPoints(3).fit(x);
    int[] l = fit.labels();
    assertThat(fit.clusters(), is(2));
    assertThat(fit.noiseCount(), is(1));
    assertThat(l[8], is(Segment.NOISE_LABEL));
    for (int i = 1; i < 4; i++) {
      assertThat(l[i], is(l[0]));
      assertThat(l[4 + i], is(l[4]));
    }
    assertThat(l[0] == l[4], is(false));
    assertThat(fit.epsSource(), is(EpsSource.GIVEN));
    // k-distance with the point itself counted: 3rd nearest of a corner of a unit square is 1 away
    assertThat(fit.curve().kneeRank() >= 0, is(true));
  }

  /** Weka's neighbourhood is strict: at exactly eps a point is not a neighbour. */
  @Test
  public void neighbourAtExactlyEpsDoesNotCount() {
    double[][] x = {{0}, {1}, {2}, {3}, {20}};
    // eps 1: no point has another strictly closer than 1 → all noise
    DbscanFit strict = DbscanTrainer.create().withEps(1.0).withMinPoints(2).fit(x);
    assertThat(strict.noiseCount(), is(5));
    DbscanFit wider = DbscanTrainer.create().withEps(Math.nextUp(1.0)).withMinPoints(2).fit(x);
    assertThat(wider.clusters(), is(1));
    assertThat(wider.noiseCount(), is(1));
  }

  /**
   * Oracle: scikit-learn NearestNeighbors + DBSCAN on the committed 600-customer sample
   * (make_segment_fixtures.py).
   */
  @Test
  public void matchesScikitLearnOnTheSample() {
    TestData.Csv scaled = TestData.fixture("rfm_sample600_scaled.csv");
    double[][] x = scaled.columns(STD);
    TestData.Csv oracle = TestData.fixture("dbscan_sample600.csv");
    double[] kdist = column(oracle, "kdistance");
    int[] core = oracle.intColumn("core");
    int[] labels = oracle.intColumn("label");
    Map<String, Double> expected = TestData.expectedSegments().get("sample600");

    double[] ours = KDistance.of(x, 6);
    for (int i = 0; i < x.length; i++) {
      assertThat("row " + i, ours[i], closeTo(kdist[i], 1e-12));
    }
    DbscanFit fit = DbscanTrainer.create().fit(x);
    assertThat(fit.minPoints(), is(6));
    assertThat(fit.epsSource(), is(EpsSource.KNEE));
    assertThat(fit.eps(), closeTo(expected.get("dbscan_eps"), 1e-12));
    assertThat(fit.curve().kneeRank(), is(expected.get("dbscan_knee_rank").intValue()));
    boolean[] ourCore = fit.core();
    for (int i = 0; i < x.length; i++) {
      assertThat("core " + i, ourCore[i], is(core[i] == 1));
    }
    assertThat(fit.noiseCount(), is(expected.get("dbscan_noise").intValue()));
    assertThat(ClusterMetrics.adjustedRandIndex(fit.labels(), labels), is(1.0));
  }

  @Test
  public void curveIsDownsampledToAtMost200PointsAndKeepsTheKnee() {
    double[][] x = TestData.fixture("rfm_sample600_scaled.csv").columns(STD);
    KDistanceCurve curve = DbscanTrainer.create().fit(x).curve();
    assertThat(curve.size(), is(600));
    assertThat(curve.points().size(), lessThanOrEqualTo(KDistanceCurve.MAX_POINTS));
    assertThat(curve.points().get(0).rank(), is(0));
    assertThat(curve.points().get(curve.points().size() - 1).rank(), is(599));
    assertThat(curve.points().stream().anyMatch(p -> p.rank() == curve.kneeRank()), is(true));
    for (int i = 1; i < curve.points().size(); i++) {
      assertThat(
          curve.points().get(i).distance() >= curve.points().get(i - 1).distance(), is(true));
    }
  }

  @Test
  public void settingsAreValidated() {
    assertThrows(IllegalArgumentException.class, () -> DbscanTrainer.create().withEps(0));
    assertThrows(IllegalArgumentException.class, () -> DbscanTrainer.create().withEps(-1));
    assertThrows(IllegalArgumentException.class, () -> DbscanTrainer.create().withMinPoints(1));
    assertThrows(
        IllegalArgumentException.class,
        () -> DbscanTrainer.create().withMinPoints(5).fit(new double[][] {{1}, {2}}));
    assertThat(DbscanTrainer.create().minPointsFor(5), is(6));
    assertThat(
        Double.isNaN(DbscanTrainer.create().withEps(0.5).withEps(Double.NaN).eps()), is(true));
  }

  private static double[] column(TestData.Csv csv, String name) {
    double[][] c = csv.columns(List.of(name));
    double[] out = new double[c.length];
    for (int i = 0; i < c.length; i++) {
      out[i] = c[i][0];
    }
    return out;
  }
}
