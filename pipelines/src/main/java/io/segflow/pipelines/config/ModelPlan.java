// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.util.List;

/**
 * Where a run's segmentation comes from, checked: trained in the run, trained keeping an earlier
 * model's segment ids, or a saved model that scores without training.
 *
 * @param model the saved model (model.avro or a run folder) to score with, or null to train
 * @param previousModel the earlier model whose segment ids a training keeps, or null
 * @param matchMaxDistance the largest centre distance at which segments are matched
 * @param features the features the run clusters on, as configured
 */
public record ModelPlan(
    String model, String previousModel, double matchMaxDistance, List<String> features) {

  public ModelPlan {
    features = List.copyOf(features);
  }

  /**
   * The segmentation section's models, checked.
   *
   * @throws ConfigException when both models are given or the distance is not positive
   */
  public static ModelPlan of(SegflowConfig.Segmentation s) {
    if (s.model != null && s.previousModel != null) {
      throw new ConfigException(
          "segmentation.model (--model) scores with a saved model and "
              + "segmentation.previous_model (--previous-model) matches a new training to one: "
              + "give one of them");
    }
    if (!(s.matchMaxDistance > 0)) {
      throw new ConfigException(
          "segmentation.match_max_distance (--match-max-distance) must be "
              + "a positive number, got "
              + s.matchMaxDistance);
    }
    return new ModelPlan(s.model, s.previousModel, s.matchMaxDistance, s.features);
  }

  public boolean scoresWithSavedModel() {
    return model != null;
  }
}
