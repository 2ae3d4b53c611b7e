// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.Map;
import org.junit.Test;

/**
 * The two-pass metrics from per-cluster sums equal the exact ones computed with all rows in memory.
 */
public class ClusterSpreadTest {
  private static final double REL = 1e-12;

  private static ClusterSpread twoPasses(double[][] x, int[] labels, int parts) {
    int d = x[0].length;
    ClusterSums sums = new ClusterSums(d);
    for (int p = 0; p < parts; p++) { // split as a runner would, merged in another order
      ClusterSums part = new ClusterSums(d);
      for (int i = p; i < x.length; i += parts) {
        part.add(labels[i], x[i]);
      }
      sums = part.merge(sums);
    }
    ClusterSpread spread = new ClusterSpread(sums);
    for (int p = parts - 1; p >= 0; p--) {
      ClusterSpread part = new ClusterSpread(sums);
      for (int i = p; i < x.length; i += parts) {
        part.add(labels[i], x[i]);
      }
      spread.merge(part);
    }
    return spread;
  }

  private static void assertSameAsInMemory(double[][] x, int[] labels) {
    ClusterSpread s = twoPasses(x, labels, 3);
    double ch = ClusterMetrics.calinskiHarabasz(x, labels);
    double db = ClusterMetrics.daviesBouldin(x, labels);
    double wcss = ClusterMetrics.wcss(x, labels);
    assertThat(s.calinskiHarabasz(), closeTo(ch, ch * REL));
    assertThat(s.daviesBouldin(), closeTo(db, db * REL));
    assertThat(s.wcss(), closeTo(wcss, wcss * REL));
    assertThat(
        "independent of the split",
        twoPasses(x, labels, 7).calinskiHarabasz(),
        is(s.calinskiHarabasz()));
    assertThat(twoPasses(x, labels, 7).daviesBouldin(), is(s.daviesBouldin()));
  }

  @Test
  public void equalsTheInMemoryMetricsOnFixtures() {
    for (String name : new String[] {"blobs", "overlap", "singleton"}) {
      TestData.Csv csv = TestData.fixture(name + ".csv");
      assertSameAsInMemory(csv.columns(csv.namesStartingWith("x")), csv.intColumn("label"));
    }
    TestData.Csv real = TestData.fixture("rfm_sample600_scaled.csv");
    assertSameAsInMemory(
        real.columns(real.namesStartingWith("std_")), real.intColumn("kmeans3_label"));
  }

  @Test
  public void sizesCentroidsAndUndefinedCases() {
    double[][] x = {{0, 0}, {2, 0}, {10, 10}};
    int[] labels = {5, 5, 9};
    ClusterSpread s = twoPasses(x, labels, 2);
    ClusterSums sums = new ClusterSums(2);
    for (int i = 0; i < x.length; i++) {
      sums.add(labels[i], x[i]);
    }
    assertThat(sums.sizes(), is(Map.of(5, 2L, 9, 1L)));
    assertThat(sums.centroids().get(5)[0], is(1.0));
    assertThat(s.wcss(), is(2.0));
    ClusterSums one = new ClusterSums(2);
    one.add(1, x[0]);
    one.add(1, x[1]);
    ClusterSpread single = new ClusterSpread(one);
    assertThat(Double.isNaN(single.calinskiHarabasz()), is(true));
    assertThat(Double.isNaN(single.daviesBouldin()), is(true));
  }
}
