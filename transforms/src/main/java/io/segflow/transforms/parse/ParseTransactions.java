// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.ZoneId;
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
  private final String timeZone;
  private final boolean wholeRowDuplicates;

  private ParseTransactions(String datePattern, String timeZone, boolean wholeRowDuplicates) {
    this.datePattern = datePattern;
    this.timeZone = timeZone;
    this.wholeRowDuplicates = wholeRowDuplicates;
  }

  public static ParseTransactions create() {
    return new ParseTransactions("auto", "UTC", true);
  }

  /**
   * A {@link java.time.format.DateTimeFormatter} pattern for InvoiceDate, "auto", or one of the
   * named formats of {@link InvoiceDateParser}.
   */
  public ParseTransactions withDateFormat(String pattern) {
    InvoiceDateParser.validatePattern(pattern);
    return new ParseTransactions(pattern == null ? "auto" : pattern, timeZone, wholeRowDuplicates);
  }

  /**
   * The zone whose calendar days dates that name an instant (an offset, a Unix time) fall on
   * (default UTC).
   */
  public ParseTransactions withTimeZone(String zone) {
    ZoneId.of(zone); // fails on an unknown zone
    return new ParseTransactions(datePattern, zone, wholeRowDuplicates);
  }

  /**
   * Whether a row's identity for duplicates includes the columns no logical column reads (default
   * true: the whole source row). A database table's rows are compared on the mapped columns only,
   * because a surrogate key would make every row of a table unique.
   */
  public ParseTransactions withWholeRowDuplicates(boolean wholeRow) {
    return new ParseTransactions(datePattern, timeZone, wholeRow);
  }

  /** A parser with this transform's settings (not thread-safe: one per thread). */
  public TransactionParser newParser() {
    return new TransactionParser(datePattern, ZoneId.of(timeZone), wholeRowDuplicates);
  }

  @Override
  public PCollectionTuple expand(PCollection<RawBlock> input) {
    return RowTags.applyRowStage(input, "ParseRecords", new ParseFn(this));
  }

  static final class ParseFn extends DoFn<RawBlock, TransactionBlock> {
    private final ParseTransactions settings;
    private transient TransactionParser parser;

    ParseFn(ParseTransactions settings) {
      this.settings = settings;
    }

    @Setup
    public void setup() {
      parser = settings.newParser();
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
