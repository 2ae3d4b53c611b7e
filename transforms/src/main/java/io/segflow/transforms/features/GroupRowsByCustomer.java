// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.SnappyCoder;
import io.segflow.transforms.rows.StageMetrics;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Re-partitions rows so that every customer's rows sit in one block, sorted by customer, source
 * file and line: the input of the per-customer stages (duplicates, aggregation). Customers are
 * spread over {@code shards} blocks by a hash of their id, so the engine moves (input blocks ×
 * shards) elements rather than one per row or per customer; more shards mean smaller blocks (less
 * memory per worker) and more parallelism.
 *
 * <p>The result does not depend on the number of shards or on arrival order: rows are sorted.
 */
public final class GroupRowsByCustomer
    extends PTransform<PCollection<TransactionBlock>, PCollection<TransactionBlock>> {
  private final int shards;
  private final ShuffleEncoding shuffle;

  private GroupRowsByCustomer(int shards, ShuffleEncoding shuffle) {
    this.shards = shards;
    this.shuffle = shuffle;
  }

  public static GroupRowsByCustomer create() {
    return new GroupRowsByCustomer(16, ShuffleEncoding.COMPRESSED);
  }

  /**
   * How the shuffled blocks are encoded (default COMPRESSED: less disk and I/O on runners that
   * write shuffles to disk, Flink); the pipeline uses PLAIN on the DirectRunner.
   */
  public GroupRowsByCustomer withShuffle(ShuffleEncoding encoding) {
    return new GroupRowsByCustomer(shards, encoding);
  }

  public GroupRowsByCustomer withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive, got " + shards);
    }
    return new GroupRowsByCustomer(shards, shuffle);
  }

  /** The shard of row i's customer: a mixed hash of the id's bytes, stable across JVMs. */
  static int shardOf(TransactionBlock block, int i, int shards) {
    return shardOfHash(block.customerHash(i), shards);
  }

  /** The shard of a customer id whose {@code Utf8Column.hashAt} is {@code customerHash}. */
  static int shardOfHash(int customerHash, int shards) {
    int h = customerHash * 0x9E3779B1;
    return Math.floorMod(h ^ (h >>> 15), shards);
  }

  @Override
  public PCollection<TransactionBlock> expand(PCollection<TransactionBlock> input) {
    return input
        .apply("SplitByCustomerShard", ParDo.of(new SplitFn(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), shuffle.coder(TransactionBlock.Coder.of())))
        .apply("GroupShards", GroupByKey.create())
        .apply("MergeAndSortShard", ParDo.of(new MergeFn()))
        .setCoder(SnappyCoder.of(TransactionBlock.Coder.of()));
  }

  static final class SplitFn extends DoFn<TransactionBlock, KV<Integer, TransactionBlock>> {
    private final int shards;

    SplitFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element TransactionBlock block, OutputReceiver<KV<Integer, TransactionBlock>> out) {
      long start = System.nanoTime();
      TransactionBlock.Builder[] parts = new TransactionBlock.Builder[shards];
      for (int i = 0; i < block.size(); i++) {
        int s = shardOf(block, i, shards);
        if (parts[s] == null) {
          parts[s] = TransactionBlock.builder(Math.max(16, block.size() / shards * 2));
        }
        parts[s].addRow(block, i);
      }
      for (int s = 0; s < shards; s++) {
        if (parts[s] != null) {
          out.output(KV.of(s, parts[s].build()));
        }
      }
      StageMetrics.timed("group", start);
    }
  }

  static final class MergeFn
      extends DoFn<KV<Integer, Iterable<TransactionBlock>>, TransactionBlock> {
    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<TransactionBlock>> shard,
        OutputReceiver<TransactionBlock> out) {
      long start = System.nanoTime();
      out.output(mergeSorted(shard.getValue()));
      StageMetrics.timed("group", start);
    }
  }

  /**
   * Concatenates blocks and sorts the rows into grouped-by-customer order.
   *
   * <p>The parts normally come straight from {@link SplitFn}: each holds rows of one file in line
   * order, and parts of the same file cover disjoint line ranges. Then ordering the parts by (file,
   * first line) puts all rows in source order, and a stable counting sort on each row's customer
   * rank finishes the job in linear time. Parts without that property (other callers) take a
   * general comparison sort; both give the same block.
   */
  public static TransactionBlock mergeSorted(Iterable<TransactionBlock> blocks) {
    List<TransactionBlock> parts = new ArrayList<>();
    int total = 0;
    for (TransactionBlock b : blocks) {
      if (!b.isEmpty()) {
        parts.add(b);
        total += b.size();
      }
    }
    parts.sort((a, b) -> a.compareSourcePositions(0, b, 0));
    long[] order =
        inSourceOrder(parts) ? countingSortByCustomer(parts, total) : comparisonSort(parts, total);
    TransactionBlock.Builder merged = TransactionBlock.builder(total);
    for (long ref : order) {
      merged.addRow(parts.get((int) (ref >>> 32)), (int) ref);
    }
    return merged.buildGroupedByCustomer();
  }

  /** Whether the parts, read one after another, are strictly in (file, line) order. */
  static boolean inSourceOrder(List<TransactionBlock> parts) {
    TransactionBlock prev = null;
    int prevRow = 0;
    for (TransactionBlock part : parts) {
      for (int i = 0; i < part.size(); i++) {
        if (prev != null && prev.compareSourcePositions(prevRow, part, i) >= 0) {
          return false;
        }
        prev = part;
        prevRow = i;
      }
    }
    return true;
  }

  /** Row references (part << 32 | row), stably sorted by customer id. */
  private static long[] countingSortByCustomer(List<TransactionBlock> parts, int total) {
    CustomerRanks ranks =
        CustomerRanks.of(parts.stream().map(TransactionBlock::customerIds).toList());
    int[] start = new int[ranks.count() + 1];
    for (int p = 0; p < parts.size(); p++) {
      for (int i = 0; i < parts.get(p).size(); i++) {
        start[ranks.rank(p, i) + 1]++;
      }
    }
    for (int r = 0; r < ranks.count(); r++) {
      start[r + 1] += start[r];
    }
    long[] order = new long[total];
    for (int p = 0; p < parts.size(); p++) {
      for (int i = 0; i < parts.get(p).size(); i++) {
        order[start[ranks.rank(p, i)]++] = ((long) p << 32) | i;
      }
    }
    return order;
  }

  private static long[] comparisonSort(List<TransactionBlock> parts, int total) {
    Long[] boxed = new Long[total];
    int k = 0;
    for (int p = 0; p < parts.size(); p++) {
      for (int i = 0; i < parts.get(p).size(); i++) {
        boxed[k++] = ((long) p << 32) | i;
      }
    }
    Arrays.sort(
        boxed,
        (x, y) ->
            parts
                .get((int) (x >>> 32))
                .compareRows((int) (long) x, parts.get((int) (y >>> 32)), (int) (long) y));
    return Arrays.stream(boxed).mapToLong(Long::longValue).toArray();
  }
}
