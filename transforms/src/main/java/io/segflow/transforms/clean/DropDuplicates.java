// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Rejects exact duplicate rows (all eight columns equal after parsing, like pandas'
 * {@code drop_duplicates()}), keeping the first by source file and line.
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

  private record Fingerprint(long hi, long lo) {}

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
      if (!enabled) {
        StageMetrics.emit("dedup", block, new RejectedBlock.Builder().build(), out, start);
        return;
      }
      TransactionBlock.Builder kept = TransactionBlock.builder(block.size());
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      Map<Fingerprint, Integer> firstRow = new HashMap<>();
      block.forEachCustomerRun((from, to) -> {
        firstRow.clear();
        for (int i = from; i < to; i++) {
          Integer first = firstRow.putIfAbsent(
              new Fingerprint(block.fingerprintHi(i), block.fingerprintLo(i)), i);
          if (first == null) {
            kept.addRow(block, i);
          } else {
            rejected.add(block.file(i), block.line(i), block.raw(i), RejectReason.DUPLICATE_ROW,
                "an exact copy of line " + block.line(first) + " of " + block.file(first));
          }
        }
      });
      StageMetrics.emit("dedup", kept.buildGroupedByCustomer(), rejected.build(), out, start);
    }
  }
}
