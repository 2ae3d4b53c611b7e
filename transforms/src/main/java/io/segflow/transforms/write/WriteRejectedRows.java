// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.rows.AvroBuffer;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.StageMetrics;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import org.apache.avro.file.DataFileWriter;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes rejected rows to {@code <directory>/part-SSSSS-of-NNNNN.avro}, each part sorted by source
 * file, then line: the files {@link WriteSortedAvro} writes for {@link RejectedRecord}s (the same
 * part of each row, the same order, the same bytes), without a record object per row. Rows move
 * between the steps as the bytes of their {@link RejectedBlock}s, and each row is encoded once,
 * straight from those bytes ({@link RejectedBlock#writeAvro}); the general writer decoded every row
 * into a record twice and encoded it twice, which for a million rejected rows cost more than the
 * rest of the writing.
 */
public final class WriteRejectedRows
    extends PTransform<PCollection<RejectedBlock>, PCollection<String>> {
  private final String directory;
  private final int shards;
  private final ShuffleEncoding shuffle;

  private WriteRejectedRows(String directory, int shards, ShuffleEncoding shuffle) {
    this.directory = directory;
    this.shards = shards;
    this.shuffle = shuffle;
  }

  /** One part file, blocks shuffled with their own coder; set the folder with {@link #to}. */
  public static WriteRejectedRows create() {
    return new WriteRejectedRows(null, 1, ShuffleEncoding.PLAIN);
  }

  /** The folder the part files go to (any Beam file system path). */
  public WriteRejectedRows to(String directory) {
    return new WriteRejectedRows(directory, shards, shuffle);
  }

  public WriteRejectedRows withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive, got " + shards);
    }
    return new WriteRejectedRows(directory, shards, shuffle);
  }

  /** How the blocks are encoded in the shuffle (default PLAIN; see {@link ShuffleEncoding}). */
  public WriteRejectedRows withShuffle(ShuffleEncoding encoding) {
    return new WriteRejectedRows(directory, shards, encoding);
  }

  /**
   * The part of a row from {@code file}, line {@code line}, of {@code shards}: rows close together
   * in a file share a part.
   */
  static int shardOf(String file, long line, int shards) {
    return Math.floorMod(31 * file.hashCode() + Long.hashCode(line >>> 16), shards);
  }

  @Override
  public PCollection<String> expand(PCollection<RejectedBlock> input) {
    if (directory == null) {
      throw new IllegalStateException("WriteRejectedRows needs to(directory)");
    }
    return input
        .apply("AssignShards", ParDo.of(new ShardFn(shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), shuffle.coder(RejectedBlock.Coder.of())))
        .apply("GroupShards", GroupByKey.create())
        .apply("WriteShardFiles", ParDo.of(new WriteFn(directory, shards)))
        .setCoder(StringUtf8Coder.of());
  }

  /**
   * Splits a block by part, copying rows as bytes; a block that falls in one part goes as it is.
   */
  static final class ShardFn extends DoFn<RejectedBlock, KV<Integer, RejectedBlock>> {
    private final int shards;

    ShardFn(int shards) {
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element RejectedBlock block, OutputReceiver<KV<Integer, RejectedBlock>> out) {
      if (shards == 1) {
        out.output(KV.of(0, block));
        return;
      }
      int[] shardOfRow = new int[block.size()];
      String file = null;
      boolean oneShard = true;
      for (int i = 0; i < block.size(); i++) {
        if (file == null || !block.sameFile(i, i - 1)) {
          file = block.file(i);
        }
        shardOfRow[i] = shardOf(file, block.line(i), shards);
        oneShard &= shardOfRow[i] == shardOfRow[0];
      }
      if (block.isEmpty()) {
        return;
      }
      if (oneShard) {
        out.output(KV.of(shardOfRow[0], block));
        return;
      }
      TreeMap<Integer, RejectedBlock.Builder> parts = new TreeMap<>();
      for (int i = 0; i < block.size(); i++) {
        parts.computeIfAbsent(shardOfRow[i], s -> new RejectedBlock.Builder()).addFrom(block, i);
      }
      parts.forEach((s, rows) -> out.output(KV.of(s, rows.build())));
    }
  }

  /** Sorts one part's rows by file and line and writes them, each encoded from its bytes. */
  static final class WriteFn extends DoFn<KV<Integer, Iterable<RejectedBlock>>, String> {
    private final String directory;
    private final int shards;

    WriteFn(String directory, int shards) {
      this.directory = directory;
      this.shards = shards;
    }

    @ProcessElement
    public void process(
        @Element KV<Integer, Iterable<RejectedBlock>> part, OutputReceiver<String> out)
        throws IOException {
      long start = System.nanoTime();
      List<RejectedBlock> blocks = new ArrayList<>();
      part.getValue().forEach(blocks::add);
      out.output(
          WriteSortedAvro.<RejectedRecord>writePart(
              directory,
              part.getKey(),
              shards,
              RejectedRecord.getClassSchema(),
              writer -> write(blocks, writer)));
      StageMetrics.timed("write", start);
    }
  }

  /**
   * Appends the rows of {@code blocks} to {@code writer}, sorted by file (String order), then line.
   */
  static void write(List<RejectedBlock> blocks, DataFileWriter<?> writer) throws IOException {
    int total = 0;
    for (RejectedBlock b : blocks) {
      total += b.size();
    }
    // Each row's file as a rank among the part's distinct files, in String order.
    TreeMap<String, Integer> fileRanks = new TreeMap<>();
    String[][] fileOfRow = new String[blocks.size()][];
    for (int k = 0; k < blocks.size(); k++) {
      RejectedBlock b = blocks.get(k);
      fileOfRow[k] = new String[b.size()];
      for (int i = 0; i < b.size(); i++) {
        fileOfRow[k][i] = i > 0 && b.sameFile(i, i - 1) ? fileOfRow[k][i - 1] : b.file(i);
        fileRanks.put(fileOfRow[k][i], 0);
      }
    }
    int rank = 0;
    for (var e : fileRanks.entrySet()) {
      e.setValue(rank++);
    }
    int[] blockOf = new int[total];
    int[] rowOf = new int[total];
    int[] fileRank = new int[total];
    long[] line = new long[total];
    Integer[] order = new Integer[total];
    int r = 0;
    for (int k = 0; k < blocks.size(); k++) {
      RejectedBlock b = blocks.get(k);
      for (int i = 0; i < b.size(); i++, r++) {
        blockOf[r] = k;
        rowOf[r] = i;
        fileRank[r] = fileRanks.get(fileOfRow[k][i]);
        line[r] = b.line(i);
        order[r] = r;
      }
    }
    // Stable, as the general writer's sort is; blocks hold runs already in order.
    Arrays.sort(
        order,
        (x, y) -> {
          int c = Integer.compare(fileRank[x], fileRank[y]);
          return c != 0 ? c : Long.compare(line[x], line[y]);
        });
    AvroBuffer bytes = new AvroBuffer();
    for (int x : order) {
      bytes.clear();
      blocks.get(blockOf[x]).writeAvro(rowOf[x], bytes);
      writer.appendEncoded(bytes.contents());
    }
  }
}
