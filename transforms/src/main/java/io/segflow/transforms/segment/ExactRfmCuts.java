// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.ExactOrderStatistics;
import io.segflow.models.ExactOrderStatistics.Histogram;
import io.segflow.models.ExactOrderStatistics.Plan;
import io.segflow.models.RfmMethod;
import io.segflow.models.RfmPackageBreaks;
import io.segflow.models.RfmThresholds;
import io.segflow.schemas.CustomerRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.LongToDoubleFunction;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.CustomCoder;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The quantile and rfm_package cut points as exact order statistics, in two passes over the
 * customers ({@link ExactOrderStatistics}): a histogram per dimension, then the values in the
 * buckets that hold the wanted ranks. Sums of counts at every step, so the cuts are the same in any
 * element and merge order; memory is the histogram's buckets plus the values kept in pass 2.
 *
 * <ul>
 *   <li>quantile: the ranks Beam's {@code ApproximateQuantiles} picks for bins + 1 quantiles when
 *       it holds every value ({@link ExactOrderStatistics#beamQuantileRanks}).
 *   <li>rfm_package: the ranks R's type-7 quantiles read ({@link RfmPackageBreaks#ranks}).
 * </ul>
 */
final class ExactRfmCuts
    extends PTransform<PCollection<CustomerRecord>, PCollection<RfmThresholds>> {
  private static final int DIMENSIONS = 3; // recency, frequency, monetary

  private final RfmMethod method;
  private final int bins;
  private final int bucketBits;

  ExactRfmCuts(RfmMethod method, int bins, int bucketBits) {
    if (method != RfmMethod.QUANTILE && method != RfmMethod.RFM_PACKAGE) {
      throw new IllegalArgumentException("no order statistics for method " + method);
    }
    this.method = method;
    this.bins = bins;
    this.bucketBits = bucketBits;
  }

  static double value(CustomerRecord c, int dimension) {
    return switch (dimension) {
      case 0 -> c.getRecencyDays();
      case 1 -> c.getFrequency();
      default -> c.getMonetary();
    };
  }

  @Override
  public PCollection<RfmThresholds> expand(PCollection<CustomerRecord> customers) {
    PCollectionView<Plans> plans =
        customers
            .apply(
                "RfmHistograms", Combine.globally(new HistogramsFn(bucketBits)).withoutDefaults())
            .apply("RfmRanks", ParDo.of(new PlanFn(method, bins)))
            .setCoder(SerializableCoder.of(Plans.class))
            .apply("RfmRanksView", View.asSingleton());
    return customers
        .apply("RfmNearRanks", ParDo.of(new KeepFn(plans)).withSideInputs(plans))
        .setCoder(KvCoder.of(VarIntCoder.of(), DoubleCoder.of()))
        .apply("RfmNearRankCounts", Combine.globally(new KeptFn()).withoutDefaults())
        .apply("RfmCuts", ParDo.of(new CutsFn(plans, method, bins)).withSideInputs(plans))
        .setCoder(SerializableCoder.of(RfmThresholds.class));
  }

  /** The 0-based ranks the method's cut points read among n values. */
  static long[] ranks(RfmMethod method, long n, int bins) {
    return method == RfmMethod.QUANTILE
        ? ExactOrderStatistics.beamQuantileRanks(n, bins + 1)
        : RfmPackageBreaks.ranks(n, bins);
  }

  /** The cut points from each wanted rank's value. */
  static double[] cuts(RfmMethod method, long n, int bins, LongToDoubleFunction orderStatistic) {
    if (method == RfmMethod.RFM_PACKAGE) {
      return RfmPackageBreaks.cuts(n, bins, orderStatistic);
    }
    long[] ranks = ExactOrderStatistics.beamQuantileRanks(n, bins + 1);
    double[] cuts = new double[ranks.length];
    for (int i = 0; i < ranks.length; i++) {
      cuts[i] = orderStatistic.applyAsDouble(ranks[i]);
    }
    return cuts;
  }

  /** Pass 1's histograms and the numbers of values, one per dimension. */
  static final class Histograms {
    final Histogram[] dims = new Histogram[DIMENSIONS];

    Histograms(int bits) {
      for (int d = 0; d < DIMENSIONS; d++) {
        dims[d] = new Histogram(bits);
      }
    }

    Histograms(Histogram[] dims) {
      System.arraycopy(dims, 0, this.dims, 0, DIMENSIONS);
    }
  }

  /** Pass 2's plan per dimension, with the number of values. */
  static final class Plans implements Serializable {
    private static final long serialVersionUID = 1L;
    final Plan[] dims;
    final long[] n;

    Plans(Plan[] dims, long[] n) {
      this.dims = dims;
      this.n = n;
    }
  }

  static final class HistogramsFn
      extends Combine.CombineFn<CustomerRecord, Histograms, Histograms> {
    private final int bits;

    HistogramsFn(int bits) {
      this.bits = bits;
    }

    @Override
    public Histograms createAccumulator() {
      return new Histograms(bits);
    }

    @Override
    public Histograms addInput(Histograms acc, CustomerRecord c) {
      for (int d = 0; d < DIMENSIONS; d++) {
        acc.dims[d].add(value(c, d));
      }
      return acc;
    }

    @Override
    public Histograms mergeAccumulators(Iterable<Histograms> accs) {
      Histograms merged = new Histograms(bits);
      for (Histograms a : accs) {
        for (int d = 0; d < DIMENSIONS; d++) {
          merged.dims[d].merge(a.dims[d]);
        }
      }
      return merged;
    }

    @Override
    public Histograms extractOutput(Histograms acc) {
      return acc;
    }

    @Override
    public Coder<Histograms> getAccumulatorCoder(CoderRegistry registry, Coder<CustomerRecord> in) {
      return HistogramsCoder.INSTANCE;
    }

    @Override
    public Coder<Histograms> getDefaultOutputCoder(
        CoderRegistry registry, Coder<CustomerRecord> in) {
      return HistogramsCoder.INSTANCE;
    }
  }

  /** Buckets in ascending order, so equal histograms encode to equal bytes. */
  static final class HistogramsCoder extends CustomCoder<Histograms> {
    static final HistogramsCoder INSTANCE = new HistogramsCoder();

    @Override
    public void encode(Histograms h, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      for (Histogram d : h.dims) {
        long[] buckets = d.buckets();
        long[] counts = d.counts(buckets);
        data.writeInt(d.bits());
        data.writeInt(buckets.length);
        for (int i = 0; i < buckets.length; i++) {
          data.writeLong(buckets[i]);
          data.writeLong(counts[i]);
        }
      }
      data.flush();
    }

    @Override
    public Histograms decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      Histogram[] dims = new Histogram[DIMENSIONS];
      for (int d = 0; d < DIMENSIONS; d++) {
        int bits = data.readInt();
        int size = data.readInt();
        long[] buckets = new long[size];
        long[] counts = new long[size];
        for (int i = 0; i < size; i++) {
          buckets[i] = data.readLong();
          counts[i] = data.readLong();
        }
        dims[d] = Histogram.of(bits, buckets, counts);
      }
      return new Histograms(dims);
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final class PlanFn extends DoFn<Histograms, Plans> {
    private final RfmMethod method;
    private final int bins;

    PlanFn(RfmMethod method, int bins) {
      this.method = method;
      this.bins = bins;
    }

    @ProcessElement
    public void process(@Element Histograms h, OutputReceiver<Plans> out) {
      Plan[] plans = new Plan[DIMENSIONS];
      long[] n = new long[DIMENSIONS];
      for (int d = 0; d < DIMENSIONS; d++) {
        n[d] = h.dims[d].count();
        plans[d] = h.dims[d].plan(ranks(method, n[d], bins));
      }
      out.output(new Plans(plans, n));
    }
  }

  /**
   * Pass 2: each dimension's values that fall in a bucket holding a wanted rank. The plan is read
   * from the side input once per bundle and window: the DirectRunner applies a view's function to
   * its materialised contents again on every read.
   */
  private static final class KeepFn extends DoFn<CustomerRecord, KV<Integer, Double>> {
    private final PCollectionView<Plans> plans;
    private transient BoundedWindow window;
    private transient Plans plan;

    KeepFn(PCollectionView<Plans> plans) {
      this.plans = plans;
    }

    @StartBundle
    public void startBundle() {
      window = null;
      plan = null;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord c,
        BoundedWindow w,
        ProcessContext ctx,
        OutputReceiver<KV<Integer, Double>> out) {
      Plans p = plan;
      if (p == null || !w.equals(window)) {
        p = ctx.sideInput(plans);
        plan = p;
        window = w;
      }
      for (int d = 0; d < DIMENSIONS; d++) {
        double v = value(c, d);
        if (p.dims[d].wants(v)) {
          out.output(KV.of(d, v));
        }
      }
    }
  }

  /** Counts of each kept value, per dimension, in value order. */
  // Declared as TreeMaps: the plan reads them in value order.
  @SuppressWarnings("NonApiType")
  static final class Kept {
    final TreeMap<Double, Long>[] dims = newMaps();

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static TreeMap<Double, Long>[] newMaps() {
      TreeMap<Double, Long>[] maps = new TreeMap[DIMENSIONS];
      for (int d = 0; d < DIMENSIONS; d++) {
        maps[d] = new TreeMap<>();
      }
      return maps;
    }
  }

  static final class KeptFn extends Combine.CombineFn<KV<Integer, Double>, Kept, Kept> {
    @Override
    public Kept createAccumulator() {
      return new Kept();
    }

    @Override
    public Kept addInput(Kept acc, KV<Integer, Double> in) {
      acc.dims[in.getKey()].merge(in.getValue(), 1L, Long::sum);
      return acc;
    }

    @Override
    public Kept mergeAccumulators(Iterable<Kept> accs) {
      Kept merged = new Kept();
      for (Kept a : accs) {
        for (int d = 0; d < DIMENSIONS; d++) {
          TreeMap<Double, Long> into = merged.dims[d];
          a.dims[d].forEach((v, c) -> into.merge(v, c, Long::sum));
        }
      }
      return merged;
    }

    @Override
    public Kept extractOutput(Kept acc) {
      return acc;
    }

    @Override
    public Coder<Kept> getAccumulatorCoder(CoderRegistry registry, Coder<KV<Integer, Double>> in) {
      return KeptCoder.INSTANCE;
    }

    @Override
    public Coder<Kept> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<Integer, Double>> in) {
      return KeptCoder.INSTANCE;
    }
  }

  static final class KeptCoder extends CustomCoder<Kept> {
    static final KeptCoder INSTANCE = new KeptCoder();

    @Override
    public void encode(Kept k, OutputStream out) throws IOException {
      DataOutputStream data = new DataOutputStream(out);
      for (TreeMap<Double, Long> m : k.dims) {
        data.writeInt(m.size());
        for (Map.Entry<Double, Long> e : m.entrySet()) {
          data.writeDouble(e.getKey());
          data.writeLong(e.getValue());
        }
      }
      data.flush();
    }

    @Override
    public Kept decode(InputStream in) throws IOException {
      DataInputStream data = new DataInputStream(in);
      Kept k = new Kept();
      for (int d = 0; d < DIMENSIONS; d++) {
        int size = data.readInt();
        for (int i = 0; i < size; i++) {
          k.dims[d].put(data.readDouble(), data.readLong());
        }
      }
      return k;
    }

    @Override
    public void verifyDeterministic() {}
  }

  private static final class CutsFn extends DoFn<Kept, RfmThresholds> {
    private final PCollectionView<Plans> plans;
    private final RfmMethod method;
    private final int bins;

    CutsFn(PCollectionView<Plans> plans, RfmMethod method, int bins) {
      this.plans = plans;
      this.method = method;
      this.bins = bins;
    }

    @ProcessElement
    public void process(@Element Kept kept, ProcessContext ctx, OutputReceiver<RfmThresholds> out) {
      Plans p = ctx.sideInput(plans);
      double[][] cuts = new double[DIMENSIONS][];
      for (int d = 0; d < DIMENSIONS; d++) {
        cuts[d] = cuts(method, p.n[d], bins, p.dims[d].select(kept.dims[d]));
      }
      out.output(
          method == RfmMethod.QUANTILE
              ? RfmThresholds.of(cuts[0], cuts[1], cuts[2])
              : RfmThresholds.of(RfmMethod.RFM_PACKAGE, cuts[0], cuts[1], cuts[2]));
    }
  }
}
