// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import io.segflow.models.RfmThresholds;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.ModelPlan;
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.segment.RfmScoring;
import io.segflow.transforms.segment.TrainSegmentation;
import io.segflow.transforms.segment.TrainedSegmentation;

/**
 * Where a run's segmentation comes from: trained in the run (optionally keeping an earlier model's
 * segment ids), or a saved model that scores customers without training.
 *
 * @param saved the saved model to score with, or null to train
 * @param previous the earlier model whose ids a training keeps, or null
 */
public record ModelSource(TrainedSegmentation saved, TrainSegmentation.PreviousModel previous) {

  /** Reads the models {@code plan} names (checked when the plan was built). */
  public static ModelSource of(ModelPlan plan) {
    if (plan.model() != null) {
      SegflowModel record = SavedModels.read(plan.model(), "--model");
      return new ModelSource(ModelArtifact.fromRecord(record), null);
    }
    if (plan.previousModel() != null) {
      SegflowModel record = SavedModels.read(plan.previousModel(), "--previous-model");
      TrainedSegmentation earlier = ModelArtifact.fromRecord(record);
      if (!earlier.model().featureNames().equals(plan.features())) {
        throw new ConfigException(
            "--previous-model "
                + plan.previousModel()
                + " clusters on "
                + earlier.model().featureNames()
                + " but this run on "
                + plan.features()
                + ": segments "
                + "can only be matched on the same features (set segmentation.features to match)");
      }
      return new ModelSource(
          null,
          new TrainSegmentation.PreviousModel(
              earlier.model(), record.getModelId(), plan.matchMaxDistance()));
    }
    return new ModelSource(null, null);
  }

  public boolean scoresWithSavedModel() {
    return saved != null;
  }

  /**
   * The RFM cut points a run scores with when they are not computed: the saved model's, unless
   * {@code scoring} asks for a refit or the model has none. Null: compute them.
   */
  public RfmThresholds rfmCuts(RfmScoring scoring) {
    if (saved == null || scoring.refit()) {
      return null;
    }
    RfmThresholds cuts = ModelArtifact.rfmOf(saved.savedModel());
    if (cuts != null && cuts.bins() != scoring.bins()) {
      throw new ConfigException(
          "the saved model's RFM cut points are for "
              + cuts.bins()
              + " bins but rfm.bins (--rfm-bins) is "
              + scoring.bins()
              + ": set rfm.bins to "
              + cuts.bins()
              + ", or give --refit-rfm to compute new cut points");
    }
    return cuts;
  }
}
