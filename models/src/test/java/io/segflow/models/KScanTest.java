// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class KScanTest {
  private static double[][] blobs() {
    TestData.Csv csv = TestData.fixture("blobs.csv");
    return csv.columns(csv.namesStartingWith("x"));
  }

  /**
   * Four tight, equally far apart Gaussian blobs in 2-D (deterministic): k=4 is the only sensible
   * answer.
   */
  private static double[][] fourSeparatedBlobs() {
    double[][] centers = {{0, 0}, {10, 0}, {0, 10}, {10, 10}};
    Random random = new Random(4);
    double[][] x = new double[200][];
    for (int i = 0; i < x.length; i++) {
      double[] c = centers[i % 4];
      x[i] = new double[] {c[0] + random.nextGaussian(), c[1] + random.nextGaussian()};
    }
    return x;
  }

  @Test
  public void findsFourSeparatedBlobs() {
    KScanResult r = KScan.create().withKRange(2, 8).run(fourSeparatedBlobs());
    assertThat(r.rows(), hasSize(7));
    assertThat(r.choice().k(), is(4));
    assertThat(r.chosenFit().k(), is(4));
    for (int i = 0; i < r.rows().size(); i++) {
      assertThat(r.rows().get(i).requestedK(), is(i + 2));
      assertThat(r.rows().get(i).wcss(), is(r.fits().get(i).wcss()));
    }
  }

  @Test
  public void silhouetteAboveTheRowLimitIsASeededSampleEstimate() {
    double[][] x = fourSeparatedBlobs();
    KScanResult exact = KScan.create().withKRange(4, 4).run(x);
    KScanResult sampled = KScan.create().withKRange(4, 4).withSilhouetteRows(50).run(x);
    int[] labels = exact.chosenFit().labels();
    double s = sampled.rows().get(0).silhouette();
    assertThat(s, is(ClusterMetrics.silhouetteSample(x, labels, 50, KMeansTrainer.DEFAULT_SEED)));
    assertThat(s, closeTo(exact.rows().get(0).silhouette(), 0.05));
    assertThat(sampled.rows().get(0).wcss(), is(exact.rows().get(0).wcss()));
    assertThat(
        KScan.create()
            .withKRange(4, 4)
            .withSilhouetteRows(x.length)
            .run(x)
            .rows()
            .get(0)
            .silhouette(),
        is(exact.rows().get(0).silhouette()));
    assertThrows(IllegalArgumentException.class, () -> KScan.create().withSilhouetteRows(0));
  }

  @Test
  public void rowMetricsAreThoseOfTheFit() {
    double[][] x = blobs();
    KScanResult r = KScan.create().withKRange(3, 3).run(x);
    KScanRow row = r.rows().get(0);
    int[] labels = r.chosenFit().labels();
    assertThat(row.silhouette(), is(ClusterMetrics.silhouette(x, labels)));
    assertThat(row.daviesBouldin(), is(ClusterMetrics.daviesBouldin(x, labels)));
    assertThat(row.calinskiHarabasz(), closeTo(ClusterMetrics.calinskiHarabasz(x, labels), 0));
    assertThat(r.choice().reason().startsWith("fixed k=3"), is(true));
  }

  @Test
  public void threadCountDoesNotChangeTheResult() {
    double[][] x = blobs();
    KScanResult one = KScan.create().withThreads(1).withKRange(2, 7).run(x);
    KScanResult two = KScan.create().withThreads(2).withKRange(2, 7).run(x);
    KScanResult three = KScan.create().withThreads(3).withKRange(2, 7).run(x);
    assertThat(two.rows(), is(one.rows()));
    assertThat(three.rows(), is(one.rows()));
    assertThat(two.choice(), is(one.choice()));
  }

  @Test
  public void trainerSettingsTakeEffect() {
    KScan scan = KScan.create().withTrainer(KMeansTrainer.create().withSeed(3).withRestarts(1));
    assertThat(scan.trainer().seed(), is(3));
    KScanResult r = scan.withKRange(2, 2).run(blobs());
    assertThat(r.chosenFit().seed(), is(3));
  }

  private static double[][] customers() {
    TestData.Csv csv = TestData.fixture("rfm_sample600_scaled.csv");
    return csv.columns(csv.namesStartingWith("std_"));
  }

  @Test
  public void aScanOverMoreThanTheScanRowsChoosesKOnASeededSampleAndFitsItOnAllRows() {
    double[][] x = customers();
    KScanResult sampled = KScan.create().withKRange(2, 6).withScanRows(250).run(x);

    int[] rows = Silhouettes.sampleRows(x.length, 250, KMeansTrainer.DEFAULT_SEED);
    double[][] sample = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      sample[i] = x[rows[i]];
    }
    KScanResult onSample = KScan.create().withKRange(2, 6).run(sample);
    assertThat(sampled.scannedRows(), is(250));
    assertThat("the table is the sample's", sampled.rows(), is(onSample.rows()));
    assertThat(sampled.choice(), is(onSample.choice()));

    int k = sampled.choice().row().requestedK();
    KMeansFit onAll = KMeansTrainer.create().fit(x, k);
    KMeansFit chosen = sampled.chosenFit();
    assertThat("the chosen k is fitted on all rows", chosen.labels().length, is(x.length));
    assertThat(chosen.labels(), is(onAll.labels()));
    assertThat(chosen.wcss(), is(onAll.wcss()));
    assertThat(chosen.seed(), is(onAll.seed()));
    KScanResult full = KScan.create().withKRange(k, k).run(x);
    assertThat("as a full scan's fit of that k", chosen.labels(), is(full.chosenFit().labels()));
  }

  /**
   * A close call on the sample (several k within the silhouette tolerance, decided by the
   * tie-breakers) is decided again on all rows: the chosen k is the one {@link KSelector} picks
   * among those k measured on all rows, as a full scan measures them, and its fit is the full
   * scan's.
   */
  @Test
  public void aCloseCallOnTheSampleIsDecidedOnAllRows() {
    double[][] x = customers();
    KScanResult full = KScan.create().withKRange(2, 10).run(x);
    int closeCalls = 0;
    for (int scanRows = 150; scanRows <= 450; scanRows += 50) {
      KScanResult sampled = KScan.create().withKRange(2, 10).withScanRows(scanRows).run(x);
      List<KScanRow> finalists = KSelector.finalists(sampled.rows());
      if (finalists.size() < 2) {
        continue;
      }
      closeCalls++;
      List<KScanRow> sameKOnAllRows = new ArrayList<>();
      for (KScanRow r : full.rows()) {
        if (finalists.stream().anyMatch(f -> f.requestedK() == r.requestedK())) {
          sameKOnAllRows.add(r);
        }
      }
      int k = KSelector.decide(sameKOnAllRows).row().requestedK();
      assertThat("scan of " + scanRows, sampled.choice().row().requestedK(), is(k));
      assertThat(sampled.choice().reason(), containsString("decided again on all 600 rows"));
      assertThat(sampled.chosenFit().labels(), is(full.fits().get(k - 2).labels()));
    }
    assertThat("the sizes tried include close calls", closeCalls, greaterThan(0));
  }

  @Test
  public void aScanOfAtMostTheScanRowsOrOfAFixedKIsAFullScan() {
    double[][] x = customers();
    KScanResult full = KScan.create().withKRange(2, 5).run(x);
    KScanResult limit = KScan.create().withKRange(2, 5).withScanRows(x.length).run(x);
    assertThat(limit.scannedRows(), is(x.length));
    assertThat(limit.rows(), is(full.rows()));
    assertThat(limit.chosenFit().labels(), is(full.chosenFit().labels()));
    KScanResult fixed = KScan.create().withKRange(4, 4).withScanRows(100).run(x);
    assertThat("a fixed k is fitted on all rows", fixed.scannedRows(), is(x.length));
    assertThat(fixed.rows(), is(KScan.create().withKRange(4, 4).run(x).rows()));
    assertThrows(IllegalArgumentException.class, () -> KScan.create().withScanRows(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> KScan.create().withKRange(2, 10).withScanRows(10).run(x));
  }

  @Test
  public void rejectsBadRanges() {
    assertThrows(IllegalArgumentException.class, () -> KScan.create().withKRange(1, 5));
    assertThrows(IllegalArgumentException.class, () -> KScan.create().withKRange(5, 4));
    assertThrows(IllegalArgumentException.class, () -> KScan.create().withThreads(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> KScan.create().withKRange(2, 5).run(new double[][] {{1}, {2}, {3}, {4}, {5}}));
  }
}
