// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvScore;
import io.segflow.models.clv.ClvScorer;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.rows.StageMetrics;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Sets each customer's {@code p_alive}, {@code expected_purchases}, {@code
 * expected_avg_order_value} and {@code clv} from the fitted (or saved) {@link ClvModel}, which
 * arrives as a side input, in parallel (as {@code AssignSegments} does with the segmentation). A
 * model without BG/NBD parameters (no customers) leaves the fields empty; one without Gamma-Gamma
 * parameters leaves the value and CLV empty; an expected count that cannot be computed is empty
 * too.
 */
public final class ScoreCustomerValue
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  private final PCollectionView<ClvModel> model;
  private final ClvSettings settings;

  private ScoreCustomerValue(PCollectionView<ClvModel> model, ClvSettings settings) {
    this.model = model;
    this.settings = settings;
  }

  public static ScoreCustomerValue create() {
    return new ScoreCustomerValue(null, ClvSettings.defaults());
  }

  /** The model as a singleton side input (required). */
  public ScoreCustomerValue withModel(PCollectionView<ClvModel> model) {
    if (model == null) {
      throw new IllegalArgumentException("the model view must not be null");
    }
    return new ScoreCustomerValue(model, settings);
  }

  /**
   * Horizon, discount rate and margin of the predictions (default {@link ClvSettings#defaults}).
   */
  public ScoreCustomerValue withSettings(ClvSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("the settings must not be null");
    }
    return new ScoreCustomerValue(model, settings);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    if (model == null) {
      throw new IllegalStateException("ScoreCustomerValue needs withModel(...)");
    }
    return customers
        .apply("PredictCustomerValue", ParDo.of(new ScoreFn(model, settings)).withSideInputs(model))
        .setCoder(AvroCoder.of(CustomerRecord.class));
  }

  static final class ScoreFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<ClvModel> model;
    private final ClvSettings settings;
    private transient ClvModel scorerModel;
    private transient ClvScorer.Memo scorer;

    ScoreFn(PCollectionView<ClvModel> model, ClvSettings settings) {
      this.model = model;
      this.settings = settings;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord c, OutputReceiver<CustomerRecord> out, ProcessContext context) {
      long start = System.nanoTime();
      ClvScorer.Memo s = scorer(context.sideInput(model));
      CustomerRecord scored = CustomerFeatures.copyOf(c);
      if (s != null) {
        set(scored, s.score(ClvInputs.summaryOf(c)));
      }
      out.output(scored);
      StageMetrics.timed("clv_score", start);
    }

    /** The scorer of {@code m}, built once per model; null when BG/NBD has no parameters. */
    @SuppressWarnings("ReferenceEquality") // the same side-input object: the same scorer
    private ClvScorer.Memo scorer(ClvModel m) {
      if (m != scorerModel) {
        scorerModel = m;
        scorer = m.bgNbd().params() == null ? null : new ClvScorer.Memo(settings.scorer(m));
      }
      return scorer;
    }

    static void set(CustomerRecord c, ClvScore score) {
      c.setPAlive(finiteOrNull(score.pAlive()));
      c.setExpectedPurchases(finiteOrNull(score.expectedPurchases()));
      c.setExpectedAvgOrderValue(finiteOrNull(score.expectedAvgOrderValue()));
      c.setClv(finiteOrNull(score.clv()));
    }

    private static Double finiteOrNull(Double v) {
      return v == null || !Double.isFinite(v) ? null : v;
    }
  }
}
