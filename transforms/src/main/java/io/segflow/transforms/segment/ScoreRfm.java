// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.ExactOrderStatistics;
import io.segflow.models.RfmMethod;
import io.segflow.models.RfmPackageBreaks;
import io.segflow.models.RfmRule;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import java.util.List;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Classic RFM scoring: scores 1..bins (5 by default) for recency (most recent = highest), frequency
 * and monetary, the code ("545") and a named segment from the rule table, added to every customer.
 * The cut points come as a side input ({@link #withThresholds}), computed by {@link
 * #thresholds(PCollection, RfmScoring)}:
 *
 * <ul>
 *   <li>quantile (the default): the bins + 1 quantiles minimum, 1/bins, …, maximum as exact order
 *       statistics, at the ranks Beam's {@code ApproximateQuantiles} returns when it holds every
 *       value; computed in two passes with bounded memory and the same result in any element and
 *       merge order ({@link ExactRfmCuts}). A value equal to a cut point gets the lower score, so
 *       equal values always share a score; with frequency's heavy ties at 1 and 2 orders the
 *       frequency quintiles are therefore uneven.
 *   <li>rfm_package: the R rfm package's breaks ({@link RfmPackageBreaks}) from the exact order
 *       statistics they read, by the same two passes.
 *   <li>fixed: the configured cut points.
 * </ul>
 */
public final class ScoreRfm
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {

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
    return thresholds(customers, scoring, ExactOrderStatistics.DEFAULT_BUCKET_BITS);
  }

  /** As {@link #thresholds(PCollection, RfmScoring)}, with histogram buckets of this many bits. */
  static PCollectionView<RfmThresholds> thresholds(
      PCollection<CustomerRecord> customers, RfmScoring scoring, int bucketBits) {
    PCollection<RfmThresholds> thresholds =
        scoring.method() == RfmMethod.FIXED
            ? customers
                .getPipeline()
                .apply(
                    "FixedRfmCuts",
                    Create.of(scoring.fixed()).withCoder(SerializableCoder.of(RfmThresholds.class)))
            : customers.apply(
                "RfmCutPoints", new ExactRfmCuts(scoring.method(), scoring.bins(), bucketBits));
    return thresholds
        .setCoder(SerializableCoder.of(RfmThresholds.class))
        .apply("RfmThresholdsView", View.asSingleton());
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    PCollectionView<RfmThresholds> view = thresholds != null ? thresholds : thresholds(customers);
    return customers
        .apply("ScoreRfmQuintiles", ParDo.of(new ScoreFn(view, rules)).withSideInputs(view))
        .setCoder(AvroCoder.specific(CustomerRecord.class));
  }

  /**
   * Scores each customer. The thresholds are read from the side input once per bundle and window:
   * the DirectRunner rebuilds a side input's value (its view function over the materialised
   * contents) on every read.
   */
  static final class ScoreFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<RfmThresholds> view;
    private final RfmSegmentRules rules;
    private transient BoundedWindow window;
    private transient RfmThresholds thresholds;

    ScoreFn(PCollectionView<RfmThresholds> view, RfmSegmentRules rules) {
      this.view = view;
      this.rules = rules;
    }

    @StartBundle
    public void startBundle() {
      window = null;
      thresholds = null;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord c,
        BoundedWindow w,
        ProcessContext ctx,
        OutputReceiver<CustomerRecord> out) {
      RfmThresholds t = thresholds;
      if (t == null || !w.equals(window)) {
        t = ctx.sideInput(view);
        thresholds = t;
        window = w;
      }
      RfmScore score = t.score(c.getRecencyDays(), c.getFrequency(), c.getMonetary());
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
