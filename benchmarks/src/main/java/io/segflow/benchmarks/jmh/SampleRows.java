// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.jmh;

import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.read.CsvRecordSplitter;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;
import java.util.zip.GZIPInputStream;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Real rows for the hot-path benchmarks: the shipped Online Retail sample (27,621 rows, with its
 * missing ids, cancellations and quoted descriptions), cut to {@link #ROWS} rows at each stage so
 * that every benchmark reports time per row ({@code @OperationsPerInvocation(ROWS)}). Run from the
 * repository root, or pass {@code -p file=PATH}.
 */
@State(Scope.Benchmark)
public class SampleRows {
  /** Rows per benchmark invocation: half the pipeline's default block of 32,768. */
  public static final int ROWS = 16_384;

  @Param("run-configs/sample/online_retail_sample.csv.gz")
  public String file;

  /** Header plus the first ROWS records, as bytes (the splitter's input). */
  public byte[] csv;

  /** The first ROWS records as one block (the parser's input). */
  public RawBlock raw;

  /** The first ROWS rows that parse (the row rules' input). */
  public TransactionBlock parsed;

  /** The first ROWS rows that pass the default rules, in file order (the grouping's input). */
  public TransactionBlock clean;

  /** The same rows grouped by customer (the aggregation's input). */
  public TransactionBlock grouped;

  /** Features as of the day after the sample's last invoice. */
  public long asOfEpochDay;

  @Setup
  public void load() throws IOException {
    Path path = Path.of(file);
    if (!Files.isRegularFile(path)) {
      throw new IOException(
          "no sample file "
              + path.toAbsolutePath()
              + ": run from the repository root or pass -p file=PATH");
    }
    byte[] all;
    try (InputStream in =
        file.endsWith(".gz")
            ? new GZIPInputStream(Files.newInputStream(path))
            : Files.newInputStream(path)) {
      all = in.readAllBytes();
    }
    List<String> records = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    CsvRecordSplitter.create(StandardCharsets.UTF_8)
        .split(
            new ByteArrayInputStream(all),
            (line, bytes, from, to, flag) -> {
              if (flag != RawBlock.OK) {
                throw new IOException(
                    "line " + line + " of " + path + " is not a clean CSV record");
              }
              records.add(new String(bytes, from, to - from, StandardCharsets.UTF_8));
              lines.add(line);
            });
    String header = records.get(0);
    List<String> names = CsvFields.split(header);
    int[] columns = ColumnMapping.defaults().resolve(file, names);
    RawBlock allRecords = block(header, names.size(), columns, records, lines, 1, records.size());
    raw = block(header, names.size(), columns, records, lines, 1, ROWS + 1);
    csv = (String.join("\n", records.subList(0, ROWS + 1)) + "\n").getBytes(StandardCharsets.UTF_8);

    TransactionBlock.Builder rows = TransactionBlock.builder(records.size());
    new TransactionParser("auto").parse(allRecords, rows, new RejectedBlock.Builder());
    TransactionBlock allRows = rows.build();
    parsed = firstRows(allRows, i -> true);
    RowRules rules = RowRules.defaults();
    clean = firstRows(allRows, i -> rules.check(allRows, i) == null);
    grouped = GroupRowsByCustomer.mergeSorted(List.of(clean));
    long last = 0;
    for (int i = 0; i < grouped.size(); i++) {
      last = Math.max(last, grouped.time(i));
    }
    asOfEpochDay = Math.floorDiv(last, 86_400L) + 1;
  }

  private static RawBlock block(
      String header,
      int fieldCount,
      int[] columns,
      List<String> records,
      List<Long> lines,
      int from,
      int to) {
    if (records.size() < to) {
      throw new IllegalStateException(
          "the sample has "
              + (records.size() - 1)
              + " rows; "
              + "the benchmarks need at least "
              + (to - 1));
    }
    long[] lineNumbers = lines.subList(from, to).stream().mapToLong(Long::longValue).toArray();
    String[] texts = records.subList(from, to).toArray(new String[0]);
    byte[] flags = new byte[to - from]; // all RawBlock.OK: checked while splitting
    return new RawBlock("sample", header, fieldCount, columns, lineNumbers, texts, flags);
  }

  private static TransactionBlock firstRows(TransactionBlock b, IntPredicate keep) {
    TransactionBlock.Builder out = TransactionBlock.builder(ROWS);
    for (int i = 0; i < b.size() && out.size() < ROWS; i++) {
      if (keep.test(i)) {
        out.addRow(b, i);
      }
    }
    if (out.size() < ROWS) {
      throw new IllegalStateException(
          "the sample has only " + out.size() + " such rows; " + "the benchmarks need " + ROWS);
    }
    return out.build();
  }
}
