// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.RfmRule;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.DoubleCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.ApproximateQuantiles;
import org.apache.beam.sdk.transforms.Combine;
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
 * Classic RFM scoring: quintile scores 1–5 for recency (recent = 5), frequency and monetary, the
 * code ("545") and a named segment from the rule table, added to every customer.
 *
 * <p>The quintile cut points come from Beam's {@code ApproximateQuantiles} (six quantiles: minimum,
 * 20, 40, 60, 80 %, maximum), so they scale to any number of customers: its sketch guarantees a
 * rank error of at most ε·n for each cut ({@link #EPSILON}); below about three million customers
 * the sketch holds every value and the cuts are exact order statistics. A value equal to a cut
 * point gets the lower score, so equal values always share a score; with frequency's heavy ties at
 * 1 and 2 orders the frequency quintiles are therefore uneven.
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

  /** The thresholds computed over these customers, as a singleton view. */
  // The accumulator is declared a TreeMap: that type picks its coder (a sorted map).
  @SuppressWarnings("NonApiType")
  public static PCollectionView<RfmThresholds> thresholds(PCollection<CustomerRecord> customers) {
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
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleCoder.of()))
        .apply(
            "RfmQuintiles",
            Combine.perKey(
                ApproximateQuantiles.ApproximateQuantilesCombineFn.create(
                    6, new Top.Natural<Double>(), MAX_CUSTOMERS, EPSILON)))
        .apply(
            "GatherQuintiles",
            Combine.globally(
                    new Combine.CombineFn<
                        KV<String, List<Double>>, TreeMap<String, List<Double>>, RfmThresholds>() {
                      @Override
                      public TreeMap<String, List<Double>> createAccumulator() {
                        return new TreeMap<>();
                      }

                      @Override
                      public TreeMap<String, List<Double>> addInput(
                          TreeMap<String, List<Double>> acc, KV<String, List<Double>> in) {
                        acc.put(in.getKey(), new ArrayList<>(in.getValue()));
                        return acc;
                      }

                      @Override
                      public TreeMap<String, List<Double>> mergeAccumulators(
                          Iterable<TreeMap<String, List<Double>>> accs) {
                        TreeMap<String, List<Double>> merged = new TreeMap<>();
                        accs.forEach(merged::putAll);
                        return merged;
                      }

                      @Override
                      public RfmThresholds extractOutput(TreeMap<String, List<Double>> acc) {
                        return RfmThresholds.of(
                            cuts(acc.get(RECENCY)),
                            cuts(acc.get(FREQUENCY)),
                            cuts(acc.get(MONETARY)));
                      }
                    })
                .withoutDefaults())
        .setCoder(SerializableCoder.of(RfmThresholds.class))
        .apply("RfmThresholdsView", View.asSingleton());
  }

  /** The four inner quantiles (20..80 %) of min, 20, 40, 60, 80 %, max. */
  static double[] cuts(List<Double> sixQuantiles) {
    double[] cuts = new double[4];
    for (int i = 0; i < 4; i++) {
      cuts[i] = sixQuantiles.get(Math.min(i + 1, sixQuantiles.size() - 1));
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

  /** Segment id of a named RFM segment: its position in the rule table, from 1. */
  public static int segmentId(RfmSegmentRules rules, String name) {
    List<RfmRule> all = rules.rules();
    for (int i = 0; i < all.size(); i++) {
      if (all.get(i).name().equals(name)) {
        return i + 1;
      }
    }
    throw new IllegalArgumentException("no RFM segment named " + name);
  }
}
