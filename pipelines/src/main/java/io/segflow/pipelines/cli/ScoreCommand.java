// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.SegflowConfig;
import picocli.CommandLine.Command;

/** {@code segflow score}: a run that assigns customers with a saved model, without training. */
@Command(
    name = "score",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Computes the customers' features (as of --as-of) and assigns each to a segment "
          + "of the saved model given by --model, without training: segment ids, names and actions "
          + "are the model's. Writes the same outputs as segflow run.",
      "Takes every option of segflow run; the segmentation options come from the model, and so "
          + "do the RFM cut points unless --refit-rfm is given."
    })
final class ScoreCommand extends RunCommand {
  @Override
  void checkMode(SegflowConfig c) {
    if (c.segmentation.model == null) {
      throw new ConfigException(
          "segflow score needs --model MODEL (a model.avro, or the output "
              + "folder of segflow train)");
    }
    if (!c.segmentation.enabled) {
      throw new ConfigException("segflow score assigns segments: remove --no-segmentation");
    }
  }
}
