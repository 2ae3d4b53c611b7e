// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.clean.DropDuplicates;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.read.FetchRecordText;
import io.segflow.transforms.rows.CustomerPartials;
import io.segflow.transforms.rows.FingerprintTable;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import io.segflow.transforms.write.CountRows;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Cleaned rows (blocks in any grouping) to one {@link CustomerRecord} per customer with every
 * feature that does not depend on the as-of date, dropping exact duplicate rows on the way: the
 * same customers and rejected rows as {@link GroupRowsByCustomer}, {@link DropDuplicates} and
 * {@link ComputeCustomerFeatures} in a row, for a fraction of the shuffle.
 *
 * <p>Each block is summarized per customer before the shuffle ({@link CustomerPartials}): copies
 * within the block are rejected there, with their text, and the engine then moves a summary per
 * customer and block instead of every row with its text. Customers whose rows span blocks are
 * merged after the shuffle ({@link CustomerPartialsMerge}); a row found there to copy a row of
 * another block is rejected by position, and its text is read again from its file ({@link
 * FetchRecordText}). So this transform needs rows read from files by {@code ReadTransactionFiles}
 * with the given charset.
 *
 * <p>The as-of date comes from the latest invoice time of each block (or is fixed), and the merge
 * sets recency, tenure and the date on each customer as it makes it.
 *
 * <p>Outputs: {@link #CUSTOMERS} (complete, as of the date), {@link RowTags#REJECTED}, {@link
 * #AS_OF_DAY} (the epoch day, one element; none without rows: see {@link ComputeAsOfDate#dayView})
 * and {@link #COUNTS} (rows used and customers, keyed as {@link CountRows} counts them), so that
 * nothing downstream needs a step per customer record to count them or to date them.
 */
public final class SummarizeCustomers
    extends PTransform<PCollection<TransactionBlock>, PCollectionTuple> {
  public static final TupleTag<CustomerRecord> CUSTOMERS = new TupleTag<CustomerRecord>() {};
  public static final TupleTag<Long> AS_OF_DAY = new TupleTag<Long>() {};
  private static final TupleTag<Long> LATEST_TIMES = new TupleTag<Long>() {};
  public static final TupleTag<KV<String, Long>> COUNTS = new TupleTag<KV<String, Long>>() {};

  /** Each customer's purchase days and their money; only {@link #withPurchaseDayLists(boolean)}. */
  public static final TupleTag<PurchaseDayList> PURCHASE_DAY_LISTS =
      new TupleTag<PurchaseDayList>() {};

  private static final TupleTag<KV<Integer, CustomerPartials>> SUMMARIES =
      new TupleTag<KV<Integer, CustomerPartials>>() {};
  private static final TupleTag<KV<String, KV<Long, String>>> LATE_COPIES =
      new TupleTag<KV<String, KV<Long, String>>>() {};

  private final int shards;
  private final boolean dropDuplicates;
  private final ShuffleEncoding shuffle;
  private final FetchRecordText reread;
  private final ComputeAsOfDate asOfDate;
  private final boolean dayLists;

  private SummarizeCustomers(
      int shards,
      boolean dropDuplicates,
      ShuffleEncoding shuffle,
      FetchRecordText reread,
      ComputeAsOfDate asOfDate,
      boolean dayLists) {
    this.shards = shards;
    this.dropDuplicates = dropDuplicates;
    this.shuffle = shuffle;
    this.reread = reread;
    this.asOfDate = asOfDate;
    this.dayLists = dayLists;
  }

  public static SummarizeCustomers create() {
    return new SummarizeCustomers(
        16,
        true,
        ShuffleEncoding.COMPRESSED,
        FetchRecordText.create(),
        ComputeAsOfDate.create(),
        false);
  }

  /** Customers are merged in this many groups, by a hash of their id (default 16). */
  public SummarizeCustomers withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive, got " + shards);
    }
    return new SummarizeCustomers(shards, dropDuplicates, shuffle, reread, asOfDate, dayLists);
  }

  /** With false, exact duplicate rows are kept (counted as ordinary rows); default true. */
  public SummarizeCustomers withDuplicatesDropped(boolean enabled) {
    return new SummarizeCustomers(shards, enabled, shuffle, reread, asOfDate, dayLists);
  }

  /**
   * How the shuffled summaries are encoded (default COMPRESSED; IN_PROCESS on the DirectRunner,
   * which would otherwise re-encode them each time a bundle adds to a shard).
   */
  public SummarizeCustomers withShuffle(ShuffleEncoding encoding) {
    return new SummarizeCustomers(shards, dropDuplicates, encoding, reread, asOfDate, dayLists);
  }

  /** The encoding the input files were read with, to read rejected rows' text again. */
  public SummarizeCustomers withCharset(String name) {
    return new SummarizeCustomers(
        shards, dropDuplicates, shuffle, reread.withCharset(name), asOfDate, dayLists);
  }

  /**
   * How the input files were read ({@code input.format} and the column mapping), so that copies in
   * Parquet and Avro files are read again as records (default: every file is CSV).
   */
  public SummarizeCustomers withRecordFiles(String format, ColumnMapping columns) {
    return new SummarizeCustomers(
        shards,
        dropDuplicates,
        shuffle,
        reread.withRecordFiles(format, columns),
        asOfDate,
        dayLists);
  }

  /**
   * How the as-of date is found (default: the day after the last invoice of the rows used); the
   * customers come out with recency, tenure and the date set, and {@link #AS_OF_DAY} holds it.
   */
  public SummarizeCustomers withAsOfDate(ComputeAsOfDate asOfDate) {
    return new SummarizeCustomers(shards, dropDuplicates, shuffle, reread, asOfDate, dayLists);
  }

  /**
   * With true, {@link #PURCHASE_DAY_LISTS} holds every customer's purchase days and their money
   * (for the CLV holdout check); default false: nothing extra is made or kept.
   */
  public SummarizeCustomers withPurchaseDayLists(boolean enabled) {
    return new SummarizeCustomers(shards, dropDuplicates, shuffle, reread, asOfDate, enabled);
  }

  @Override
  public PCollectionTuple expand(PCollection<TransactionBlock> input) {
    PCollectionTuple summarized =
        input.apply(
            "SummarizeBlockCustomers",
            ParDo.of(new SummarizeFn(this))
                .withOutputTags(SUMMARIES, TupleTagList.of(RowTags.REJECTED).and(LATEST_TIMES)));
    return mergeSummaries(
        summarized.get(SUMMARIES),
        summarized.get(RowTags.REJECTED).setCoder(RejectedBlock.Coder.of()),
        summarized.get(LATEST_TIMES).setCoder(VarLongCoder.of()));
  }

  /** The coder of the summaries that {@link #mergeSummaries} takes (see {@link #withShuffle}). */
  public KvCoder<Integer, CustomerPartials> summaryCoder() {
    return KvCoder.of(VarIntCoder.of(), shuffle.coder(CustomerPartials.Coder.of()));
  }

  /**
   * The second half of {@link #expand}, for a transform that summarizes blocks itself with {@link
   * #summarize}: groups the summaries by shard, merges them and rejects the copies found across
   * blocks. {@code copiesInBlocks} (the summaries' rejected copies) joins the rejected output;
   * {@code latestTimes} (each block's latest invoice time of the rows it used) gives the as-of
   * date.
   */
  public PCollectionTuple mergeSummaries(
      PCollection<KV<Integer, CustomerPartials>> summaries,
      PCollection<RejectedBlock> copiesInBlocks,
      PCollection<Long> latestTimes) {
    PCollection<Long> asOfDay = latestTimes.apply("ComputeAsOfDate", asOfDate.dayFromLatestTimes());
    PCollectionView<Long> asOf = asOfDay.apply("AsOfView", ComputeAsOfDate.dayView());
    PCollectionTuple merged =
        summaries
            .setCoder(summaryCoder())
            .apply("GroupSummariesByShard", GroupByKey.create())
            .apply(
                "MergeCustomerSummaries",
                ParDo.of(new MergeFn(dropDuplicates, dayLists, asOf))
                    .withSideInputs(asOf)
                    .withOutputTags(
                        CUSTOMERS,
                        dayLists
                            ? TupleTagList.of(LATE_COPIES).and(COUNTS).and(PURCHASE_DAY_LISTS)
                            : TupleTagList.of(LATE_COPIES).and(COUNTS)));
    PCollection<RejectedBlock> lateCopies =
        merged
            .get(LATE_COPIES)
            .setCoder(FetchRecordText.requestCoder())
            .apply("RejectCopiesAcrossBlocks", reread.withReason(RejectReason.DUPLICATE_ROW));
    PCollection<RejectedBlock> rejected =
        PCollectionList.of(copiesInBlocks)
            .and(lateCopies)
            .apply("GatherDuplicates", Flatten.pCollections());
    PCollectionTuple out =
        PCollectionTuple.of(
                CUSTOMERS, merged.get(CUSTOMERS).setCoder(AvroCoder.of(CustomerRecord.class)))
            .and(RowTags.REJECTED, rejected)
            .and(AS_OF_DAY, asOfDay)
            .and(
                COUNTS,
                merged.get(COUNTS).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
    return dayLists
        ? out.and(
            PURCHASE_DAY_LISTS,
            merged.get(PURCHASE_DAY_LISTS).setCoder(SerializableCoder.of(PurchaseDayList.class)))
        : out;
  }

  /** A block's customers by shard (null: none in that shard) and its rows that copy others. */
  public record Summary(CustomerPartials[] shards, RejectedBlock copies, long latestTime) {}

  /** Summarizes one block's customers (what each step of this transform does to a block). */
  public Summary summarize(TransactionBlock block) {
    return summarize(block, shards, dropDuplicates);
  }

  /** One block to a summary per customer shard; copies within the block are rejected here. */
  static final class SummarizeFn extends DoFn<TransactionBlock, KV<Integer, CustomerPartials>> {
    private final SummarizeCustomers summarize;

    SummarizeFn(SummarizeCustomers summarize) {
      this.summarize = summarize;
    }

    @ProcessElement
    public void process(@Element TransactionBlock block, MultiOutputReceiver out) {
      long start = System.nanoTime();
      Summary summary = summarize.summarize(block);
      emit(summary, out.get(SUMMARIES), out.get(RowTags.REJECTED), out.get(LATEST_TIMES));
      StageMetrics.timed("group", start);
    }
  }

  /** Outputs a summary's shards, its rejected copies and latest time (when any); counts copies. */
  public static void emit(
      Summary summary,
      DoFn.OutputReceiver<KV<Integer, CustomerPartials>> shards,
      DoFn.OutputReceiver<RejectedBlock> rejected,
      DoFn.OutputReceiver<Long> latestTimes) {
    for (int s = 0; s < summary.shards().length; s++) {
      if (summary.shards()[s] != null) {
        shards.output(KV.of(s, summary.shards()[s]));
      }
    }
    if (!summary.copies().isEmpty()) {
      rejected.output(summary.copies());
    }
    if (summary.latestTime() != Long.MIN_VALUE) {
      latestTimes.output(summary.latestTime());
    }
    StageMetrics.countRejected(summary.copies());
  }

  /** Summarizes one block's customers, rejecting the rows that copy an earlier row of it. */
  static Summary summarize(TransactionBlock block, int shards, boolean dropDuplicates) {
    boolean wholeRuns = block.hasWholeCustomerRuns();
    if (!wholeRuns && !GroupRowsByCustomer.inSourceOrder(List.of(block))) {
      // Rows out of source order (not what a reader makes): sort a copy as grouping would.
      return summarize(GroupRowsByCustomer.mergeSorted(List.of(block)), shards, dropDuplicates);
    }
    CustomerOrder grouped = CustomerOrder.of(block, wholeRuns);
    int[] rows = grouped.rows();
    int[] firstCopy = dropDuplicates ? firstCopies(block, grouped) : null;
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    if (firstCopy != null) {
      for (int k = 0; k < rows.length; k++) {
        if (firstCopy[k] >= 0) {
          rejected.addRow(
              block,
              rows[k],
              RejectReason.DUPLICATE_ROW,
              DropDuplicates.copyMessage(block.line(firstCopy[k]), block.file(firstCopy[k])));
        }
      }
    }
    CustomerPartials.Builder[] parts = new CustomerPartials.Builder[shards];
    int[] runEnd = grouped.runEnd();
    for (int r = 0, from = 0; r < runEnd.length; from = runEnd[r++]) {
      int s = GroupRowsByCustomer.shardOfHash(block.customerHash(rows[from]), shards);
      if (parts[s] == null) {
        parts[s] = CustomerPartials.builder();
      }
      parts[s].addCustomer(block, rows, from, runEnd[r], firstCopy);
    }
    CustomerPartials[] built = new CustomerPartials[shards];
    long latest = Long.MIN_VALUE;
    for (int s = 0; s < shards; s++) {
      built[s] = parts[s] == null ? null : parts[s].build();
      for (int e = 0; built[s] != null && e < built[s].entries(); e++) {
        latest = Math.max(latest, built[s].lastTime(e));
      }
    }
    return new Summary(built, rejected.build(), latest);
  }

  /**
   * A block's rows in grouped order without copying them: {@code rows[k]} is the block row at
   * position k, each customer's rows together and in source order ({@code runEnd}: where each
   * customer's positions end). The customers are in id order unless the block already had whole
   * customer runs, which keep the block's order (as the block itself would be used then).
   */
  private record CustomerOrder(int[] rows, int[] runEnd) {
    static CustomerOrder of(TransactionBlock block, boolean wholeRuns) {
      int n = block.size();
      if (wholeRuns) {
        int[] rows = new int[n];
        for (int i = 0; i < n; i++) {
          rows[i] = i;
        }
        List<Integer> ends = new ArrayList<>();
        block.forEachAdjacentRun((from, to) -> ends.add(to));
        return new CustomerOrder(rows, ends.stream().mapToInt(Integer::intValue).toArray());
      }
      // A stable counting sort on the customer's rank: the order GroupRowsByCustomer gives.
      CustomerRanks ranks = CustomerRanks.of(List.of(block.customerIds()));
      int[] start = new int[ranks.count() + 1];
      for (int i = 0; i < n; i++) {
        start[ranks.rank(0, i) + 1]++;
      }
      for (int r = 0; r < ranks.count(); r++) {
        start[r + 1] += start[r];
      }
      int[] rows = new int[n];
      int[] next = Arrays.copyOf(start, ranks.count());
      for (int i = 0; i < n; i++) {
        rows[next[ranks.rank(0, i)]++] = i;
      }
      return new CustomerOrder(rows, Arrays.copyOfRange(start, 1, start.length));
    }
  }

  /**
   * For every position of {@code grouped}, the block row it copies (an earlier row of the same
   * customer with the same fingerprint), or -1; null when there are no copies: {@link
   * DropDuplicates#firstCopies} on the rows in grouped order.
   */
  private static int[] firstCopies(TransactionBlock block, CustomerOrder grouped) {
    int[] rows = grouped.rows();
    int[] firstCopy = null;
    FingerprintTable seen = new FingerprintTable();
    int[] runEnd = grouped.runEnd();
    for (int r = 0, from = 0; r < runEnd.length; from = runEnd[r++]) {
      seen.clear(runEnd[r] - from);
      for (int k = from; k < runEnd[r]; k++) {
        int i = rows[k];
        int first = seen.putIfAbsent(block.fingerprintHi(i), block.fingerprintLo(i), i);
        if (first >= 0) {
          if (firstCopy == null) {
            firstCopy = new int[rows.length];
            Arrays.fill(firstCopy, -1);
          }
          firstCopy[k] = first;
        }
      }
    }
    return firstCopy;
  }

  /** A shard's summaries to its customers; copies across blocks go out by position. */
  static final class MergeFn extends DoFn<KV<Integer, Iterable<CustomerPartials>>, CustomerRecord> {
    private final boolean dropDuplicates;
    private final boolean dayLists;
    private final PCollectionView<Long> asOf;

    MergeFn(boolean dropDuplicates, boolean dayLists, PCollectionView<Long> asOf) {
      this.dropDuplicates = dropDuplicates;
      this.dayLists = dayLists;
      this.asOf = asOf;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<CustomerPartials>> shard,
        MultiOutputReceiver out,
        ProcessContext context) {
      long start = System.nanoTime();
      long asOfDay = context.sideInput(asOf);
      long[] rowsAndCustomers = {0, 0};
      new CustomerPartialsMerge(
              dropDuplicates, dayLists ? out.get(PURCHASE_DAY_LISTS)::output : null)
          .merge(
              shard.getValue(),
              c -> {
                rowsAndCustomers[0] += c.getRowsUsed();
                rowsAndCustomers[1]++;
                out.get(CUSTOMERS)
                    .output(CustomerFeatures.asOf(c, asOfDay)); // a new record: set in place
              },
              (file, line, firstFile, firstLine) ->
                  out.get(LATE_COPIES)
                      .output(
                          KV.of(
                              file,
                              KV.of(line, DropDuplicates.copyMessage(firstLine, firstFile)))));
      out.get(COUNTS).output(KV.of(CountRows.ROWS_USED, rowsAndCustomers[0]));
      out.get(COUNTS).output(KV.of(CountRows.CUSTOMERS, rowsAndCustomers[1]));
      StageMetrics.count("dedup_rows_out", rowsAndCustomers[0]);
      StageMetrics.count("rows_used", rowsAndCustomers[0]);
      StageMetrics.timed("aggregate", start);
    }
  }
}
