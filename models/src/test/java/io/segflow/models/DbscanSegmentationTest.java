// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class DbscanSegmentationTest {

  /**
   * Defaults (eps auto, minPoints = 5 features + 1) on the 4,338 reference customers give two dense
   * segments plus noise. Oracle: scikit-learn (make_segment_fixtures.py), eps nudged one ulp down
   * because sklearn's neighbourhood is {@code d <= eps} and Weka's {@code d < eps}.
   */
  @Test
  public void realCustomersWithDefaultsGiveTwoDenseSegmentsAndNoise() {
    double[][] raw = TestData.referenceCustomers();
    Map<String, Double> expected = TestData.expectedSegments().get("reference");
    DbscanResult r = DbscanSegmentation.create().fit(raw, TestData.FEATURES);
    DbscanReport report = r.report();
    DbscanModel model = r.model();

    assertThat(report.minPoints(), is(6));
    assertThat(report.epsSource(), is(EpsSource.KNEE));
    assertThat(report.eps(), closeTo(expected.get("dbscan_eps"), 1e-9));
    assertThat(report.kDistanceCurve().kneeRank(), is(expected.get("dbscan_knee_rank").intValue()));
    assertThat(report.kDistanceCurve().kneeDistance(), is(report.eps()));
    assertThat(report.kDistanceCurve().points().size(), lessThanOrEqualTo(200));
    assertThat(report.clusters(), is(2));
    assertThat(report.corePoints(), is(expected.get("dbscan_core").intValue()));
    assertThat(report.noise(), is(expected.get("dbscan_noise").intValue()));
    assertThat(report.noiseShare(), closeTo(119 / 4338.0, 1e-12));
    assertThat(
        report.silhouetteExcludingNoise(),
        closeTo(expected.get("dbscan_silhouette_excluding_noise"), 1e-9));

    List<Segment> s = model.segments();
    assertThat(s, hasSize(3));
    assertThat(s.stream().map(Segment::id).toList(), contains(1, 2, 0));
    assertThat(s.get(0).profile().size(), is(expected.get("dbscan_size_1").intValue()));
    assertThat(s.get(1).profile().size(), is(expected.get("dbscan_size_2").intValue()));
    // what the two dense regions are: repeat buyers vs one-time buyers; noise = the extreme
    // accounts
    assertThat(s.get(0).profile().median("frequency"), greaterThanOrEqualTo(2.0));
    assertThat(s.get(1).profile().mean("frequency"), is(1.0));
    assertThat(s.get(0).name(), is("Mid-value regular"));
    assertThat(s.get(1).name(), is("At-risk / lapsed"));
    Segment noise = model.segment(Segment.NOISE_ID);
    assertThat(noise.name(), is("Unusual / outliers"));
    assertThat(noise.profile().size(), is(119));
    assertThat(
        noise.profile().revenueShare(),
        greaterThanOrEqualTo(0.30)); // 2.7% of customers, a third of revenue

    // the model scores the training customers exactly as they were labelled (border rows included)
    int[] labels = r.labels();
    for (int i = 0; i < raw.length; i++) {
      assertThat("row " + i, model.assign(raw[i]), is(labels[i]));
    }
    assertThat(
        report.timingsMs().keySet(),
        contains("preprocess", "dbscan", "wekaDbscan", "profile", "name", "metrics", "total"));
    System.out.printf(
        "DBSCAN on %d customers: eps=%.4f (knee rank %d), minPoints=%d, segments %s, noise %.1f%%, "
            + "silhouette excl. noise %.3f, CH %.0f, DB %.3f, timings %s%n",
        raw.length,
        report.eps(),
        report.kDistanceCurve().kneeRank(),
        report.minPoints(),
        s.stream().map(x -> x.id() + " " + x.name() + " " + x.profile().size()).toList(),
        100 * report.noiseShare(),
        report.silhouetteExcludingNoise(),
        report.calinskiHarabaszExcludingNoise(),
        report.daviesBouldinExcludingNoise(),
        report.timingsMs());
  }

  /**
   * Why the default minPoints is d + 1 and not 2·d: with 10, one-time and repeat buyers merge into
   * one cluster.
   */
  @Test
  public void twiceTheDimensionsMergesTheTwoDenseRegionsOnRealCustomers() {
    double[][] raw = TestData.referenceCustomers();
    DbscanReport report =
        DbscanSegmentation.create().withMinPoints(10).fit(raw, TestData.FEATURES).report();
    assertThat(report.clusters(), is(1));
    assertThat(Double.isNaN(report.silhouetteExcludingNoise()), is(true)); // one cluster: undefined
    assertThat(report.noiseShare(), lessThan(0.05));
  }

  /** Weka's DBSCAN is O(n²); keep an eye on it (about a second here). */
  @Test
  public void wekaDbscanOnRealCustomersTakesSeconds() {
    double[][] raw = TestData.referenceCustomers();
    DbscanSegmentation ds = DbscanSegmentation.create();
    ds.fit(raw, TestData.FEATURES); // warm-up: class loading and JIT
    DbscanReport report = ds.fit(raw, TestData.FEATURES).report();
    assertThat(report.timingsMs().get("wekaDbscan"), lessThan(10_000L));
  }

  @Test
  public void sampleModelScoresTrainingRowsAsLabelledAndSurvivesSerialisation() throws Exception {
    double[][] raw = TestData.sampleCustomers();
    DbscanResult r =
        DbscanSegmentation.create().withEps(0.8).withMinPoints(5).fit(raw, TestData.FEATURES);
    assertThat(r.report().epsSource(), is(EpsSource.GIVEN));
    assertThat(r.report().eps(), is(0.8));
    SegmentAssigner copy = PreprocessorTest.roundTrip((SegmentAssigner) r.model());
    int[] labels = r.labels();
    int total = 0;
    for (Segment s : copy.segments()) {
      total += s.profile().size();
    }
    assertThat(total, is(600));
    for (int i = 0; i < raw.length; i++) {
      assertThat("row " + i, copy.assign(raw[i]), is(labels[i]));
      assertThat(copy.segment(labels[i]).profile().size() > 0, is(true));
    }
    assertThat(PreprocessorTest.roundTrip(r.report()), is(r.report()));
  }

  /** k-means and DBSCAN models are interchangeable where only assignment is needed. */
  @Test
  public void bothModelsAreSegmentAssigners() {
    double[][] raw = TestData.sampleCustomers();
    List<SegmentAssigner> models =
        List.of(
            KMeansSegmentation.create().withK(3).fit(raw, TestData.FEATURES).model(),
            DbscanSegmentation.create().fit(raw, TestData.FEATURES).model());
    for (SegmentAssigner m : models) {
      int id = m.assign(raw[0]);
      assertThat(m.segment(id).id(), is(id));
      assertThat(m.featureNames(), is(TestData.FEATURES));
    }
  }
}
