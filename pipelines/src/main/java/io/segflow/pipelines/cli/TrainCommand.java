// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.SegflowConfig;
import picocli.CommandLine.Command;

/** {@code segflow train}: a run that trains a model and saves it (model.avro) for later scoring. */
@Command(
    name = "train",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Trains the segmentation on the customers of the input and saves it as "
          + "model.avro (with model.json, segments/, customers/ scored by it, ...) in the output "
          + "folder. Later runs score with it: segflow score --model OUTPUT.",
      "With --previous-model, the new segments keep the earlier model's ids and names where "
          + "they match. Takes every option of segflow run."
    })
final class TrainCommand extends RunCommand {
  @Override
  void checkMode(SegflowConfig c) {
    if (!c.segmentation.enabled) {
      throw new ConfigException(
          "segflow train trains a model: remove --no-segmentation "
              + "(or segmentation.enabled: false)");
    }
    if (c.segmentation.model != null) {
      throw new ConfigException(
          "segflow train trains a new model; to assign customers with a "
              + "saved one use segflow score --model "
              + c.segmentation.model);
    }
  }
}
