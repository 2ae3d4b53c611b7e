// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.rows.ShuffleEncoding;
import java.util.Comparator;
import org.apache.avro.specific.SpecificRecord;
import org.apache.beam.sdk.coders.ByteArrayCoder;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The Avro outputs of the contract: customers/ sorted by id, rejected/ sorted by file and line. */
public final class SegflowOutputs {
  private SegflowOutputs() {}

  /** Writes customers to {@code directory} in {@code shards} files sorted by customer id. */
  public static PTransform<PCollection<CustomerRecord>, PCollection<String>> customers(
      String directory, int shards) {
    return customers(directory, shards, ShuffleEncoding.PLAIN);
  }

  /** As {@link #customers(String, int)}, with the runs shuffled as {@code shuffle} says. */
  public static PTransform<PCollection<CustomerRecord>, PCollection<String>> customers(
      String directory, int shards, ShuffleEncoding shuffle) {
    return WriteKeySortedAvro.of(CustomerRecord.class, CustomerRecord::getCustomerId)
        .to(directory)
        .withShards(shards)
        .withShuffle(shuffle);
  }

  /** Writes segment profiles to {@code directory} in {@code shards} files sorted by kind and id. */
  public static PTransform<PCollection<SegmentRecord>, PCollection<String>> segments(
      String directory, int shards) {
    return sortedRecords(
        SegmentRecord.class,
        directory,
        shards,
        SegmentRecord::getSegmentId,
        (a, b) -> SEGMENT_ORDER.compare(a, b));
  }

  private static final Comparator<SegmentRecord> SEGMENT_ORDER =
      Comparator.comparing(SegmentRecord::getKind).thenComparingInt(SegmentRecord::getSegmentId);

  /** Writes one-record elements (customer- or segment-level outputs) sorted into shards. */
  static <T extends SpecificRecord> PTransform<PCollection<T>, PCollection<String>> sortedRecords(
      Class<T> type,
      String directory,
      int shards,
      SerializableFunction<T, Integer> shardKey,
      SerializableComparator<T> order) {
    AvroBytes<T> avro = AvroBytes.of(type);
    WriteSortedAvro<byte[], T> write =
        WriteSortedAvro.of(type, ByteArrayCoder.of(), avro::decode, avro::encode, shardKey, order)
            .to(directory)
            .withShards(shards);
    return new PTransform<PCollection<T>, PCollection<String>>() {
      @Override
      public PCollection<String> expand(PCollection<T> input) {
        return input
            .apply("AsBatches", BatchRecords.create())
            .setCoder(ListCoder.of(AvroCoder.specific(type)))
            .apply(
                "EncodeBatches",
                MapElements.into(TypeDescriptor.of(byte[].class)).via(avro::encode))
            .setCoder(ByteArrayCoder.of())
            .apply("WriteSortedAvro", write);
      }
    };
  }

  /** Writes rejected rows to {@code directory} in {@code shards} files sorted by file and line. */
  public static WriteRejectedRows rejected(String directory, int shards) {
    return rejected(directory, shards, ShuffleEncoding.PLAIN);
  }

  /** As {@link #rejected(String, int)}, with the blocks shuffled as {@code shuffle} says. */
  public static WriteRejectedRows rejected(String directory, int shards, ShuffleEncoding shuffle) {
    return WriteRejectedRows.create().to(directory).withShards(shards).withShuffle(shuffle);
  }
}
