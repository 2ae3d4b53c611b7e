// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.FlatMapElements;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Counts computed from the data itself (not from metrics, which a runner may report twice after a
 * retry): rows read, rows used, rows rejected per reason. Keys: {@code rows_read}, {@code
 * rows_used}, {@code rejected.<reason>}.
 */
public final class CountRows {
  private CountRows() {}

  public static final String ROWS_READ = "rows_read";
  public static final String ROWS_USED = "rows_used";
  public static final String REJECTED_PREFIX = "rejected.";
  public static final String CUSTOMERS = "customers";
  public static final String AS_OF_EPOCH_DAY = "as_of_epoch_day";
  public static final String RETURNS_NETTED = "returns_netted";

  public static PCollection<KV<String, Long>> customers(PCollection<CustomerRecord> customers) {
    return customers.apply(
        "CountCustomers",
        MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((CustomerRecord c) -> KV.of(CUSTOMERS, 1L)));
  }

  /** The as-of date the run used, so that the manifest can state it. */
  public static PCollection<KV<String, Long>> asOf(Pipeline p, PCollectionView<Long> epochDay) {
    return p.apply("OneAsOf", Create.of(0L))
        .apply(
            "ReportAsOf",
            ParDo.of(
                    new DoFn<Long, KV<String, Long>>() {
                      @ProcessElement
                      public void process(ProcessContext c) {
                        c.output(KV.of(AS_OF_EPOCH_DAY, c.sideInput(epochDay)));
                      }
                    })
                .withSideInputs(epochDay));
  }

  public static PCollection<KV<String, Long>> read(PCollection<RawBlock> blocks) {
    return blocks.apply(
        "CountRowsRead",
        FlatMapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((RawBlock b) -> List.of(KV.of(ROWS_READ, (long) b.size()))));
  }

  public static PCollection<KV<String, Long>> used(PCollection<TransactionBlock> blocks) {
    return blocks.apply(
        "CountRowsUsed",
        FlatMapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((TransactionBlock b) -> List.of(KV.of(ROWS_USED, (long) b.size()))));
  }

  /** Returns among the rows used (see {@code clean.NetReturns}). */
  public static PCollection<KV<String, Long>> returnsNetted(PCollection<TransactionBlock> blocks) {
    return blocks.apply(
        "CountReturnsNetted",
        FlatMapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via(
                (TransactionBlock b) ->
                    List.of(
                        KV.of(
                            RETURNS_NETTED, io.segflow.transforms.clean.NetReturns.returnsIn(b)))));
  }

  /** Rows used, as the customers' {@code rows_used} add up (no second pass over the rows). */
  public static PCollection<KV<String, Long>> usedByCustomers(
      PCollection<CustomerRecord> customers) {
    return customers.apply(
        "CountRowsUsed",
        MapElements.into(TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via((CustomerRecord c) -> KV.of(ROWS_USED, c.getRowsUsed())));
  }

  public static PCollection<KV<String, Long>> rejected(PCollection<RejectedBlock> blocks) {
    return blocks.apply(
        "CountRejectedByReason",
        FlatMapElements.into(
                TypeDescriptors.kvs(TypeDescriptors.strings(), TypeDescriptors.longs()))
            .via(
                (RejectedBlock b) -> {
                  List<KV<String, Long>> out = new ArrayList<>();
                  new TreeMap<>(b.countByReason())
                      .forEach((reason, n) -> out.add(KV.of(REJECTED_PREFIX + reason, n)));
                  return out;
                }));
  }

  /**
   * Sums the partial counts per key and writes them to {@code file} as sorted "key\tvalue" lines,
   * in one small step (a text sink would add a dozen transforms for one tiny file).
   */
  public static PTransform<PCollection<KV<String, Long>>, PCollection<String>> writeTotals(
      String file) {
    return new PTransform<PCollection<KV<String, Long>>, PCollection<String>>() {
      @Override
      @SuppressWarnings("NonApiType") // SumPerKeyFn's sorted output type
      public PCollection<String> expand(PCollection<KV<String, Long>> partials) {
        return partials
            .apply("SumCounts", Combine.globally(new SumPerKeyFn()))
            .apply(
                "WriteCountsFile",
                ParDo.of(
                    new DoFn<TreeMap<String, Long>, String>() {
                      @ProcessElement
                      public void process(
                          @Element TreeMap<String, Long> totals, OutputReceiver<String> out)
                          throws IOException {
                        StringBuilder text = new StringBuilder();
                        totals.forEach(
                            (k, v) -> text.append(k).append('\t').append(v).append('\n'));
                        ResourceId id = FileSystems.matchNewResource(file, false);
                        try (OutputStream os =
                            Channels.newOutputStream(FileSystems.create(id, "text/plain"))) {
                          os.write(text.toString().getBytes(StandardCharsets.UTF_8));
                        }
                        out.output(file);
                      }
                    }));
      }
    };
  }

  /** Sums longs per key into one sorted map. */
  // Declared TreeMap, not Map: sorted keys give the count file its stable order.
  @SuppressWarnings("NonApiType")
  static final class SumPerKeyFn
      extends Combine.CombineFn<KV<String, Long>, TreeMap<String, Long>, TreeMap<String, Long>> {
    @Override
    public TreeMap<String, Long> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public TreeMap<String, Long> addInput(TreeMap<String, Long> acc, KV<String, Long> kv) {
      acc.merge(kv.getKey(), kv.getValue(), Long::sum);
      return acc;
    }

    @Override
    public TreeMap<String, Long> mergeAccumulators(Iterable<TreeMap<String, Long>> accs) {
      TreeMap<String, Long> merged = new TreeMap<>();
      for (TreeMap<String, Long> acc : accs) {
        acc.forEach((k, v) -> merged.merge(k, v, Long::sum));
      }
      return merged;
    }

    @Override
    public TreeMap<String, Long> extractOutput(TreeMap<String, Long> acc) {
      return acc;
    }

    @Override
    public Coder<TreeMap<String, Long>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, Long>> inputCoder) {
      return TREE_MAP_CODER;
    }

    @Override
    public Coder<TreeMap<String, Long>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, Long>> inputCoder) {
      return TREE_MAP_CODER;
    }
  }

  @SuppressWarnings({"unchecked", "rawtypes"})
  private static final Coder<TreeMap<String, Long>> TREE_MAP_CODER =
      (Coder) SerializableCoder.of(TreeMap.class);
}
