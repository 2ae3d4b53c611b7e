// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import org.apache.beam.sdk.values.TupleTag;

/** The two outputs of every row-level stage: the rows that go on, and the rows it rejected. */
public final class RowTags {
  private RowTags() {}

  public static final TupleTag<TransactionBlock> ROWS = new TupleTag<TransactionBlock>() {};
  public static final TupleTag<RejectedBlock> REJECTED = new TupleTag<RejectedBlock>() {};
}
