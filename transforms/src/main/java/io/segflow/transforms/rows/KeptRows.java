// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

/**
 * The rows a filtering stage keeps from one block: every row is kept unless {@link #drop}ped, in
 * order. Kept rows are copied in runs (bulk array copies per column, not row by row), and a block
 * that loses no row is passed on as it is. The result keeps the grouped-by-customer property of its
 * source: dropping rows never breaks it.
 */
public final class KeptRows {
  private final TransactionBlock block;
  private TransactionBlock.Builder kept;
  private int runStart;

  public KeptRows(TransactionBlock block) {
    this.block = block;
  }

  /** Leaves out row {@code i}; rows must be dropped in increasing order. */
  public void drop(int i) {
    if (i < runStart) {
      throw new IllegalArgumentException("row " + i + " dropped out of order");
    }
    if (kept == null) {
      kept = TransactionBlock.builder(block.size());
    }
    kept.addRows(block, runStart, i);
    runStart = i + 1;
  }

  public TransactionBlock build() {
    if (kept == null) {
      return block;
    }
    kept.addRows(block, runStart, block.size());
    runStart = block.size();
    return block.isGroupedByCustomer() ? kept.buildGroupedByCustomer() : kept.build();
  }
}
