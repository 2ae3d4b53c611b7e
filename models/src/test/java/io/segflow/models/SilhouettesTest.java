// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.Random;
import org.junit.Test;

public class SilhouettesTest {
  /**
   * The textbook silhouette, one scored row at a time, each distance summed into its cluster in row
   * order: the computation {@link Silhouettes} must reproduce double for double.
   */
  private static double naiveMean(double[][] x, int[] labels, int[] rows) {
    Labels enc = Labels.encode(labels);
    int[] codes = enc.codes();
    int[] sizes = enc.sizes();
    double total = 0;
    for (int i : rows) {
      double[] sums = new double[sizes.length];
      for (int j = 0; j < x.length; j++) {
        double ss = 0;
        for (int f = 0; f < x[i].length; f++) {
          double t = x[i][f] - x[j][f];
          ss += t * t;
        }
        sums[codes[j]] += Math.sqrt(ss);
      }
      int own = codes[i];
      double s = 0;
      if (sizes[own] > 1) {
        double a = sums[own] / (sizes[own] - 1);
        double b = Double.POSITIVE_INFINITY;
        for (int c = 0; c < sizes.length; c++) {
          if (c != own) {
            b = Math.min(b, sums[c] / sizes[c]);
          }
        }
        double max = Math.max(a, b);
        s = max == 0 ? 0 : (b - a) / max;
      }
      total += s;
    }
    return total / rows.length;
  }

  /** Real scaled customers (600 × 5), with k-means labelings for k = 2..6 and a singleton. */
  private static double[][] customers() {
    TestData.Csv csv = TestData.fixture("rfm_sample600_scaled.csv");
    return csv.columns(csv.namesStartingWith("std_"));
  }

  private static int[][] labelings(double[][] x) {
    int[][] labelings = new int[6][];
    for (int k = 2; k <= 6; k++) {
      labelings[k - 2] = KMeansTrainer.create().withRestarts(1).fit(x, k).labels();
    }
    int[] singleton = labelings[1].clone(); // row 7 alone in a cluster of its own, label -1
    singleton[7] = -1;
    labelings[5] = singleton;
    return labelings;
  }

  @Test
  public void everyLabelingEqualsTheTextbookComputationBitForBit() {
    double[][] x = customers();
    int[][] labelings = labelings(x);
    // all rows, and a sample whose size is not a multiple of the block of scored rows
    for (int[] rows :
        new int[][] {
          Silhouettes.sampleRows(x.length, x.length, 0), Silhouettes.sampleRows(x.length, 237, 5)
        }) {
      double[] means = Silhouettes.means(x, labelings, rows);
      for (int l = 0; l < labelings.length; l++) {
        assertThat(
            Double.doubleToRawLongBits(means[l]),
            is(Double.doubleToRawLongBits(naiveMean(x, labelings[l], rows))));
      }
    }
  }

  @Test
  public void moreRowsThanADistanceTileAndLanesAreScoredExactly() {
    Random random = new Random(11);
    double[][] x = new double[2500][3];
    int[] labels = new int[x.length];
    for (int i = 0; i < x.length; i++) {
      labels[i] = random.nextInt(4);
      for (int f = 0; f < 3; f++) {
        x[i][f] = labels[i] + random.nextGaussian();
      }
    }
    int[] rows = Silhouettes.sampleRows(x.length, 101, 3);
    double[] means = Silhouettes.means(x, new int[][] {labels}, rows);
    assertThat(
        Double.doubleToRawLongBits(means[0]),
        is(Double.doubleToRawLongBits(naiveMean(x, labels, rows))));
  }

  @Test
  public void sampleRowsAreDistinctSortedAndAllRowsWhenTheSampleIsLarge() {
    int[] rows = Silhouettes.sampleRows(1000, 100, 42);
    assertThat(rows.length, is(100));
    for (int i = 1; i < rows.length; i++) {
      assertThat(rows[i] > rows[i - 1], is(true));
    }
    assertThat(Silhouettes.sampleRows(5, 9, 42), is(new int[] {0, 1, 2, 3, 4}));
    assertThrows(IllegalArgumentException.class, () -> Silhouettes.sampleRows(5, 0, 42));
  }

  @Test
  public void rejectsALabelingWithOneCluster() {
    double[][] x = customers();
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Silhouettes.means(
                x, new int[][] {labelings(x)[0], new int[x.length]}, new int[] {0, 1, 2}));
  }
}
