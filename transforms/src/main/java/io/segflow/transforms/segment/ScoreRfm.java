// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.RfmMethod;
import io.segflow.models.RfmPackageBreaks;
import io.segflow.models.RfmRule;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.outliers.FieldSummary;
import java.io.Serializable;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.ApproximateQuantiles;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Classic RFM scoring: scores 1..bins (5 by default) for recency (most recent = highest), frequency
 * and monetary, the code ("545") and a named segment from the rule table, added to every customer.
 * The cut points come as a side input ({@link #withThresholds}), computed by {@link
 * #thresholds(PCollection, RfmScoring)}:
 *
 * <ul>
 *   <li>quantile (the default): Beam's {@code ApproximateQuantiles} (bins + 1 quantiles: minimum,
 *       1/bins, …, maximum), so they scale to any number of customers: its sketch guarantees a rank
 *       error of at most ε·n for each cut ({@link #EPSILON}); below about three million customers
 *       the sketch holds every value and the cuts are exact order statistics. A value equal to a
 *       cut point gets the lower score, so equal values always share a score; with frequency's
 *       heavy ties at 1 and 2 orders the frequency quintiles are therefore uneven.
 *   <li>rfm_package: the R rfm package's breaks ({@link RfmPackageBreaks}) from each dimension's
 *       exact distribution, kept as counts of distinct values.
 *   <li>fixed: the configured cut points.
 * </ul>
 */
public final class ScoreRfm
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  static final String RECENCY = "recency_days";
  static final String FREQUENCY = "frequency";
  static final String MONETARY = "monetary";

  /**
   * Sketch error ε: each cut point's rank is within ε·n of the true one. Beam's default (1 / the
   * number of quantiles) starts merging buffers at ~2,900 values, which makes the cuts depend on
   * how a runner combines; with this ε the sketch's buffers hold about 3 million values per
   * dimension, so below that the cuts are exact order statistics and the same on every run.
   */
  static final double EPSILON = 1e-4;

  static final long MAX_CUSTOMERS = 1_000_000_000L;

  private final RfmSegmentRules rules;
  private final PCollectionView<RfmThresholds> thresholds;

  private ScoreRfm(RfmSegmentRules rules, PCollectionView<RfmThresholds> thresholds) {
    this.rules = rules;
    this.thresholds = thresholds;
  }

  public static ScoreRfm create() {
    return new ScoreRfm(RfmSegmentRules.defaults(), null);
  }

  public ScoreRfm withRules(RfmSegmentRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules must not be null");
    }
    return new ScoreRfm(rules, thresholds);
  }

  /** Thresholds computed elsewhere (e.g. shared with the model report); default: computed here. */
  public ScoreRfm withThresholds(PCollectionView<RfmThresholds> thresholds) {
    if (thresholds == null) {
      throw new IllegalArgumentException("the thresholds view must not be null");
    }
    return new ScoreRfm(rules, thresholds);
  }

  /** Quintile thresholds computed over these customers, as a singleton view. */
  public static PCollectionView<RfmThresholds> thresholds(PCollection<CustomerRecord> customers) {
    return thresholds(customers, RfmScoring.defaults());
  }

  /**
   * The thresholds of {@code scoring} as a singleton view: computed over these customers by its
   * method and number of bins, or its fixed cut points.
   */
  public static PCollectionView<RfmThresholds> thresholds(
      PCollection<CustomerRecord> customers, RfmScoring scoring) {
    int bins = scoring.bins();
    PCollection<RfmThresholds> thresholds =
        switch (scoring.method()) {
          case FIXED ->
              customers
                  .getPipeline()
                  .apply(
                      "FixedRfmCuts",
                      Create.of(scoring.fixed())
                          .withCoder(SerializableCoder.of(RfmThresholds.class)));
          case RFM_PACKAGE ->
              rfmValues(customers)
                  .apply("RfmDistributions", Combine.perKey(new ExactDistributionFn()))
                  .apply(
                      "GatherRfmPackageBreaks",
                      Combine.globally(
                              new GatherFn<FieldSummary>(
                                  (r, f, m) ->
                                      RfmThresholds.of(
                                          RfmMethod.RFM_PACKAGE,
                                          RfmPackageBreaks.cuts(r.count(), bins, r::valueAt),
                                          RfmPackageBreaks.cuts(f.count(), bins, f::valueAt),
                                          RfmPackageBreaks.cuts(m.count(), bins, m::valueAt))))
                          .withoutDefaults());
          default ->
              rfmValues(customers)
                  .apply(
                      "RfmQuintiles",
                      Combine.perKey(
                          ApproximateQuantiles.ApproximateQuantilesCombineFn.create(
                              bins + 1, new Top.Natural<Double>(), MAX_CUSTOMERS, EPSILON)))
                  .apply(
                      "GatherQuintiles",
                      Combine.globally(
                              new GatherFn<List<Double>>(
                                  (r, f, m) ->
                                      RfmThresholds.of(
                                          cuts(r, bins), cuts(f, bins), cuts(m, bins))))
                          .withoutDefaults());
        };
    return thresholds
        .setCoder(SerializableCoder.of(RfmThresholds.class))
        .apply("RfmThresholdsView", View.asSingleton());
  }

  private static PCollection<KV<String, Double>> rfmValues(PCollection<CustomerRecord> customers) {
    return customers
        .apply(
            "RfmValues",
            FlatMapElements.into(
                    TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.doubles()))
                .via(
                    (CustomerRecord c) ->
                        List.of(
                            KV.of(RECENCY, (double) c.getRecencyDays()),
                            KV.of(FREQUENCY, (double) c.getFrequency()),
                            KV.of(MONETARY, c.getMonetary()))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()));
  }

  /** Cut points from the three dimensions' summaries. */
  interface CutsOf<S> extends Serializable {
    RfmThresholds apply(S recency, S frequency, S monetary);
  }

  /** Gathers the three dimensions' summaries (keyed by dimension) into thresholds. */
  // The accumulator is declared a TreeMap: that type picks its coder (a sorted map).
  @SuppressWarnings("NonApiType")
  private static final class GatherFn<S>
      extends Combine.CombineFn<KV<String, S>, TreeMap<String, S>, RfmThresholds> {
    private final CutsOf<S> cutsOf;

    GatherFn(CutsOf<S> cutsOf) {
      this.cutsOf = cutsOf;
    }

    @Override
    public TreeMap<String, S> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public TreeMap<String, S> addInput(TreeMap<String, S> acc, KV<String, S> in) {
      acc.put(in.getKey(), in.getValue());
      return acc;
    }

    @Override
    public TreeMap<String, S> mergeAccumulators(Iterable<TreeMap<String, S>> accs) {
      TreeMap<String, S> merged = new TreeMap<>();
      accs.forEach(merged::putAll);
      return merged;
    }

    @Override
    public RfmThresholds extractOutput(TreeMap<String, S> acc) {
      return cutsOf.apply(acc.get(RECENCY), acc.get(FREQUENCY), acc.get(MONETARY));
    }
  }

  /**
   * Every value of a dimension as counts of distinct values: exact quantiles in any merge order.
   * Memory grows with the distinct values (for monetary up to one per customer).
   */
  private static final class ExactDistributionFn
      extends Combine.CombineFn<Double, FieldSummary, FieldSummary> {
    @Override
    public FieldSummary createAccumulator() {
      return new FieldSummary();
    }

    @Override
    public FieldSummary addInput(FieldSummary acc, Double v) {
      acc.add(v);
      return acc;
    }

    @Override
    public FieldSummary mergeAccumulators(Iterable<FieldSummary> accs) {
      FieldSummary merged = new FieldSummary();
      accs.forEach(merged::merge);
      return merged;
    }

    @Override
    public FieldSummary extractOutput(FieldSummary acc) {
      return acc;
    }
  }

  /** The bins − 1 inner quantiles of min, 1/bins, …, max. */
  static double[] cuts(List<Double> quantiles, int bins) {
    double[] cuts = new double[bins - 1];
    for (int i = 0; i < cuts.length; i++) {
      cuts[i] = quantiles.get(Math.min(i + 1, quantiles.size() - 1));
    }
    return cuts;
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    PCollectionView<RfmThresholds> view = thresholds != null ? thresholds : thresholds(customers);
    return customers
        .apply("ScoreRfmQuintiles", ParDo.of(new ScoreFn(view, rules)).withSideInputs(view))
        .setCoder(AvroCoder.specific(CustomerRecord.class));
  }

  static final class ScoreFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<RfmThresholds> view;
    private final RfmSegmentRules rules;

    ScoreFn(PCollectionView<RfmThresholds> view, RfmSegmentRules rules) {
      this.view = view;
      this.rules = rules;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord c, ProcessContext ctx, OutputReceiver<CustomerRecord> out) {
      RfmScore score =
          ctx.sideInput(view).score(c.getRecencyDays(), c.getFrequency(), c.getMonetary());
      RfmRule segment = rules.segmentOf(score);
      CustomerRecord scored = CustomerFeatures.copyOf(c);
      scored.setRfmRecencyScore(score.r());
      scored.setRfmFrequencyScore(score.f());
      scored.setRfmMonetaryScore(score.m());
      scored.setRfmScore(score.code());
      scored.setRfmSegment(segment.name());
      out.output(scored);
    }
  }

  /**
   * Segment id of a named RFM segment: its position in the rule table, from 1; the fallback segment
   * comes last.
   */
  public static int segmentId(RfmSegmentRules rules, String name) {
    List<RfmRule> all = rules.segments();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name().equals(name)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no RFM segment named " + name);
  }
}
