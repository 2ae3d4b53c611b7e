// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.clean.ApplyRowRules;
import io.segflow.transforms.clean.ApplyRowRules.Checked;
import io.segflow.transforms.parse.ParseTransactions;
import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.read.FileSplit;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.CustomerPartials;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.UncheckedIOException;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PBegin;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TupleTagList;

/**
 * Input files to customers, as {@link ReadTransactionFiles}, {@link ParseTransactions}, {@link
 * ApplyRowRules} and {@link SummarizeCustomers} applied one after another, with the same outputs,
 * but with the row stages run inside one step: each file's blocks are parsed, checked and
 * summarized as they are read, by the same code those transforms run per block, and only the
 * customer summaries and the rejected rows leave the step.
 *
 * <p>Why: the DirectRunner neither fuses steps nor streams between them. It keeps a step's whole
 * output (a file's blocks) until the next step takes it, so three row steps hold three copies of
 * the rows in memory at once (50 million rows did not fit in 14 GB), and it pays its scheduling
 * cost for each. Here the engine holds summaries only. A runner that fuses steps (Flink) gains
 * little, and loses the spreading of one file's blocks over workers, so use this when there are at
 * least as many files as workers, or on the DirectRunner.
 *
 * <p>Outputs: those of {@link SummarizeCustomers} and {@link #ROWS_READ} (one {@code (name, rows)}
 * count per file, named by {@link #withCountName}).
 */
public final class SummarizeTransactionFiles extends PTransform<PBegin, PCollectionTuple> {
  public static final TupleTag<KV<String, Long>> ROWS_READ = new TupleTag<KV<String, Long>>() {};
  private static final TupleTag<KV<Integer, CustomerPartials>> SUMMARIES =
      new TupleTag<KV<Integer, CustomerPartials>>() {};
  private static final TupleTag<Long> LATEST_TIMES = new TupleTag<Long>() {};

  private final ReadTransactionFiles read;
  private final ParseTransactions parse;
  private final ApplyRowRules rules;
  private final SummarizeCustomers summarize;
  private final String countName;

  private SummarizeTransactionFiles(
      ReadTransactionFiles read,
      ParseTransactions parse,
      ApplyRowRules rules,
      SummarizeCustomers summarize,
      String countName) {
    this.read = read;
    this.parse = parse;
    this.rules = rules;
    this.summarize = summarize;
    this.countName = countName;
  }

  /** The four stages, configured as they would be applied on their own. */
  public static SummarizeTransactionFiles of(
      ReadTransactionFiles read,
      ParseTransactions parse,
      ApplyRowRules rules,
      SummarizeCustomers summarize) {
    return new SummarizeTransactionFiles(read, parse, rules, summarize, "rows_read");
  }

  /** The key of the {@link #ROWS_READ} counts (default "rows_read"). */
  public SummarizeTransactionFiles withCountName(String name) {
    return new SummarizeTransactionFiles(read, parse, rules, summarize, name);
  }

  @Override
  public PCollectionTuple expand(PBegin begin) {
    PCollectionTuple rowStages =
        read.matchFiles(begin)
            .apply(
                "ReadParseCheckSummarize",
                ParDo.of(new RowStagesFn(this))
                    .withOutputTags(
                        SUMMARIES,
                        TupleTagList.of(RowTags.REJECTED).and(ROWS_READ).and(LATEST_TIMES)));
    PCollectionTuple merged =
        summarize.mergeSummaries(
            rowStages.get(SUMMARIES),
            rowStages.get(RowTags.REJECTED).setCoder(RejectedBlock.Coder.of()),
            rowStages.get(LATEST_TIMES).setCoder(VarLongCoder.of()));
    return merged.and(
        ROWS_READ,
        rowStages.get(ROWS_READ).setCoder(KvCoder.of(StringUtf8Coder.of(), VarLongCoder.of())));
  }

  /**
   * One file (or split of a Parquet file) through the row stages, block by block, timing each stage
   * as its own step would. This thread reads (decompresses and splits records) while the {@link
   * BlockWorkers} parse, check and summarize the blocks already read; results are output here, in
   * block order, because Beam's receivers and metrics belong to this thread.
   */
  static final class RowStagesFn extends DoFn<FileSplit, KV<Integer, CustomerPartials>> {
    private final SummarizeTransactionFiles stages;
    private transient ThreadLocal<TransactionParser> parsers;

    RowStagesFn(SummarizeTransactionFiles stages) {
      this.stages = stages;
    }

    @Setup
    public void setup() {
      parsers = ThreadLocal.withInitial(stages.parse::newParser);
    }

    @ProcessElement
    public void process(@Element FileSplit file, MultiOutputReceiver out) throws IOException {
      long start = System.nanoTime();
      long[] rowsAndWaitNanos = {0, 0};
      Deque<Future<BlockResult>> inFlight = new ArrayDeque<>();
      try {
        stages.read.readFile(
            file,
            raw -> {
              inFlight.add(BlockWorkers.submit(() -> runStages(raw)));
              rowsAndWaitNanos[0] += raw.size();
              long t0 = System.nanoTime();
              while (inFlight.size() > BlockWorkers.maxInFlight()
                  || (!inFlight.isEmpty() && inFlight.peek().isDone())) {
                output(take(inFlight), out);
              }
              rowsAndWaitNanos[1] += System.nanoTime() - t0;
            });
        long t0 = System.nanoTime();
        while (!inFlight.isEmpty()) {
          output(take(inFlight), out);
        }
        rowsAndWaitNanos[1] += System.nanoTime() - t0;
      } catch (WaitFailed e) {
        throw e.getCause();
      } finally {
        inFlight.forEach(f -> f.cancel(true));
      }
      out.get(ROWS_READ).output(KV.of(stages.countName, rowsAndWaitNanos[0]));
      StageMetrics.count(
          "read_millis", (System.nanoTime() - start - rowsAndWaitNanos[1]) / 1_000_000);
    }

    /** Parse, row rules and summary of one block, on a worker thread; Beam is not touched here. */
    private BlockResult runStages(RawBlock raw) {
      long t0 = System.nanoTime();
      TransactionBlock.Builder rows = TransactionBlock.builder(raw.size());
      RejectedBlock.Builder unparsed = new RejectedBlock.Builder();
      parsers.get().parse(raw, rows, unparsed);
      TransactionBlock parsed = rows.build();
      long t1 = System.nanoTime();
      ApplyRowRules.Checked checked = stages.rules.check(parsed);
      long t2 = System.nanoTime();
      SummarizeCustomers.Summary summary = stages.summarize.summarize(checked.kept());
      long t3 = System.nanoTime();
      return new BlockResult(
          parsed.size(), unparsed.build(), t1 - t0, checked, t2 - t1, summary, t3 - t2);
    }

    /** The oldest block's result; a worker's exception is rethrown as the stage threw it. */
    private static BlockResult take(Deque<Future<BlockResult>> inFlight) {
      try {
        return inFlight.remove().get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new WaitFailed(
            new InterruptedIOException("interrupted while waiting for a parsed block"));
      } catch (ExecutionException e) {
        Throwable cause = e.getCause();
        if (cause instanceof RuntimeException runtime) {
          throw runtime;
        }
        if (cause instanceof Error error) {
          throw error;
        }
        throw new WaitFailed(new IOException(cause));
      }
    }

    /** Carries a checked failure of {@link #take} out of the reader's callback. */
    private static final class WaitFailed extends UncheckedIOException {
      private static final long serialVersionUID = 1L;

      WaitFailed(IOException cause) {
        super(cause);
      }
    }

    private static void output(BlockResult block, MultiOutputReceiver out) {
      DoFn.OutputReceiver<RejectedBlock> rejected = out.get(RowTags.REJECTED);
      finish("parse", block.parsedRows(), block.unparsed(), rejected, block.parseNanos());
      Checked checked = block.checked();
      finish("clean", checked.kept().size(), checked.rejected(), rejected, block.cleanNanos());
      SummarizeCustomers.emit(block.summary(), out.get(SUMMARIES), rejected, out.get(LATEST_TIMES));
      StageMetrics.count("group_millis", block.summaryNanos() / 1_000_000);
    }

    private static void finish(
        String stage,
        int rowsOut,
        RejectedBlock rejectedRows,
        DoFn.OutputReceiver<RejectedBlock> rejected,
        long nanos) {
      if (!rejectedRows.isEmpty()) {
        rejected.output(rejectedRows);
      }
      StageMetrics.countRejected(rejectedRows);
      StageMetrics.count(stage + "_rows_out", rowsOut);
      StageMetrics.count(stage + "_millis", nanos / 1_000_000);
    }
  }

  /** What the row stages made of one block, with each stage's processing time. */
  private record BlockResult(
      int parsedRows,
      RejectedBlock unparsed,
      long parseNanos,
      Checked checked,
      long cleanNanos,
      SummarizeCustomers.Summary summary,
      long summaryNanos) {}

  /**
   * The threads that parse, check and summarize blocks for every file being read in this JVM: one
   * per core, shared, so that reading several files at once does not start a pool per file. Each
   * reader keeps at most {@link #maxInFlight} blocks submitted, which bounds the memory held.
   */
  private static final class BlockWorkers {
    private static final int THREADS = Math.max(1, Runtime.getRuntime().availableProcessors());
    private static final ExecutorService POOL =
        Executors.newFixedThreadPool(
            THREADS,
            task -> {
              Thread t = new Thread(task, "segflow-row-stages");
              t.setDaemon(true);
              return t;
            });

    private BlockWorkers() {}

    static Future<BlockResult> submit(Callable<BlockResult> work) {
      return POOL.submit(work);
    }

    static int maxInFlight() {
      return 2 * THREADS;
    }
  }
}
