// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.ClvModel;
import io.segflow.schemas.CustomerRecord;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;

/**
 * The CLV stage: fits BG/NBD and Gamma-Gamma once on every customer ({@link FitClvModel}), or takes
 * a saved fit, and scores every customer in parallel with it as a side input ({@link
 * ScoreCustomerValue}).
 *
 * <p>Outputs: {@link #CUSTOMERS} (each with p_alive, expected_purchases, expected_avg_order_value
 * and clv) and {@link #MODEL} (the one model used).
 */
public final class PredictCustomerValue
    extends PTransform<PCollection<CustomerRecord>, PCollectionTuple> {
  public static final TupleTag<CustomerRecord> CUSTOMERS = new TupleTag<CustomerRecord>() {};
  public static final TupleTag<ClvModel> MODEL = new TupleTag<ClvModel>() {};

  private final ClvSettings settings;
  private final ClvModel saved;

  private PredictCustomerValue(ClvSettings settings, ClvModel saved) {
    this.settings = settings;
    this.saved = saved;
  }

  public static PredictCustomerValue create() {
    return new PredictCustomerValue(ClvSettings.defaults(), null);
  }

  /** Time unit, horizon, discount rate and margin (default {@link ClvSettings#defaults}). */
  public PredictCustomerValue withSettings(ClvSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("the settings must not be null");
    }
    return new PredictCustomerValue(settings, saved);
  }

  /**
   * Scores with this fitted model instead of fitting (null: fit); its own time unit is the one its
   * parameters count in, whatever the settings say.
   */
  public PredictCustomerValue withSavedModel(ClvModel model) {
    return new PredictCustomerValue(settings, model);
  }

  @Override
  public PCollectionTuple expand(PCollection<CustomerRecord> customers) {
    PCollection<ClvModel> model =
        saved != null
            ? customers
                .getPipeline()
                .apply(
                    "SavedClvModel",
                    Create.of(saved).withCoder(SerializableCoder.of(ClvModel.class)))
            : customers.apply("FitClvModel", FitClvModel.create().withUnit(settings.unit()));
    PCollectionView<ClvModel> view = model.apply("ClvModelAsSideInput", View.asSingleton());
    PCollection<CustomerRecord> scored =
        customers.apply(
            "ScoreCustomerValue",
            ScoreCustomerValue.create().withModel(view).withSettings(settings));
    return PCollectionTuple.of(CUSTOMERS, scored).and(MODEL, model);
  }
}
