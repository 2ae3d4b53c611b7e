// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.rows.RejectedBlock;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/** The Avro outputs of the contract: customers/ sorted by id, rejected/ sorted by file and line. */
public final class SegflowOutputs {
  private SegflowOutputs() {}

  private static final Comparator<RejectedRecord> REJECTED_ORDER =
      Comparator.comparing(RejectedRecord::getSourceFile)
          .thenComparingLong(RejectedRecord::getLineNumber);

  /** Writes customers to {@code directory} in {@code shards} files sorted by customer id. */
  public static PTransform<PCollection<CustomerRecord>, PCollection<String>> customers(
      String directory, int shards) {
    WriteSortedAvro<List<CustomerRecord>, CustomerRecord> write = WriteSortedAvro.of(
        CustomerRecord.class, ListCoder.of(AvroCoder.specific(CustomerRecord.class)),
        list -> list, list -> list, c -> c.getCustomerId().hashCode(),
        (a, b) -> a.getCustomerId().compareTo(b.getCustomerId()))
        .to(directory).withShards(shards);
    return new PTransform<PCollection<CustomerRecord>, PCollection<String>>() {
      @Override
      public PCollection<String> expand(PCollection<CustomerRecord> input) {
        return input
            .apply("AsBatches", MapElements.into(new TypeDescriptor<List<CustomerRecord>>() {})
                .via((CustomerRecord c) -> List.of(c)))
            .setCoder(ListCoder.of(AvroCoder.specific(CustomerRecord.class)))
            .apply("WriteSortedAvro", write);
      }
    };
  }

  /** Writes rejected rows to {@code directory} in {@code shards} files sorted by file and line. */
  public static WriteSortedAvro<RejectedBlock, RejectedRecord> rejected(
      String directory, int shards) {
    return WriteSortedAvro.of(RejectedRecord.class, RejectedBlock.Coder.of(),
            RejectedBlock::records, RejectedBlock::of,
            r -> 31 * r.getSourceFile().hashCode() + Long.hashCode(r.getLineNumber() >>> 16),
            (a, b) -> REJECTED_ORDER.compare(a, b))
        .to(directory).withShards(shards);
  }
}
