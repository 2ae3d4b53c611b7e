// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertThrows;

import org.junit.Test;

public class KMeansTrainerTest {
  private static TestData.Csv blobs() {
    return TestData.fixture("blobs.csv");
  }

  @Test
  public void recoversWellSeparatedBlobs() {
    TestData.Csv csv = blobs();
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    KMeansFit fit = KMeansTrainer.create().fit(x, 4);
    assertThat(fit.k(), is(4));
    assertThat(fit.droppedClusters(), is(false));
    assertThat(ClusterMetrics.adjustedRandIndex(fit.labels(), csv.intColumn("label")), is(1.0));
  }

  @Test
  public void wcssAndCentroidsAreOursNotWekas() {
    TestData.Csv csv = blobs();
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    KMeansFit fit = KMeansTrainer.create().fit(x, 3);
    assertThat(fit.wcss(), closeTo(ClusterMetrics.wcss(x, fit.labels()), 1e-9 * fit.wcss()));
    double[][] expected = Matrices.centroids(x, fit.labels(), fit.k());
    assertThat(fit.centroids(), is(expected));
  }

  @Test
  public void sameInputSameOutputBitForBit() {
    double[][] x =
        Preprocessor.fit(
                TestData.sampleCustomers(),
                TestData.FEATURES,
                FeatureTransform.LOG1P,
                ScalerType.STANDARD)
            .applyAll(TestData.sampleCustomers());
    KMeansFit a = KMeansTrainer.create().fit(x, 5);
    KMeansFit b = KMeansTrainer.create().fit(x, 5);
    assertThat(b.labels(), is(a.labels()));
    assertThat(Double.doubleToRawLongBits(b.wcss()), is(Double.doubleToRawLongBits(a.wcss())));
    assertThat(b.seed(), is(a.seed()));
  }

  @Test
  public void moreRestartsNeverIncreaseWcssAndTheWinningSeedIsOneOfThem() {
    double[][] x =
        Preprocessor.fit(
                TestData.sampleCustomers(),
                TestData.FEATURES,
                FeatureTransform.LOG1P,
                ScalerType.STANDARD)
            .applyAll(TestData.sampleCustomers());
    KMeansTrainer one = KMeansTrainer.create().withSeed(7).withRestarts(1);
    KMeansTrainer ten = KMeansTrainer.create().withSeed(7).withRestarts(10);
    KMeansFit single = one.fit(x, 6);
    KMeansFit best = ten.fit(x, 6);
    assertThat(best.wcss(), lessThanOrEqualTo(single.wcss()));
    assertThat(single.seed(), is(7));
    assertThat(best.seed(), allOf(greaterThanOrEqualTo(7), lessThan(17)));
  }

  @Test
  public void fastDistanceChangesNothingButSpeed() {
    TestData.Csv csv = TestData.fixture("overlap.csv");
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    KMeansFit fast = KMeansTrainer.create().withFastDistance(true).fit(x, 5);
    KMeansFit slow = KMeansTrainer.create().withFastDistance(false).fit(x, 5);
    assertThat(fast.labels(), is(slow.labels()));
  }

  @Test
  public void maxIterationsTakesEffect() {
    TestData.Csv csv = TestData.fixture("overlap.csv");
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    KMeansTrainer t = KMeansTrainer.create().withRestarts(1);
    double oneIteration = t.withMaxIterations(1).fit(x, 6).wcss();
    double converged = t.fit(x, 6).wcss();
    assertThat(converged, lessThan(oneIteration));
  }

  @Test
  public void reportsTheActualKWhenWekaDropsEmptyClusters() {
    // only two distinct points: a third cluster cannot exist (Weka's k-means++ would throw)
    double[][] x = new double[20][];
    for (int i = 0; i < x.length; i++) {
      x[i] = i % 2 == 0 ? new double[] {0, 0} : new double[] {5, 5};
    }
    KMeansFit fit = KMeansTrainer.create().fit(x, 3);
    assertThat(fit.requestedK(), is(3));
    assertThat(fit.k(), is(2));
    assertThat(fit.droppedClusters(), is(true));
    assertThat(fit.wcss(), is(0.0));
  }

  @Test
  public void configurationIsValidatedAndImmutable() {
    KMeansTrainer base = KMeansTrainer.create();
    assertThrows(IllegalArgumentException.class, () -> base.withRestarts(0));
    assertThrows(IllegalArgumentException.class, () -> base.withMaxIterations(0));
    assertThrows(IllegalArgumentException.class, () -> base.fit(new double[][] {{1}, {2}}, 3));
    KMeansTrainer changed =
        base.withSeed(1).withRestarts(2).withMaxIterations(9).withFastDistance(false);
    assertThat(base.seed(), is(KMeansTrainer.DEFAULT_SEED));
    assertThat(base.restarts(), is(KMeansTrainer.DEFAULT_RESTARTS));
    assertThat(changed.seed(), is(1));
    assertThat(changed.restarts(), is(2));
    assertThat(changed.maxIterations(), is(9));
    assertThat(changed.fastDistance(), is(false));
  }
}
