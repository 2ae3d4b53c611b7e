// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Sum;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Counts computed from the data itself (not from metrics, which a runner may report twice after a
 * retry): rows read, rows used, rows rejected per reason. Keys: {@code rows_read},
 * {@code rows_used}, {@code rejected.<reason>}.
 */
public final class CountRows {
  private CountRows() {}

  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_USED = "rows_used";
  public static final String REJECTED_PREFIX = "rejected.";
  public static final String CUSTOMERS = "customers";
  public static final String AS_OF_EPOCH_DAY = "as_of_epoch_day";

  public static PCollection<KV<String, Long>> customers(PCollection<CustomerRecord> customers) {
    return customers.apply("CountCustomers", MapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
        .via((CustomerRecord c) -> KV.of(CUSTOMERS, 1L)));
  }

  /** The as-of date the run used, so that the manifest can state it. */
  public static PCollection<KV<String, Long>> asOf(Pipeline p, PCollectionView<Long> epochDay) {
    return p.apply("OneAsOf", Create.of(0L))
        .apply("ReportAsOf", ParDo.of(new DoFn<Long, KV<String, Long>>() {
          @ProcessElement
          public void process(ProcessContext c) {
            c.output(KV.of(AS_OF_EPOCH_DAY, c.sideInput(epochDay)));
          }
        }).withSideInputs(epochDay));
  }

  public static PCollection<KV<String, Long>> read(PCollection<RawBlock> blocks) {
    return blocks.apply("CountRowsRead", FlatMapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
        .via((RawBlock b) -> List.of(KV.of(ROWS_READ, (long) b.size()))));
  }

  public static PCollection<KV<String, Long>> used(PCollection<TransactionBlock> blocks) {
    return blocks.apply("CountRowsUsed", FlatMapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
        .via((TransactionBlock b) -> List.of(KV.of(ROWS_USED, (long) b.size()))));
  }

  public static PCollection<KV<String, Long>> rejected(PCollection<RejectedBlock> blocks) {
    return blocks.apply("CountRejectedByReason", FlatMapElements
        .into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
        .via((RejectedBlock b) -> {
          Map<String, Long> byReason = new TreeMap<>();
          for (int i = 0; i < b.size(); i++) {
            byReason.merge(REJECTED_PREFIX + b.reason(i), 1L, Long::sum);
          }
          List<KV<String, Long>> out = new ArrayList<>();
          byReason.forEach((k, v) -> out.add(KV.of(k, v)));
          return out;
        }));
  }

  /** Sums the partial counts per key and formats them as "key\tvalue" lines. */
  public static PTransform<PCollection<KV<String, Long>>, PCollection<String>> total() {
    return new PTransform<PCollection<KV<String, Long>>, PCollection<String>>() {
      @Override
      public PCollection<String> expand(PCollection<KV<String, Long>> partials) {
        return partials
            .apply("SumCounts", Sum.longsPerKey())
            .apply("FormatCounts", ParDo.of(new DoFn<KV<String, Long>, String>() {
              @ProcessElement
              public void process(@Element KV<String, Long> kv, OutputReceiver<String> out) {
                out.output(kv.getKey() + "\t" + kv.getValue());
              }
            }));
      }
    };
  }
}
