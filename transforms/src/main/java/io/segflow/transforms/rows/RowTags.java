// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/** The two outputs of every row-level stage: the rows that go on, and the rows it rejected. */
public final class RowTags {
  private RowTags() {}

  public static final TupleTag<TransactionBlock> ROWS = new TupleTag<TransactionBlock>() {};
  public static final TupleTag<RejectedBlock> REJECTED = new TupleTag<RejectedBlock>() {};

  /**
   * Applies a row-level DoFn that emits to {@link #ROWS} and {@link #REJECTED} (see {@link
   * StageMetrics#emit}) and gives both outputs their block coders.
   */
  public static <I> PCollectionTuple applyRowStage(
      PCollection<I> input,
      String name,
      DoFn<I, TransactionBlock> fn,
      PCollectionView<?>... sideInputs) {
    PCollectionTuple out =
        input.apply(
            name,
            ParDo.of(fn)
                .withSideInputs(sideInputs)
                .withOutputTags(ROWS, TupleTagList.of(REJECTED)));
    // Compressed: a runner that serialises a stage's output (Flink, when it must materialise a
    // branch) writes a third of the bytes; the DirectRunner passes ParDo outputs as objects.
    out.get(ROWS).setCoder(SnappyCoder.of(TransactionBlock.Coder.of()));
    out.get(REJECTED).setCoder(RejectedBlock.Coder.of());
    return out;
  }
}
