// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/** Applies {@link RowRules} to every row: passing rows go on, the rest are rejected. */
public final class ApplyRowRules
    extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  private final RowRules rules;

  private ApplyRowRules(RowRules rules) {
    this.rules = rules;
  }

  public static ApplyRowRules create() {
    return new ApplyRowRules(RowRules.defaults());
  }

  public ApplyRowRules withRules(RowRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules must not be null");
    }
    return new ApplyRowRules(rules);
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    return RowTags.applyRowStage(input, "CheckRowRules", new RulesFn(rules));
  }

  static final class RulesFn extends DoFn<TransactionBlock, TransactionBlock> {
    private final RowRules rules;

    RulesFn(RowRules rules) {
      this.rules = rules;
    }

    @ProcessElement
    public void process(@Element TransactionBlock block, MultiOutputReceiver out) {
      long start = System.nanoTime();
      Checked checked = check(rules, block);
      StageMetrics.emit("clean", checked.kept(), checked.rejected(), out, start);
    }
  }

  /** A block's rows that pass the rules, and the others with their reasons. */
  public record Checked(TransactionBlock kept, RejectedBlock rejected) {}

  /** Applies this transform's rules to one block (what each step of it does). */
  public Checked check(TransactionBlock block) {
    return check(rules, block);
  }

  private static Checked check(RowRules rules, TransactionBlock block) {
    KeptRows kept = new KeptRows(block);
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    for (int i = 0; i < block.size(); i++) {
      RejectReason reason = rules.check(block, i);
      if (reason != null) {
        kept.drop(i);
        rejected.addRow(block, i, reason, rules.explain(reason, block, i));
      }
    }
    return new Checked(kept.build(), rejected.build());
  }
}
