// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.StageMetrics;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResolveOptions.StandardResolveOptions;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes records to {@code <directory>/part-SSSSS-of-NNNNN.avro}, each record in the shard its key
 * picks, each shard sorted. File names, record order and Avro sync markers are all derived from the
 * data, so the same input gives byte-identical files on every run and runner (Avro would otherwise
 * pick a random sync marker). A shard is rewritten whole if its bundle is retried.
 *
 * @param <B> the input element: a batch of records, shuffled as it is (give it a fast coder)
 * @param <T> the Avro record type written
 */
public final class WriteSortedAvro<B, T extends SpecificRecord>
    extends PTransform<PCollection<B>, PCollection<String>> {
  private final Class<T> recordClass;
  private final Coder<B> batchCoder;
  private final SerializableFunction<B, List<T>> records;
  private final SerializableFunction<List<T>, B> batchOf;
  private final SerializableFunction<T, Integer> shardKey;
  private final SerializableComparator<T> order;
  private final String directory;
  private final int shards;
  private final ShuffleEncoding shuffle;

  private WriteSortedAvro(
      Class<T> recordClass,
      Coder<B> batchCoder,
      SerializableFunction<B, List<T>> records,
      SerializableFunction<List<T>, B> batchOf,
      SerializableFunction<T, Integer> shardKey,
      SerializableComparator<T> order,
      String directory,
      int shards,
      ShuffleEncoding shuffle) {
    this.recordClass = recordClass;
    this.batchCoder = batchCoder;
    this.records = records;
    this.batchOf = batchOf;
    this.shardKey = shardKey;
    this.order = order;
    this.directory = directory;
    this.shards = shards;
    this.shuffle = shuffle;
  }

  /**
   * Writes records sorted, in batches shuffled by shard.
   *
   * @param batchCoder coder of a batch (the shuffled value; make it fast)
   * @param records the records of a batch
   * @param batchOf a batch of the given records
   * @param shardKey any int derived from the record alone (reduced modulo the shard count)
   * @param order a total order on records
   */
  public static <B, T extends SpecificRecord> WriteSortedAvro<B, T> of(
      Class<T> recordClass,
      Coder<B> batchCoder,
      SerializableFunction<B, List<T>> records,
      SerializableFunction<List<T>, B> batchOf,
      SerializableFunction<T, Integer> shardKey,
      SerializableComparator<T> order) {
    return new WriteSortedAvro<>(
        recordClass, batchCoder, records, batchOf, shardKey, order, null, 1, ShuffleEncoding.PLAIN);
  }

  /** The folder the part files go to (any Beam file system path). */
  public WriteSortedAvro<B, T> to(String directory) {
    return new WriteSortedAvro<>(
        recordClass, batchCoder, records, batchOf, shardKey, order, directory, shards, shuffle);
  }

  public WriteSortedAvro<B, T> withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive, got " + shards);
    }
    return new WriteSortedAvro<>(
        recordClass, batchCoder, records, batchOf, shardKey, order, directory, shards, shuffle);
  }

  /** Appends one part file's records to its open container writer. */
  interface PartWriter<R> {
    void write(DataFileWriter<R> writer) throws IOException;
  }

  /**
   * Creates part {@code shard} of {@code shards} in {@code directory} as a container file of {@code
   * schema} ({@link #open}), has {@code body} append its records and returns the file's path.
   */
  static <R> String writePart(
      String directory, int shard, int shards, Schema schema, PartWriter<R> body)
      throws IOException {
    String name = partName(shard, shards);
    ResourceId file =
        FileSystems.matchNewResource(directory, true)
            .resolve(name, StandardResolveOptions.RESOLVE_FILE);
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(file, "application/avro"));
        DataFileWriter<R> writer = open(schema, os, name)) {
      body.write(writer);
    }
    return file.toString();
  }

  /** How the batches are encoded in the shuffle (default PLAIN; see {@link ShuffleEncoding}). */
  public WriteSortedAvro<B, T> withShuffle(ShuffleEncoding encoding) {
    return new WriteSortedAvro<>(
        recordClass, batchCoder, records, batchOf, shardKey, order, directory, shards, encoding);
  }

  /** The file name of shard {@code s} of {@code n}. */
  public static String partName(int s, int n) {
    return String.format("part-%05d-of-%05d.avro", s, n);
  }

  @Override
  public PCollection<String> expand(PCollection<B> input) {
    if (directory == null) {
      throw new IllegalStateException("WriteSortedAvro needs to(directory)");
    }
    return input
        .apply("AssignShards", ParDo.of(new ShardFn<>(records, batchOf, shardKey, shards)))
        .setCoder(KvCoder.of(VarIntCoder.of(), shuffle.coder(batchCoder)))
        .apply("GroupShards", GroupByKey.create())
        .apply(
            "WriteShardFiles",
            ParDo.of(new WriteFn<>(recordClass, records, order, directory, shards)))
        .setCoder(StringUtf8Coder.of());
  }

  static final class ShardFn<B, T> extends DoFn<B, KV<Integer, B>> {
    private final SerializableFunction<B, List<T>> records;
    private final SerializableFunction<List<T>, B> batchOf;
    private final SerializableFunction<T, Integer> shardKey;
    private final int shards;

    ShardFn(
        SerializableFunction<B, List<T>> records,
        SerializableFunction<List<T>, B> batchOf,
        SerializableFunction<T, Integer> shardKey,
        int shards) {
      this.records = records;
      this.batchOf = batchOf;
      this.shardKey = shardKey;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element B batch, OutputReceiver<KV<Integer, B>> out) {
      if (shards == 1) {
        out.output(KV.of(0, batch)); // nothing to split: skip materialising the records
        return;
      }
      Map<Integer, List<T>> parts = new HashMap<>();
      for (T r : records.apply(batch)) {
        int s = Math.floorMod(shardKey.apply(r), shards);
        parts.computeIfAbsent(s, k -> new ArrayList<>()).add(r);
      }
      parts.forEach((s, list) -> out.output(KV.of(s, batchOf.apply(list))));
    }
  }

  static final class WriteFn<B, T extends SpecificRecord>
      extends DoFn<KV<Integer, Iterable<B>>, String> {
    private final Class<T> recordClass;
    private final SerializableFunction<B, List<T>> records;
    private final Comparator<T> order;
    private final String directory;
    private final int shards;

    WriteFn(
        Class<T> recordClass,
        SerializableFunction<B, List<T>> records,
        Comparator<T> order,
        String directory,
        int shards) {
      this.recordClass = recordClass;
      this.records = records;
      this.order = order;
      this.directory = directory;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<B>> shard, OutputReceiver<String> out)
        throws IOException {
      long start = System.nanoTime();
      List<T> all = new ArrayList<>();
      for (B batch : shard.getValue()) {
        all.addAll(records.apply(batch));
      }
      all.sort(order);
      Schema schema = SpecificData.get().getSchema(recordClass);
      out.output(
          WriteSortedAvro.<T>writePart(
              directory,
              shard.getKey(),
              shards,
              schema,
              writer -> {
                for (T r : all) {
                  writer.append(r);
                }
              }));
      StageMetrics.timed("write", start);
    }
  }

  /**
   * Writes {@code records} as one Avro container file whose sync marker is derived from {@code
   * name}: the same records and name give the same bytes.
   */
  public static <T extends SpecificRecord> void write(
      Schema schema, List<T> records, OutputStream os, String name) throws IOException {
    try (DataFileWriter<T> writer = open(schema, os, name)) {
      for (T r : records) {
        writer.append(r);
      }
    }
  }

  /**
   * A container file writer on {@code os} with Segflow's codec and a sync marker derived from
   * {@code name}; close it to finish the file.
   */
  static <T> DataFileWriter<T> open(Schema schema, OutputStream os, String name)
      throws IOException {
    DataFileWriter<T> writer = new DataFileWriter<>(new SpecificDatumWriter<T>(schema));
    writer.setCodec(
        CodecFactory.snappyCodec()); // fast, and loaders (BigQuery, Spark, Hive) read it
    writer.create(schema, os, syncMarker(name));
    return writer;
  }

  static byte[] syncMarker(String name) {
    try {
      byte[] md5 = MessageDigest.getInstance("MD5").digest(name.getBytes(StandardCharsets.UTF_8));
      return Arrays.copyOf(md5, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required of every JVM", e);
    }
  }
}
