// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.segflow.models.ExactOrderStatistics;
import io.segflow.models.ExactOrderStatistics.Plan;
import io.segflow.models.RfmMethod;
import io.segflow.models.RfmPackageBreaks;
import io.segflow.models.RfmThresholds;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.segment.ExactRfmCuts.Histograms;
import io.segflow.transforms.segment.ExactRfmCuts.HistogramsFn;
import io.segflow.transforms.segment.ExactRfmCuts.Kept;
import io.segflow.transforms.segment.ExactRfmCuts.KeptFn;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.ApproximateQuantiles.ApproximateQuantilesCombineFn;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.util.CoderUtils;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The exact RFM cut points: the same values Beam's {@code ApproximateQuantiles} gives while it
 * holds every value, and the same in any split and merge order also where Beam's sketch, once it
 * collapses buffers, is not.
 */
@RunWith(JUnit4.class)
public class ExactRfmCutsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Beam's fn as ScoreRfm used it: exact up to about three million values. */
  private static ApproximateQuantilesCombineFn<Double, Top.Natural<Double>> beam(int bins) {
    return ApproximateQuantilesCombineFn.create(
        bins + 1, new Top.Natural<Double>(), 1_000_000_000L, 1e-4);
  }

  private static List<Double> values(int n, boolean ties, Random rnd) {
    List<Double> v = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      v.add(ties ? (double) rnd.nextInt(Math.max(1, n / 7)) : i * 0.37 - n / 9.0);
    }
    Collections.shuffle(v, rnd);
    return v;
  }

  @Test
  public void quantileRanksAreTheOnesBeamReturnsWhenExact() {
    Random rnd = new Random(1);
    for (int n :
        new int[] {1, 2, 3, 4, 5, 9, 10, 14, 19, 100, 214, 999, 1_000, 4_338, 43_380, 100_003}) {
      for (int bins = 2; bins <= 10; bins++) {
        for (boolean ties : new boolean[] {false, true}) {
          List<Double> v = values(n, ties, rnd);
          List<Double> fromBeam = beam(bins).apply(v);
          Double[] sorted = v.toArray(new Double[0]);
          Arrays.sort(sorted);
          long[] ranks = ExactOrderStatistics.beamQuantileRanks(n, bins + 1);
          for (int j = 0; j < ranks.length; j++) {
            assertThat(
                "n=" + n + " bins=" + bins + " ties=" + ties + " j=" + j,
                sorted[(int) ranks[j]],
                equalTo(fromBeam.get(j + 1)));
          }
        }
      }
    }
  }

  private static List<CustomerRecord> customers(int n, Random rnd) {
    List<CustomerRecord> all = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double u = rnd.nextDouble();
      int frequency = u < 0.4 ? 1 : u < 0.6 ? 2 : 3 + rnd.nextInt(60);
      double monetary = Math.round(Math.exp(6 + 1.3 * rnd.nextGaussian()) * 100) / 100.0;
      all.add(RfmCustomers.customer("c" + i, rnd.nextInt(374), frequency, monetary));
    }
    return all;
  }

  /** The thresholds by sorting each dimension and reading Beam's ranks. */
  private static RfmThresholds bySorting(List<CustomerRecord> all, RfmMethod method, int bins) {
    double[][] cuts = new double[3][];
    for (int d = 0; d < 3; d++) {
      int dim = d;
      double[] sorted =
          all.stream().mapToDouble(c -> ExactRfmCuts.value(c, dim)).sorted().toArray();
      cuts[d] =
          method == RfmMethod.RFM_PACKAGE
              ? RfmPackageBreaks.cuts(sorted, bins)
              : Arrays.stream(ExactOrderStatistics.beamQuantileRanks(sorted.length, bins + 1))
                  .mapToDouble(r -> sorted[(int) r])
                  .toArray();
    }
    return RfmThresholds.of(method, cuts[0], cuts[1], cuts[2]);
  }

  /** Both passes' combine fns over random slices merged in random order, as a runner may. */
  private static RfmThresholds inSlices(
      List<CustomerRecord> all, RfmMethod method, int bins, int bits, Random rnd) {
    List<CustomerRecord> shuffled = new ArrayList<>(all);
    Collections.shuffle(shuffled, rnd);
    int parts = 1 + rnd.nextInt(30);
    List<List<CustomerRecord>> slices = new ArrayList<>();
    for (int s = 0; s < parts; s++) {
      slices.add(shuffled.subList(s * shuffled.size() / parts, (s + 1) * shuffled.size() / parts));
    }
    HistogramsFn hFn = new HistogramsFn(bits);
    List<Histograms> hs = new ArrayList<>();
    for (List<CustomerRecord> s : slices) {
      Histograms h = hFn.createAccumulator();
      s.forEach(c -> hFn.addInput(h, c));
      hs.add(h);
    }
    Collections.shuffle(hs, rnd);
    Histograms h = hFn.mergeAccumulators(hs);
    Plan[] plans = new Plan[3];
    for (int d = 0; d < 3; d++) {
      plans[d] = h.dims[d].plan(ExactRfmCuts.ranks(method, h.dims[d].count(), bins));
    }
    KeptFn kFn = new KeptFn();
    List<Kept> ks = new ArrayList<>();
    for (List<CustomerRecord> s : slices) {
      Kept k = kFn.createAccumulator();
      for (CustomerRecord c : s) {
        for (int d = 0; d < 3; d++) {
          double v = ExactRfmCuts.value(c, d);
          if (plans[d].wants(v)) {
            kFn.addInput(k, KV.of(d, v));
          }
        }
      }
      ks.add(k);
    }
    Collections.shuffle(ks, rnd);
    Kept kept = kFn.mergeAccumulators(ks);
    double[][] cuts = new double[3][];
    for (int d = 0; d < 3; d++) {
      cuts[d] = ExactRfmCuts.cuts(method, all.size(), bins, plans[d].select(kept.dims[d]));
    }
    return RfmThresholds.of(method, cuts[0], cuts[1], cuts[2]);
  }

  private static List<Double> inParts(
      Combine.CombineFn<Double, ?, List<Double>> fn, List<List<Double>> slices) {
    return inPartsCaptured(fn, slices);
  }

  private static <A> List<Double> inPartsCaptured(
      Combine.CombineFn<Double, A, List<Double>> fn, List<List<Double>> slices) {
    List<A> accs = new ArrayList<>();
    for (List<Double> slice : slices) {
      A acc = fn.createAccumulator();
      for (Double v : slice) {
        acc = fn.addInput(acc, v);
      }
      accs.add(acc);
    }
    return fn.extractOutput(fn.mergeAccumulators(accs));
  }

  @Test
  public void cutsDoNotDependOnSplitOrMergeOrderWhereBeamsCollapsedSketchDoes() {
    Random rnd = new Random(7);
    List<CustomerRecord> all = customers(40_000, rnd);
    // Beam's sketch with buffers too small for these values (as ε = 1e-4 is above ~3M values):
    // the top quintile cut of monetary changes with the split and merge order.
    Set<Double> beamTopCuts = new HashSet<>();
    for (int round = 0; round < 6; round++) {
      ApproximateQuantilesCombineFn<Double, Top.Natural<Double>> small =
          ApproximateQuantilesCombineFn.create(6, new Top.Natural<Double>(), 40_000L, 0.002);
      List<Double> monetary = new ArrayList<>();
      all.forEach(c -> monetary.add(c.getMonetary()));
      Collections.shuffle(monetary, rnd);
      int parts = 2 + round * 5;
      List<List<Double>> slices = new ArrayList<>();
      for (int s = 0; s < parts; s++) {
        slices.add(monetary.subList(s * 40_000 / parts, (s + 1) * 40_000 / parts));
      }
      List<Double> q = inParts(small, slices);
      beamTopCuts.add(q.get(4));
    }
    assertThat(beamTopCuts.size(), greaterThan(1));

    for (RfmMethod method : new RfmMethod[] {RfmMethod.QUANTILE, RfmMethod.RFM_PACKAGE}) {
      RfmThresholds expected = bySorting(all, method, 5);
      for (int round = 0; round < 6; round++) {
        int bits = new int[] {20, 6, 12}[round % 3]; // 6 bits: a bucket holds many values
        assertThat(
            method + " round " + round, inSlices(all, method, 5, bits, rnd), equalTo(expected));
      }
    }
  }

  @Test
  public void thePipelineGivesTheSortedOrderStatistics() {
    Random rnd = new Random(21);
    List<CustomerRecord> all = customers(1_500, rnd);
    PCollection<CustomerRecord> in =
        p.apply(Create.of(all).withCoder(AvroCoder.specific(CustomerRecord.class)));
    PAssert.thatSingleton(in.apply("Quantile", new ExactRfmCuts(RfmMethod.QUANTILE, 5, 8)))
        .isEqualTo(bySorting(all, RfmMethod.QUANTILE, 5));
    PAssert.thatSingleton(in.apply("Package", new ExactRfmCuts(RfmMethod.RFM_PACKAGE, 4, 20)))
        .isEqualTo(bySorting(all, RfmMethod.RFM_PACKAGE, 4));
    p.run().waitUntilFinish();
  }

  @Test
  public void accumulatorCodersRoundTrip() throws Exception {
    Random rnd = new Random(2);
    List<CustomerRecord> all = customers(500, rnd);
    HistogramsFn hFn = new HistogramsFn(20);
    Histograms h = hFn.createAccumulator();
    all.forEach(c -> hFn.addInput(h, c));
    Histograms decoded = CoderUtils.clone(ExactRfmCuts.HistogramsCoder.INSTANCE, h);
    KeptFn kFn = new KeptFn();
    Kept k = kFn.createAccumulator();
    for (CustomerRecord c : all) {
      for (int d = 0; d < 3; d++) {
        kFn.addInput(k, KV.of(d, ExactRfmCuts.value(c, d)));
      }
    }
    Kept keptBack = CoderUtils.clone(ExactRfmCuts.KeptCoder.INSTANCE, k);
    for (int d = 0; d < 3; d++) {
      long[] buckets = h.dims[d].buckets();
      assertThat(decoded.dims[d].buckets(), equalTo(buckets));
      assertThat(decoded.dims[d].counts(buckets), equalTo(h.dims[d].counts(buckets)));
      assertThat(decoded.dims[d].count(), equalTo(500L));
      assertThat(keptBack.dims[d], equalTo(k.dims[d]));
    }
  }
}
