// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.clv.ClvModel;
import io.segflow.transforms.clv.ClvSettings;
import java.io.Serializable;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * What model.json and model.avro need of the CLV stage: its model as a side input, the settings the
 * predictions used and the saved model it came from (null: fitted in the run).
 */
public record ClvOutput(PCollectionView<ClvModel> model, ClvSettings settings, String savedModelId)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
