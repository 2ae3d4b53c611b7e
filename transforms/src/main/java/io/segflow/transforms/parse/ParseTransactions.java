// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;

/**
 * Raw CSV blocks to typed transaction blocks ({@link RowTags#ROWS}); records that cannot be typed
 * go to {@link RowTags#REJECTED} with a reason.
 */
public final class ParseTransactions extends PTransform<PCollection<RawBlock>, PCollectionTuple> {
  private final String datePattern;

  private ParseTransactions(String datePattern) {
    this.datePattern = datePattern;
  }

  public static ParseTransactions create() {
    return new ParseTransactions("auto");
  }

  /** A {@link java.time.format.DateTimeFormatter} pattern for InvoiceDate, or "auto". */
  public ParseTransactions withDateFormat(String pattern) {
    InvoiceDateParser.validatePattern(pattern);
    return new ParseTransactions(pattern == null ? "auto" : pattern);
  }

  /** A parser with this transform's settings (not thread-safe: one per thread). */
  public TransactionParser newParser() {
    return new TransactionParser(datePattern);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawBlock> input) {
    return RowTags.applyRowStage(input, "ParseRecords", new ParseFn(datePattern));
  }

  static final class ParseFn extends DoFn<RawBlock, TransactionBlock> {
    private final String datePattern;
    private transient TransactionParser parser;

    ParseFn(String datePattern) {
      this.datePattern = datePattern;
    }

    @Setup
    public void setup() {
      parser = new TransactionParser(datePattern);
    }

    @ProcessElement
    public void process(@Element RawBlock block, MultiOutputReceiver out) {
      long start = System.nanoTime();
      TransactionBlock.Builder rows = TransactionBlock.builder(block.size());
      RejectedBlock.Builder rejected = new RejectedBlock.Builder();
      parser.parse(block, rows, rejected);
      StageMetrics.emit("parse", rows.build(), rejected.build(), out, start);
    }
  }
}
