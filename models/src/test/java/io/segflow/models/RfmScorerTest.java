// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import org.junit.Test;

public class RfmScorerTest {

  /** Values 1..10: numpy-linear quantiles at position q·9 are 2.8, 4.6, 6.4, 8.2 (by hand). */
  @Test
  public void exactQuintilesOfOneToTen() {
    double[] v = {7, 1, 2, 3, 4, 5, 6, 8, 9, 10};
    ScoreCuts cuts = ScoreCuts.exact(v, false);
    assertThat(cuts.cuts()[0], closeTo(2.8, 1e-12));
    assertThat(cuts.cuts()[1], closeTo(4.6, 1e-12));
    assertThat(cuts.cuts()[2], closeTo(6.4, 1e-12));
    assertThat(cuts.cuts()[3], closeTo(8.2, 1e-12));
    int[] expected = {1, 1, 2, 2, 3, 3, 4, 4, 5, 5};
    for (int i = 1; i <= 10; i++) {
      assertThat("value " + i, cuts.score(i), is(expected[i - 1]));
    }
    ScoreCuts recency = ScoreCuts.exact(v, true);
    assertThat(recency.score(1), is(5));
    assertThat(recency.score(10), is(1));
  }

  /**
   * A value on a cut point goes to the lower bin: for F and M the lower score, for R (reversed) the
   * higher.
   */
  @Test
  public void valuesOnACutPointGoToTheLowerBin() {
    ScoreCuts f = ScoreCuts.of(new double[] {1, 2, 3, 6}, false);
    assertThat(f.score(1), is(1));
    assertThat(f.score(2), is(2));
    assertThat(f.score(2.5), is(3));
    assertThat(f.score(6), is(4));
    assertThat(f.score(7), is(5));
    ScoreCuts r = ScoreCuts.of(new double[] {14, 33, 72, 180}, true);
    assertThat(r.score(0), is(5));
    assertThat(r.score(14), is(5));
    assertThat(r.score(15), is(4));
    assertThat(r.score(180), is(2));
    assertThat(r.score(181), is(1));
  }

  /**
   * Ten customers, six with one order: cut points 1, 1, 1.4, 2.2 (by hand) leave F = 2 and F = 3
   * empty.
   */
  @Test
  public void massiveTiesEmptyTheBinsBetweenEqualCutPoints() {
    double[] orders = {1, 1, 1, 1, 1, 1, 2, 2, 3, 5};
    ScoreCuts f = ScoreCuts.exact(orders, false);
    assertThat(f.cuts()[0], is(1.0));
    assertThat(f.cuts()[1], is(1.0));
    assertThat(f.cuts()[2], closeTo(1.4, 1e-12));
    assertThat(f.cuts()[3], closeTo(2.2, 1e-12));
    int[] counts = new int[6];
    for (double o : orders) {
      counts[f.score(o)]++;
    }
    assertThat(counts, is(new int[] {0, 6, 0, 0, 2, 2}));
  }

  /** Fixed cut points and the R package's breaks: a value on a cut point opens the upper bin. */
  @Test
  public void halfOpenCutsPutAValueOnACutPointInTheUpperBin() {
    ScoreCuts f = ScoreCuts.halfOpen(new double[] {4, 5, 6, 8}, false);
    assertThat(f.score(3), is(1));
    assertThat(f.score(4), is(2));
    assertThat(f.score(7.9), is(4));
    assertThat(f.score(8), is(5));
    ScoreCuts r = ScoreCuts.halfOpen(new double[] {115, 181, 297, 482}, true);
    assertThat(r.score(0), is(5));
    assertThat(r.score(114), is(5));
    assertThat(r.score(115), is(4));
    assertThat(r.score(482), is(1));
  }

  /** Three bins: two cut points at a third and two thirds of 1..10 (by hand: 4, 7). */
  @Test
  public void otherNumbersOfBins() {
    double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
    ScoreCuts three = ScoreCuts.exact(v, 3, false);
    assertThat(three.bins(), is(3));
    assertThat(three.cuts()[0], closeTo(4, 1e-12));
    assertThat(three.cuts()[1], closeTo(7, 1e-12));
    assertThat(three.score(4), is(1));
    assertThat(three.score(10), is(3));
    assertThat(ScoreCuts.exact(v, 3, true).score(10), is(1));
    // R: quantile(1:10, seq(0, 1, length.out = 4)) = 1, 4, 7, 10; the package adds one
    assertThat(RfmPackageBreaks.cuts(v, 3), is(new double[] {5, 8}));
    assertThrows(IllegalArgumentException.class, () -> RfmPackageBreaks.cuts(v, 1));
  }

  @Test
  public void scoreCodesAndFm() {
    RfmScore s = new RfmScore(5, 4, 5);
    assertThat(s.code(), is("545"));
    assertThat(s.fm(), is(4.5));
    assertThrows(IllegalArgumentException.class, () -> new RfmScore(0, 1, 1));
    assertThrows(
        IllegalArgumentException.class, () -> ScoreCuts.of(new double[] {3, 2, 4, 5}, false));
    assertThrows(IllegalArgumentException.class, () -> ScoreCuts.of(new double[] {}, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> ScoreCuts.of(new double[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10}, false));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            RfmThresholds.of(
                new double[] {1, 2, 3, 4}, new double[] {1, 2, 3}, new double[] {1, 2, 3, 4}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RfmThresholds(
                ScoreCuts.of(new double[] {1, 2, 3, 4}, false),
                ScoreCuts.of(new double[] {1, 2, 3, 4}, false),
                ScoreCuts.of(new double[] {1, 2, 3, 4}, false)));
  }

  /**
   * Oracle: numpy quantiles and searchsorted on the committed sample (make_segment_fixtures.py).
   */
  @Test
  public void sampleMatchesNumpy() {
    checkAgainstOracle(TestData.sampleCustomers(), TestData.expectedSegments().get("sample600"));
  }

  /** Same on the 4,338 reference customers: F = 1 holds 34% (every one-order customer), not 20%. */
  @Test
  public void referenceCustomersMatchNumpy() {
    double[][] raw = TestData.referenceCustomers();
    Map<String, Double> expected = TestData.expectedSegments().get("reference");
    checkAgainstOracle(raw, expected);
    assertThat(expected.get("rfm_count_f1") / raw.length, closeTo(0.344, 0.001));
  }

  /** Thresholds from elsewhere (e.g. Beam's ApproximateQuantiles) score the same way. */
  @Test
  public void externalThresholdsAreUsedAsGiven() {
    RfmThresholds t =
        RfmThresholds.of(
            new double[] {10, 30, 70, 180},
            new double[] {1, 2, 3, 6},
            new double[] {250, 500, 900, 2000});
    RfmScorer scorer = RfmScorer.of(t, TestData.FEATURES, FeatureRoles.DEFAULT);
    // recency 3 days, 7 orders, 4,310 spent (customer 12347 of the reference data)
    assertThat(scorer.score(new double[] {3, 7, 4310.0, 2458, 615.7}).code(), is("555"));
    assertThat(scorer.score(new double[] {326, 1, 77183.6, 74215, 77183.6}).code(), is("115"));
    assertThat(scorer.thresholds(), is(t));
  }

  private static void checkAgainstOracle(double[][] raw, Map<String, Double> expected) {
    RfmScorer scorer = RfmScorer.fit(raw, TestData.FEATURES, FeatureRoles.DEFAULT);
    RfmThresholds t = scorer.thresholds();
    ScoreCuts[] dims = {t.recency(), t.frequency(), t.monetary()};
    String[] keys = {"r", "f", "m"};
    int[][] counts = new int[3][6];
    for (double[] row : raw) {
      RfmScore s = scorer.score(row);
      counts[0][s.r()]++;
      counts[1][s.f()]++;
      counts[2][s.m()]++;
    }
    for (int d = 0; d < 3; d++) {
      for (int i = 0; i < 4; i++) {
        assertThat(
            keys[d] + (i + 1),
            dims[d].cuts()[i],
            closeTo(expected.get("rfm_cut_" + keys[d] + (i + 1)), 1e-9));
      }
      for (int sc = 1; sc <= 5; sc++) {
        assertThat(
            keys[d] + sc, (double) counts[d][sc], is(expected.get("rfm_count_" + keys[d] + sc)));
      }
    }
  }
}
