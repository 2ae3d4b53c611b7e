// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import io.segflow.transforms.rows.FingerprintTable;
import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.Arrays;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Rejects exact duplicate rows (all eight columns equal after parsing, like pandas' {@code
 * drop_duplicates()}), keeping the first by source file and line.
 *
 * <p>Needs blocks grouped by customer ({@code features.GroupRowsByCustomer}): duplicates share
 * their customer id, so grouping puts every copy in the same block, in source order. Rows are
 * compared by a 128-bit hash of their columns; a false match is ~2^-128 likely per pair.
 */
public final class DropDuplicates
    extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  private final boolean enabled;

  private DropDuplicates(boolean enabled) {
    this.enabled = enabled;
  }

  public static DropDuplicates create() {
    return new DropDuplicates(true);
  }

  /** With false, duplicates are kept (counted as ordinary rows). */
  public DropDuplicates withEnabled(boolean enabled) {
    return new DropDuplicates(enabled);
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    return RowTags.applyRowStage(input, "RejectRepeatedRows", new DedupFn(enabled));
  }

  static final class DedupFn extends DoFn<TransactionBlock, TransactionBlock> {
    private final boolean enabled;

    DedupFn(boolean enabled) {
      this.enabled = enabled;
    }

    @ProcessElement
    public void process(@Element TransactionBlock block, MultiOutputReceiver out) {
      if (!block.isGroupedByCustomer()) {
        throw new IllegalArgumentException(
            "DropDuplicates needs blocks grouped by customer: apply GroupRowsByCustomer first");
      }
      long start = System.nanoTime();
      int[] firstCopy = enabled ? firstCopies(block) : null;
      if (firstCopy == null) { // nothing to drop: pass the block on as it is
        StageMetrics.emit("dedup", block, new RejectedBlock.Builder().build(), out, start);
        return;
      }
      KeptRows kept = new KeptRows(block);
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      for (int i = 0; i < block.size(); i++) {
        int first = firstCopy[i];
        if (first >= 0) {
          kept.drop(i);
          rejected.addRow(
              block,
              i,
              RejectReason.DUPLICATE_ROW,
              copyMessage(block.line(first), block.file(first)));
        }
      }
      StageMetrics.emit("dedup", kept.build(), rejected.build(), out, start);
    }
  }

  /** The message of a row rejected as a copy of the row on {@code line} of {@code file}. */
  public static String copyMessage(long line, String file) {
    return "an exact copy of line " + line + " of " + file;
  }

  /**
   * For every row, the earlier row of the same customer it copies, or -1; null when the block has
   * no copies at all. Needs each customer's rows adjacent and in source order (a block grouped by
   * customer, or one that {@link TransactionBlock#hasWholeCustomerRuns}), so "earlier" is the first
   * in the file.
   */
  public static int[] firstCopies(TransactionBlock block) {
    int[][] firstCopy = {null}; // made on the first copy found
    FingerprintTable seen = new FingerprintTable();
    block.forEachAdjacentRun(
        (from, to) -> {
          seen.clear(to - from);
          for (int i = from; i < to; i++) {
            int first = seen.putIfAbsent(block.fingerprintHi(i), block.fingerprintLo(i), i);
            if (first >= 0) {
              if (firstCopy[0] == null) {
                firstCopy[0] = new int[block.size()];
                Arrays.fill(firstCopy[0], -1);
              }
              firstCopy[0][i] = first;
            }
          }
        });
    return firstCopy[0];
  }
}
