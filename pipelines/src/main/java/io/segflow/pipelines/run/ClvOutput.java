// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.HoldoutCheck;
import io.segflow.pipelines.output.ClvDescription;
import io.segflow.transforms.clv.ClvSettings;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * What model.json and model.avro need of the CLV stage: its model as a side input, the settings the
 * predictions used, the saved model it came from (null: fitted in the run) and the holdout check
 * (null: none).
 */
public record ClvOutput(
    PCollectionView<ClvModel> model,
    ClvSettings settings,
    String savedModelId,
    PCollectionView<Iterable<HoldoutCheck.Outcome>> holdout)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The side inputs {@link #json} reads. */
  public List<PCollectionView<?>> views() {
    List<PCollectionView<?>> views = new ArrayList<>();
    views.add(model);
    if (holdout != null) {
      views.add(holdout);
    }
    return views;
  }

  /** model.json's {@code clv} section, from the side inputs of {@code c}. */
  public ClvDescription json(DoFn<?, ?>.ProcessContext c, LocalDate asOf) {
    return ClvJson.of(
        c.sideInput(model), settings, savedModelId, asOf, ClvJson.holdoutOf(c, holdout));
  }
}
