// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.anyOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class KMeansSegmentationTest {

  /** The shape a pandas + scikit-learn analysis finds for k=3 on the 4,338 real customers. */
  @Test
  public void realCustomersAtKThreeGiveHighValueMiddleAndAtRiskSegments() {
    double[][] raw = TestData.referenceCustomers();
    assertThat(raw.length, is(4338));
    KMeansResult r = KMeansSegmentation.create().withK(3).fit(raw, TestData.FEATURES);
    List<Segment> s = r.model().segments();
    assertThat(s, hasSize(3));

    SegmentProfile high = s.get(0).profile();
    assertThat(s.get(0).name(), anyOf(containsString("High-value"), containsString("loyal")));
    assertThat(high.customerShare(), closeTo(0.25, 0.05));
    assertThat(high.mean("frequency"), greaterThanOrEqualTo(9.0));
    assertThat(high.mean("monetary"), greaterThanOrEqualTo(5000.0));
    assertThat(high.mean("recency_days"), lessThanOrEqualTo(35.0));

    SegmentProfile atRisk = s.get(2).profile();
    assertThat(s.get(2).name(), anyOf(containsString("At-risk"), containsString("lapsed")));
    assertThat(atRisk.mean("recency_days"), greaterThanOrEqualTo(140.0));
    assertThat(atRisk.mean("frequency"), lessThanOrEqualTo(1.7));

    SegmentProfile middle = s.get(1).profile();
    for (String f : List.of("frequency", "monetary")) {
      assertThat(middle.mean(f) < high.mean(f) && middle.mean(f) > atRisk.mean(f), is(true));
    }
    assertThat(s.get(1).name(), startsWith("Mid-value"));
    assertThat(high.size() + middle.size() + atRisk.size(), is(4338));
  }

  /**
   * At k=5 two pairs of segments have similar profiles; each gets a name that says what sets it
   * apart, never a numbered copy such as "Mid-value regular (2)".
   */
  @Test
  public void realCustomersAtKFiveGetDistinctDescriptiveNames() {
    double[][] raw = TestData.referenceCustomers();
    List<Segment> s =
        KMeansSegmentation.create().withK(5).fit(raw, TestData.FEATURES).model().segments();
    assertThat(
        s.stream().map(Segment::name).toList(),
        contains(
            "High-value loyal",
            "Mid-value, big baskets",
            "Mid-value, recent",
            "At-risk, higher value",
            "Lapsed, lower value"));
    // the words match the profiles: bigger baskets, more recent, more spend
    assertThat(
        s.get(1).profile().mean("avg_basket_value") > s.get(2).profile().mean("avg_basket_value"),
        is(true));
    assertThat(
        s.get(2).profile().mean("recency_days") < s.get(1).profile().mean("recency_days"),
        is(true));
    assertThat(
        s.get(3).profile().mean("monetary") > 2 * s.get(4).profile().mean("monetary"), is(true));
    assertThat(s.stream().map(Segment::action).distinct().count(), is(5L));
  }

  @Test
  public void realCustomersNeverNeedNumberedNamesForKTwoToTen() {
    double[][] raw = TestData.referenceCustomers();
    KMeansSegmentation trainer = KMeansSegmentation.create().withRestarts(2);
    for (int k = 2; k <= 10; k++) {
      List<String> names =
          trainer.withK(k).fit(raw, TestData.FEATURES).model().segments().stream()
              .map(Segment::name)
              .toList();
      assertThat("k=" + k + ": " + names, names.stream().distinct().count(), is((long) k));
      assertThat("k=" + k + ": " + names, names.stream().anyMatch(n -> n.endsWith(")")), is(false));
    }
  }

  @Test
  public void sameDataSameModelEveryRun() {
    double[][] raw = TestData.referenceCustomers();
    KMeansSegmentation trainer = KMeansSegmentation.create().withK(4);
    KMeansResult a = trainer.fit(raw, TestData.FEATURES);
    KMeansResult b = trainer.fit(raw, TestData.FEATURES);
    assertThat(b.labels(), is(a.labels()));
    assertThat(
        b.model().segments().stream().map(Segment::name).toList(),
        is(a.model().segments().stream().map(Segment::name).toList()));
    assertThat(b.model().centroidsScaled(), is(a.model().centroidsScaled()));
    assertThat(b.report().kScan(), is(a.report().kScan()));
  }

  /**
   * Backs {@link KMeansTrainer#DEFAULT_RESTARTS}: 5 restarts lose at most 0.01% WCSS against 10 on
   * real data.
   */
  @Test
  public void fiveRestartsAreAsGoodAsTenOnRealCustomers() {
    double[][] raw = TestData.referenceCustomers();
    double[][] x =
        Preprocessor.fit(raw, TestData.FEATURES, FeatureTransform.LOG1P, ScalerType.STANDARD)
            .applyAll(raw);
    KScan scan = KScan.create().withKRange(2, 10);
    List<KScanRow> five = scan.withTrainer(KMeansTrainer.create().withRestarts(5)).run(x).rows();
    List<KScanRow> ten = scan.withTrainer(KMeansTrainer.create().withRestarts(10)).run(x).rows();
    for (int i = 0; i < five.size(); i++) {
      assertThat(
          "k=" + five.get(i).k(),
          five.get(i).wcss(),
          lessThanOrEqualTo(ten.get(i).wcss() * 1.0001));
    }
  }

  /**
   * On the 4,338 real customers a scan of a 2,000-customer sample picks the k of the full scan, so
   * the same segments: what {@code scan_sample} relies on for larger inputs.
   */
  @Test
  public void aScanOfASampleOfTheRealCustomersPicksTheFullScansKAndSegments() {
    double[][] raw = TestData.referenceCustomers();
    KMeansResult full = KMeansSegmentation.create().withRestarts(3).fit(raw, TestData.FEATURES);
    KMeansResult sampled =
        KMeansSegmentation.create().withRestarts(3).withScanRows(2_000).fit(raw, TestData.FEATURES);
    assertThat(sampled.report().scannedRows(), is(2_000));
    assertThat(sampled.report().chosenK(), is(full.report().chosenK()));
    assertThat(sampled.labels(), is(full.labels()));
  }

  @Test
  public void aSampledScanReportsItsSampleAndKeepsTheFullFitOfTheChosenK() {
    double[][] raw = TestData.sampleCustomers();
    KMeansResult sampled =
        KMeansSegmentation.create().withScanRows(300).fit(raw, TestData.FEATURES);
    KMeansReport report = sampled.report();
    assertThat(report.scannedRows(), is(300));
    assertThat(report.silhouetteRows(), is(300));
    assertThat(report.customers(), is(600));
    KMeansResult fixed =
        KMeansSegmentation.create().withK(report.chosenK()).fit(raw, TestData.FEATURES);
    assertThat(sampled.labels(), is(fixed.labels()));
  }

  @Test
  public void automaticKOnTheSampleProducesAConsistentModelAndReport() throws Exception {
    double[][] raw = TestData.sampleCustomers();
    KMeansResult r = KMeansSegmentation.create().fit(raw, TestData.FEATURES);
    KMeansReport report = r.report();
    KMeansModel model = r.model();

    assertThat(report.kScan(), hasSize(9));
    assertThat(report.chosenK(), is(model.k()));
    assertThat(report.reason(), containsString("k=" + report.chosenK()));
    assertThat(
        report.timingsMs().keySet(), contains("preprocess", "kScan", "profile", "name", "total"));
    assertThat(report.customers(), is(600));
    assertThat("exact silhouettes by default", report.silhouetteRows(), is(600));
    assertThat("a full scan by default", report.scannedRows(), is(600));
    assertThat(report.seed(), is(KMeansTrainer.DEFAULT_SEED));
    assertThat(report.restarts(), is(KMeansTrainer.DEFAULT_RESTARTS));

    // training labels are nearest-centroid assignments, so the model reproduces them
    int[] labels = r.labels();
    for (int i = 0; i < raw.length; i++) {
      assertThat("row " + i, model.assign(raw[i]), is(labels[i]));
    }
    // segment 1 is the most valuable and sizes add up
    int total = 0;
    for (Segment s : model.segments()) {
      total += s.profile().size();
      assertThat(s.valueScore(), lessThanOrEqualTo(model.segment(1).valueScore()));
    }
    assertThat(total, is(600));

    KMeansModel copy = PreprocessorTest.roundTrip(model);
    for (int i = 0; i < raw.length; i += 7) {
      assertThat(copy.assign(raw[i]), is(labels[i]));
    }
    assertThat(PreprocessorTest.roundTrip(report), is(report));
  }

  @Test
  public void centroidsInOriginalUnitsAreTheInverseOfTheScaledOnes() {
    double[][] raw = TestData.sampleCustomers();
    KMeansModel model = KMeansSegmentation.create().withK(3).fit(raw, TestData.FEATURES).model();
    double[][] scaled = model.centroidsScaled();
    double[][] original = model.centroidsOriginalUnits();
    for (int c = 0; c < scaled.length; c++) {
      assertThat(original[c], is(model.preprocessor().toOriginalUnits(scaled[c])));
    }
    // segment 1 (most valuable) has the highest typical monetary value
    assertThat(original[0][2] > original[2][2], is(true));
  }

  @Test
  public void everySettingTakesEffect() {
    double[][] raw = TestData.sampleCustomers();
    KMeansResult r =
        KMeansSegmentation.create()
            .withKRange(3, 4)
            .withSeed(5)
            .withRestarts(2)
            .withMaxIterations(50)
            .withThreads(1)
            .withScaler(ScalerType.ROBUST)
            .withTransform(FeatureTransform.NONE)
            .fit(raw, TestData.FEATURES);
    KMeansReport report = r.report();
    assertThat(report.kScan(), hasSize(2));
    assertThat(report.seed(), is(5));
    assertThat(report.restarts(), is(2));
    assertThat(report.maxIterations(), is(50));
    assertThat(report.scaler(), is(ScalerType.ROBUST));
    assertThat(report.transform(), is(FeatureTransform.NONE));
    assertThat(r.model().preprocessor().transform(), is(FeatureTransform.NONE));
    assertThat(KMeansSegmentation.create().withThreads(1).scan().threads(), is(1));
  }

  @Test
  public void rejectsFeaturesWithoutTheRequiredRoles() {
    double[][] raw = {{1, 2}, {3, 4}, {5, 6}};
    assertThrows(
        IllegalArgumentException.class,
        () -> KMeansSegmentation.create().fit(raw, List.of("a", "b")));
    assertThrows(IllegalArgumentException.class, () -> KMeansSegmentation.create().withK(1));
  }
}
