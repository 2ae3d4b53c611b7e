// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import io.segflow.transforms.rows.DoubleArrayCoder;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.Map;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.MapCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** What the two outlier filters share. */
final class OutlierStages {
  private OutlierStages() {}

  /** Field name to a block's values of it. */
  static final Coder<Map<String, double[]>> BATCH_CODER =
      MapCoder.of(StringUtf8Coder.of(), DoubleArrayCoder.of());

  /** The result of a filter that is switched off: every row goes on, nothing is rejected. */
  static PCollectionTuple passThrough(PCollection<TransactionBlock> input) {
    PCollection<RejectedBlock> none =
        input.getPipeline().apply("NoOutliers", Create.empty(RejectedBlock.Coder.of()));
    return PCollectionTuple.of(RowTags.ROWS, input).and(RowTags.REJECTED, none);
  }
}
