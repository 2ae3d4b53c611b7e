// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import java.util.Map;
import java.util.concurrent.ForkJoinPool;
import org.junit.Test;

/**
 * Expected values come from scikit-learn 1.2.1 (numpy 1.24.2), written by {@code
 * src/test/resources/fixtures/make_metric_fixtures.py} into {@code expected_metrics.csv}.
 */
public class ClusterMetricsTest {
  private static final double TOL = 1e-6;
  private static final Map<String, Map<String, Double>> EXPECTED = TestData.expectedMetrics();

  private static void assertInternalMetrics(
      double[][] x, int[] labels, Map<String, Double> expected) {
    assertThat(ClusterMetrics.silhouette(x, labels), closeTo(expected.get("silhouette"), TOL));
    assertThat(
        ClusterMetrics.daviesBouldin(x, labels), closeTo(expected.get("davies_bouldin"), TOL));
    double ch = expected.get("calinski_harabasz");
    assertThat(ClusterMetrics.calinskiHarabasz(x, labels), closeTo(ch, TOL * ch));
  }

  private static void assertMatchesSklearn(String dataset) {
    TestData.Csv csv = TestData.fixture(dataset + ".csv");
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    int[] labels = csv.intColumn("label");
    Map<String, Double> expected = EXPECTED.get(dataset);
    assertInternalMetrics(x, labels, expected);
    assertThat(
        ClusterMetrics.adjustedRandIndex(labels, csv.intColumn("other")),
        closeTo(expected.get("adjusted_rand"), TOL));
  }

  @Test
  public void matchesSklearnOnSeparatedBlobs() {
    assertMatchesSklearn("blobs");
  }

  @Test
  public void matchesSklearnWithSingletonClusterAndNoiseLabels() {
    assertMatchesSklearn("singleton");
  }

  @Test
  public void matchesSklearnOnOverlappingUnbalancedClusters() {
    assertMatchesSklearn("overlap");
  }

  @Test
  public void matchesSklearnOnScaledRealCustomers() {
    TestData.Csv csv = TestData.fixture("rfm_sample600_scaled.csv");
    double[][] x = csv.columns(csv.namesStartingWith("std_"));
    assertInternalMetrics(x, csv.intColumn("kmeans3_label"), EXPECTED.get("rfm_sample600_kmeans3"));
  }

  @Test
  public void adjustedRandIsOneForRenamedLabelsAndSymmetric() {
    int[] a = {0, 0, 1, 1, 2, 2, -1};
    int[] renamed = {5, 5, 9, 9, 7, 7, 3};
    int[] other = {0, 1, 1, 1, 2, 2, 2};
    assertThat(ClusterMetrics.adjustedRandIndex(a, renamed), is(1.0));
    assertThat(
        ClusterMetrics.adjustedRandIndex(a, other), is(ClusterMetrics.adjustedRandIndex(other, a)));
    assertThat(ClusterMetrics.adjustedRandIndex(a, other) < 1.0, is(true));
  }

  @Test
  public void wcssIsTheSumOfSquaredDistancesToClusterMeans() {
    double[][] x = {{0, 0}, {2, 0}, {10, 10}, {10, 14}};
    int[] labels = {7, 7, 3, 3};
    // cluster 7: mean (1,0), 1+1; cluster 3: mean (10,12), 4+4
    assertThat(ClusterMetrics.wcss(x, labels), is(10.0));
  }

  @Test
  public void exactSampleEqualsFullSilhouetteAndSampleEstimatesIt() {
    TestData.Csv csv = TestData.fixture("rfm_sample600_scaled.csv");
    double[][] x = csv.columns(csv.namesStartingWith("std_"));
    int[] labels = csv.intColumn("kmeans3_label");
    double exact = ClusterMetrics.silhouette(x, labels);
    assertThat(ClusterMetrics.silhouetteSample(x, labels, 600, 1), is(exact));
    double estimate = ClusterMetrics.silhouetteSample(x, labels, 200, 1);
    assertThat(estimate, not(is(exact)));
    assertThat(estimate, closeTo(exact, 0.05));
    assertThat(
        ClusterMetrics.silhouetteSample(x, labels, 200, 1), is(estimate)); // same seed, same sample
  }

  @Test
  public void silhouetteIsBitForBitTheSameOnOneOrManyThreads() throws Exception {
    TestData.Csv csv = TestData.fixture("overlap.csv");
    double[][] x = csv.columns(csv.namesStartingWith("x"));
    int[] labels = csv.intColumn("label");
    // a parallel stream runs in the pool it is started from
    ForkJoinPool one = new ForkJoinPool(1);
    ForkJoinPool four = new ForkJoinPool(4);
    try {
      double single = one.submit(() -> ClusterMetrics.silhouette(x, labels)).get();
      double many = four.submit(() -> ClusterMetrics.silhouette(x, labels)).get();
      assertThat(Double.doubleToRawLongBits(many), is(Double.doubleToRawLongBits(single)));
    } finally {
      one.shutdown();
      four.shutdown();
    }
  }

  @Test
  public void rejectsInvalidInput() {
    double[][] x = {{0}, {1}, {2}};
    assertThrows(
        IllegalArgumentException.class, () -> ClusterMetrics.silhouette(x, new int[] {0, 0, 0}));
    assertThrows(
        IllegalArgumentException.class, () -> ClusterMetrics.silhouette(x, new int[] {0, 1, 2}));
    assertThrows(
        IllegalArgumentException.class, () -> ClusterMetrics.silhouette(x, new int[] {0, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            ClusterMetrics.silhouette(
                new double[][] {{0}, {Double.NaN}, {1}}, new int[] {0, 1, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClusterMetrics.silhouetteSample(x, new int[] {0, 1, 1}, 0, 1));
    assertThrows(
        IllegalArgumentException.class,
        () -> ClusterMetrics.adjustedRandIndex(new int[] {0}, new int[] {0, 1}));
  }
}
