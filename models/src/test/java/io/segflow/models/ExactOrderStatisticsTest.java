// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertThrows;

import io.segflow.models.ExactOrderStatistics.Histogram;
import io.segflow.models.ExactOrderStatistics.Plan;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The two-pass order statistics against sorting: every rank, with ties, negative values and both
 * zeros, any bucket width, and the values split into parts that are counted and merged in random
 * orders (as a runner's bundles and combines would).
 */
@RunWith(JUnit4.class)
public class ExactOrderStatisticsTest {

  /** Values like a customer table's: heavy ties, cents, a long tail, a few negatives and zeros. */
  private static double[] mixed(int n, Random rnd) {
    double[] v = new double[n];
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      if (u < 0.35) {
        v[i] = 1;
      } else if (u < 0.5) {
        v[i] = 2;
      } else if (u < 0.52) {
        v[i] = rnd.nextBoolean() ? 0.0 : -0.0;
      } else if (u < 0.55) {
        v[i] = -Math.round(rnd.nextDouble() * 5000) / 100.0;
      } else {
        v[i] = Math.round(Math.exp(5 + 1.5 * rnd.nextGaussian()) * 100) / 100.0;
      }
    }
    return v;
  }

  /**
   * Both passes over {@code values} cut into {@code parts} random slices, merged in random order.
   */
  private static LongToDoubleFunction twoPass(
      double[] values, long[] ranks, int bits, int parts, Random rnd) {
    List<double[]> slices = slices(values, parts, rnd);
    List<Histogram> histograms = new ArrayList<>();
    for (double[] s : slices) {
      Histogram h = new Histogram(bits);
      for (double v : s) {
        h.add(v);
      }
      histograms.add(h);
    }
    Collections.shuffle(histograms, rnd);
    Histogram all = new Histogram(bits);
    histograms.forEach(all::merge);
    assertThat(all.count(), equalTo((long) values.length));
    Plan plan = all.plan(ranks);
    List<TreeMap<Double, Long>> kept = new ArrayList<>();
    for (double[] s : slices) {
      TreeMap<Double, Long> k = new TreeMap<>();
      for (double v : s) {
        if (plan.wants(v)) {
          k.merge(v, 1L, Long::sum);
        }
      }
      kept.add(k);
    }
    Collections.shuffle(kept, rnd);
    TreeMap<Double, Long> merged = new TreeMap<>();
    kept.forEach(k -> k.forEach((v, c) -> merged.merge(v, c, Long::sum)));
    return plan.select(merged);
  }

  private static List<double[]> slices(double[] values, int parts, Random rnd) {
    double[] shuffled = values.clone();
    for (int i = shuffled.length - 1; i > 0; i--) {
      int j = rnd.nextInt(i + 1);
      double t = shuffled[i];
      shuffled[i] = shuffled[j];
      shuffled[j] = t;
    }
    int[] cuts = new int[parts + 1];
    cuts[parts] = shuffled.length;
    for (int p = 1; p < parts; p++) {
      cuts[p] = rnd.nextInt(shuffled.length + 1);
    }
    Arrays.sort(cuts);
    List<double[]> out = new ArrayList<>();
    for (int p = 0; p < parts; p++) {
      out.add(Arrays.copyOfRange(shuffled, cuts[p], cuts[p + 1]));
    }
    return out;
  }

  private static double[] sorted(double[] values) {
    double[] s = values.clone();
    Arrays.sort(s); // Double.compare's order: -0.0 before 0.0
    return s;
  }

  @Test
  public void everyRankIsTheSortedValueAtThatRank() {
    Random rnd = new Random(11);
    for (int n : new int[] {1, 2, 3, 17, 250, 3_001}) {
      for (int bits : new int[] {1, 4, 12, 20, 64}) {
        double[] values = mixed(n, rnd);
        double[] sorted = sorted(values);
        long[] ranks = new long[n];
        for (int r = 0; r < n; r++) {
          ranks[r] = r;
        }
        LongToDoubleFunction select = twoPass(values, ranks, bits, 1 + rnd.nextInt(6), rnd);
        for (int r = 0; r < n; r++) {
          String what = "n=" + n + " bits=" + bits + " rank=" + r;
          // Double.valueOf: equal including the sign of zero
          assertThat(what, Double.valueOf(select.applyAsDouble(r)), equalTo(sorted[r]));
        }
      }
    }
  }

  @Test
  public void quantileRanksOfLargeInputsAreTheSameForAnySplitAndMergeOrder() {
    Random rnd = new Random(5);
    double[] values = mixed(200_000, rnd);
    double[] sorted = sorted(values);
    long[] ranks = ExactOrderStatistics.beamQuantileRanks(values.length, 6);
    for (int round = 0; round < 8; round++) {
      int parts = 1 + rnd.nextInt(40);
      int bits = round % 2 == 0 ? 20 : 10;
      LongToDoubleFunction select = twoPass(values, ranks, bits, parts, rnd);
      for (long r : ranks) {
        assertThat(
            "round " + round + " rank " + r, select.applyAsDouble(r), equalTo(sorted[(int) r]));
      }
    }
  }

  @Test
  public void heavilyTiedValuesAreKeptAsOneEntryEach() {
    Random rnd = new Random(3);
    double[] frequency = new double[100_000];
    for (int i = 0; i < frequency.length; i++) {
      double u = rnd.nextDouble();
      frequency[i] = u < 0.5 ? 1 : u < 0.75 ? 2 : 3 + rnd.nextInt(200);
    }
    long[] ranks = ExactOrderStatistics.beamQuantileRanks(frequency.length, 6);
    Histogram h = new Histogram(ExactOrderStatistics.DEFAULT_BUCKET_BITS);
    for (double v : frequency) {
      h.add(v);
    }
    Plan plan = h.plan(ranks);
    TreeMap<Double, Long> kept = new TreeMap<>();
    for (double v : frequency) {
      if (plan.wants(v)) {
        kept.merge(v, 1L, Long::sum);
      }
    }
    // integers below 512 have a bucket each: one kept entry per wanted bucket
    assertThat(kept.size(), equalTo(plan.wantedBuckets()));
    assertThat(plan.wantedBuckets(), lessThanOrEqualTo(ranks.length));
    double[] sorted = sorted(frequency);
    LongToDoubleFunction select = plan.select(kept);
    for (long r : ranks) {
      assertThat(select.applyAsDouble(r), equalTo(sorted[(int) r]));
    }
  }

  @Test
  public void memoryIsBoundedByTheBucketsAndTheValuesNearTheWantedRanks() {
    Random rnd = new Random(9);
    int n = 300_000;
    double[] monetary = new double[n];
    for (int i = 0; i < n; i++) {
      monetary[i] = Math.exp(6 + 1.2 * rnd.nextGaussian()) + rnd.nextDouble(); // all distinct
    }
    Histogram h = new Histogram(ExactOrderStatistics.DEFAULT_BUCKET_BITS);
    Histogram coarse = new Histogram(8);
    for (double v : monetary) {
      h.add(v);
      coarse.add(v);
    }
    assertThat(coarse.size(), lessThanOrEqualTo(1 << 8));
    // ~16 powers of two × 256 buckets each, far fewer than the 300,000 distinct values
    assertThat(h.size(), lessThan(5_000));
    Plan plan = h.plan(ExactOrderStatistics.beamQuantileRanks(n, 6));
    long kept = Arrays.stream(monetary).filter(plan::wants).count();
    assertThat(kept, lessThan(n / 100L));
  }

  @Test
  public void beamRanksFollowBeamsDoubleArithmetic() {
    // (i·n − 1)/bins computed as j·step + offset in doubles: for n = 14 and 5 bins the fourth
    // target is 10.999999999999998, not 11, so Beam returns the 11th value, not the 12th
    // (numpy's "inverted_cdf" rule, ceil(i·n/bins), would give the 12th).
    assertThat(ExactOrderStatistics.beamQuantileRanks(14, 6), equalTo(new long[] {2, 5, 8, 10}));
    assertThat(ExactOrderStatistics.beamQuantileRanks(10, 6), equalTo(new long[] {1, 3, 5, 7}));
    assertThat(ExactOrderStatistics.beamQuantileRanks(1, 6), equalTo(new long[] {0, 0, 0, 0}));
    assertThat(ExactOrderStatistics.beamQuantileRanks(4_338, 6)[3], equalTo(3_470L));
  }

  @Test
  public void sortableBitsOrderAsDoubleCompare() {
    double[] v = {
      Double.NEGATIVE_INFINITY,
      -1e300,
      -2.5,
      -Double.MIN_VALUE,
      -0.0,
      0.0,
      Double.MIN_VALUE,
      1,
      1.0000000000000002,
      1e300,
      Double.POSITIVE_INFINITY,
      Double.NaN
    };
    for (int i = 1; i < v.length; i++) {
      assertThat(
          Long.compare(
              ExactOrderStatistics.sortableBits(v[i - 1]), ExactOrderStatistics.sortableBits(v[i])),
          equalTo(-1));
    }
  }

  @Test
  public void askingForAnUnplannedRankFails() {
    Histogram h = new Histogram(20);
    for (int i = 0; i < 10; i++) {
      h.add(i);
    }
    Plan plan = h.plan(new long[] {3});
    TreeMap<Double, Long> kept = new TreeMap<>();
    for (int i = 0; i < 10; i++) {
      if (plan.wants(i)) {
        kept.merge((double) i, 1L, Long::sum);
      }
    }
    LongToDoubleFunction select = plan.select(kept);
    assertThat(select.applyAsDouble(3), equalTo(3.0));
    assertThrows(IllegalArgumentException.class, () -> select.applyAsDouble(4));
    assertThrows(IllegalArgumentException.class, () -> h.plan(new long[] {10}));
  }
}
