// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.StageMetrics;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.PriorityQueue;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificData;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.coders.AtomicCoder;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Writes one-record elements to {@code <directory>/part-SSSSS-of-NNNNN.avro}, each part sorted by a
 * string key (unique per record), with the same bytes as {@link WriteSortedAvro} would write, but
 * encoding each record once: every bundle sorts its records per part and encodes them into a
 * <em>run</em> (the records' bytes with their keys), and each part's writer merges its runs by key
 * and appends the bytes as they are. The general writer decodes and encodes every record twice more
 * on the way; for millions of customers that was most of the writing time.
 *
 * @param <T> the Avro record type written
 */
public final class WriteKeySortedAvro<T extends SpecificRecord>
    extends PTransform<PCollection<T>, PCollection<String>> {
  private final Class<T> recordClass;
  private final SerializableFunction<T, String> key;
  private final String directory;
  private final int shards;
  private final int runSize;
  private final ShuffleEncoding shuffle;

  private WriteKeySortedAvro(
      Class<T> recordClass,
      SerializableFunction<T, String> key,
      String directory,
      int shards,
      int runSize,
      ShuffleEncoding shuffle) {
    this.recordClass = recordClass;
    this.key = key;
    this.directory = directory;
    this.shards = shards;
    this.runSize = runSize;
    this.shuffle = shuffle;
  }

  /** Records of {@code recordClass} sorted by {@code key} (String order; unique per record). */
  public static <T extends SpecificRecord> WriteKeySortedAvro<T> of(
      Class<T> recordClass, SerializableFunction<T, String> key) {
    return new WriteKeySortedAvro<>(recordClass, key, null, 1, 20_000, ShuffleEncoding.PLAIN);
  }

  /** The folder the part files go to (any Beam file system path). */
  public WriteKeySortedAvro<T> to(String directory) {
    return new WriteKeySortedAvro<>(recordClass, key, directory, shards, runSize, shuffle);
  }

  /** At most this many records per run (default 20,000): more runs, less memory per bundle. */
  public WriteKeySortedAvro<T> withRunSize(int records) {
    if (records < 1) {
      throw new IllegalArgumentException("run size must be positive, got " + records);
    }
    return new WriteKeySortedAvro<>(recordClass, key, directory, shards, records, shuffle);
  }

  /** How the runs are encoded in the shuffle (default PLAIN; see {@link ShuffleEncoding}). */
  public WriteKeySortedAvro<T> withShuffle(ShuffleEncoding encoding) {
    return new WriteKeySortedAvro<>(recordClass, key, directory, shards, runSize, encoding);
  }

  /** How many part files; a record's part is picked by its key's hash. */
  public WriteKeySortedAvro<T> withShards(int shards) {
    if (shards < 1) {
      throw new IllegalArgumentException("shards must be positive, got " + shards);
    }
    return new WriteKeySortedAvro<>(recordClass, key, directory, shards, runSize, shuffle);
  }

  @Override
  public PCollection<String> expand(PCollection<T> input) {
    if (directory == null) {
      throw new IllegalStateException("WriteKeySortedAvro needs to(directory)");
    }
    return input
        .apply("EncodeSortedRuns", ParDo.of(new RunsFn<>(recordClass, key, shards, runSize)))
        .setCoder(KvCoder.of(VarIntCoder.of(), shuffle.coder(Run.Coder.INSTANCE)))
        .apply("GroupRunsByPart", GroupByKey.create())
        .apply(
            "MergeRunsIntoPart",
            ParDo.of(
                new MergeWriteFn(
                    SpecificData.get().getSchema(recordClass).toString(), directory, shards)))
        .setCoder(StringUtf8Coder.of());
  }

  /** Records sorted by key and encoded one after another: record i is bytes[offsets[i], [i+1]). */
  record Run(String[] keys, int[] offsets, byte[] bytes) {
    int size() {
      return keys.length;
    }

    ByteBuffer record(int i) {
      return ByteBuffer.wrap(bytes, offsets[i], offsets[i + 1] - offsets[i]);
    }

    static final class Coder extends AtomicCoder<Run> {
      static final Coder INSTANCE = new Coder();

      @Override
      public void encode(Run run, OutputStream os) throws IOException {
        DataOutputStream out = new DataOutputStream(os);
        out.writeInt(run.size());
        for (int i = 0; i < run.size(); i++) {
          byte[] key = run.keys[i].getBytes(StandardCharsets.UTF_8);
          out.writeInt(key.length);
          out.write(key);
          out.writeInt(run.offsets[i + 1]);
        }
        out.writeInt(run.bytes.length);
        out.write(run.bytes);
        out.flush();
      }

      @Override
      public Run decode(InputStream is) throws IOException {
        DataInputStream in = new DataInputStream(is);
        int n = in.readInt();
        String[] keys = new String[n];
        int[] offsets = new int[n + 1];
        for (int i = 0; i < n; i++) {
          byte[] key = new byte[in.readInt()];
          in.readFully(key);
          keys[i] = new String(key, StandardCharsets.UTF_8);
          offsets[i + 1] = in.readInt();
        }
        byte[] bytes = new byte[in.readInt()];
        in.readFully(bytes);
        return new Run(keys, offsets, bytes);
      }

      @Override
      public void verifyDeterministic() {}
    }
  }

  /** Gathers a bundle's records per part and sends them on as sorted, encoded runs. */
  static final class RunsFn<T extends SpecificRecord> extends DoFn<T, KV<Integer, Run>> {
    private final Class<T> recordClass;
    private final SerializableFunction<T, String> key;
    private final int shards;
    private final int runSize;
    private transient Map<Integer, List<T>> parts;
    private transient SpecificDatumWriter<T> writer;

    RunsFn(Class<T> recordClass, SerializableFunction<T, String> key, int shards, int runSize) {
      this.recordClass = recordClass;
      this.key = key;
      this.shards = shards;
      this.runSize = runSize;
    }

    @Setup
    public void setup() {
      writer = new SpecificDatumWriter<>(SpecificData.get().getSchema(recordClass));
    }

    @StartBundle
    public void startBundle() {
      parts = new HashMap<>();
    }

    @ProcessElement
    public void process(@Element T record, OutputReceiver<KV<Integer, Run>> out) {
      int part = Math.floorMod(key.apply(record).hashCode(), shards);
      List<T> list = parts.computeIfAbsent(part, p -> new ArrayList<>());
      list.add(record);
      if (list.size() >= runSize) {
        out.output(KV.of(part, run(list)));
        parts.remove(part);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext context) {
      parts.forEach(
          (part, list) ->
              context.output(
                  KV.of(part, run(list)),
                  BoundedWindow.TIMESTAMP_MIN_VALUE,
                  GlobalWindow.INSTANCE));
      parts = null;
    }

    private Run run(List<T> records) {
      String[] keys = new String[records.size()];
      Integer[] order = new Integer[records.size()];
      for (int i = 0; i < keys.length; i++) {
        keys[i] = key.apply(records.get(i));
        order[i] = i;
      }
      Arrays.sort(order, Comparator.comparing(i -> keys[i]));
      String[] sortedKeys = new String[keys.length];
      int[] offsets = new int[keys.length + 1];
      ByteArrayOutputStream bytes = new ByteArrayOutputStream(64 + keys.length * 128);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
      try {
        for (int k = 0; k < keys.length; k++) {
          sortedKeys[k] = keys[order[k]];
          writer.write(records.get(order[k]), encoder);
          encoder.flush();
          offsets[k + 1] = bytes.size();
        }
      } catch (IOException e) {
        throw new UncheckedIOException(e); // a record that does not fit its own schema
      }
      return new Run(sortedKeys, offsets, bytes.toByteArray());
    }
  }

  /** Merges a part's runs by key and writes the records' bytes as they are. */
  static final class MergeWriteFn extends DoFn<KV<Integer, Iterable<Run>>, String> {
    private final String schemaJson;
    private final String directory;
    private final int shards;

    MergeWriteFn(String schemaJson, String directory, int shards) {
      this.schemaJson = schemaJson;
      this.directory = directory;
      this.shards = shards;
    }

    @ProcessElement
    public void process(@Element KV<Integer, Iterable<Run>> part, OutputReceiver<String> out)
        throws IOException {
      long start = System.nanoTime();
      Schema schema = new Schema.Parser().parse(schemaJson);
      out.output(
          WriteSortedAvro.<Object>writePart(
              directory, part.getKey(), shards, schema, writer -> merge(part.getValue(), writer)));
      StageMetrics.timed("write", start);
    }
  }

  /** Appends the records of sorted runs to {@code writer} in key order. */
  static void merge(Iterable<Run> runs, DataFileWriter<?> writer) throws IOException {
    // Heads of the runs, smallest key first: (run, next record).
    List<Run> all = new ArrayList<>();
    runs.forEach(all::add);
    PriorityQueue<int[]> heads =
        new PriorityQueue<>(
            Math.max(1, all.size()),
            (a, b) -> all.get(a[0]).keys[a[1]].compareTo(all.get(b[0]).keys[b[1]]));
    for (int r = 0; r < all.size(); r++) {
      if (all.get(r).size() > 0) {
        heads.add(new int[] {r, 0});
      }
    }
    while (!heads.isEmpty()) {
      int[] head = heads.poll();
      Run run = all.get(head[0]);
      writer.appendEncoded(run.record(head[1]));
      if (++head[1] < run.size()) {
        heads.add(head);
      }
    }
  }
}
