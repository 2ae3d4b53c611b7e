// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * Test rows in the Online Retail layout. The data rows are copied from the UCI Online Retail data
 * set (Daqing Chen, Sai Liang Sain, Kun Guo; UCI Machine Learning Repository id 352; CC BY 4.0),
 * some with one field changed to exercise a rule.
 */
public final class Fixtures {
  private Fixtures() {}

  public static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  /** A block of {@code file} whose records start on line 2 (the header is line 1). */
  public static RawBlock raw(String file, String... records) {
    return raw(file, HEADER, 2, records);
  }

  /** A block of consecutive single-line records starting on {@code firstLine}. */
  public static RawBlock raw(String file, String header, long firstLine, String... records) {
    long[] lines = new long[records.length];
    for (int i = 0; i < records.length; i++) {
      lines[i] = firstLine + i;
    }
    return rawAt(file, header, lines, records);
  }

  /** A block whose records start on the given lines. */
  public static RawBlock rawAt(String file, String header, long[] lines, String... records) {
    List<String> names = CsvFields.split(header);
    return new RawBlock(
        file,
        header,
        names.size(),
        ColumnMapping.defaults().resolve(file, names),
        lines,
        records.clone(),
        new byte[records.length]);
  }

  /** What the parser made of a block. */
  public record Parsed(TransactionBlock rows, RejectedBlock rejected) {}

  public static Parsed parse(RawBlock block) {
    return parse(block, "auto");
  }

  public static Parsed parse(RawBlock block, String datePattern) {
    TransactionBlock.Builder rows = TransactionBlock.builder();
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    new TransactionParser(datePattern).parse(block, rows, rejected);
    return new Parsed(rows.build(), rejected.build());
  }

  /** Parsed rows of a block that must parse completely (fails the test otherwise). */
  public static TransactionBlock rows(RawBlock block) {
    Parsed p = parse(block);
    if (!p.rejected().isEmpty()) {
      throw new AssertionError("fixture rows did not parse: " + p.rejected().records());
    }
    return p.rows();
  }

  public static TransactionBlock rows(String file, String... records) {
    return rows(raw(file, records));
  }

  /**
   * The rows of the shipped sample of Online Retail (run-configs/sample), as if read from {@code
   * file}, in blocks of {@code blockSize} consecutive lines as the reader cuts them.
   */
  public static List<TransactionBlock> sampleBlocks(String file, int blockSize) throws IOException {
    List<String> lines;
    try (BufferedReader r =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(
                    new FileInputStream("../run-configs/sample/online_retail_sample.csv.gz")),
                StandardCharsets.UTF_8))) {
      lines = r.lines().skip(1).toList();
    }
    List<TransactionBlock> blocks = new ArrayList<>();
    for (int from = 0; from < lines.size(); from += blockSize) {
      List<String> part = lines.subList(from, Math.min(lines.size(), from + blockSize));
      blocks.add(rows(raw(file, HEADER, from + 2, part.toArray(new String[0]))));
    }
    return blocks;
  }

  /** The blocks merged into one block grouped by customer. */
  public static TransactionBlock grouped(TransactionBlock... blocks) {
    return GroupRowsByCustomer.mergeSorted(Arrays.asList(blocks));
  }

  /** Seconds since 1970-01-01T00:00 of an ISO local date-time such as 2010-12-01T08:26. */
  public static long seconds(String isoLocalDateTime) {
    return LocalDateTime.parse(isoLocalDateTime).toEpochSecond(ZoneOffset.UTC);
  }

  /** "customer|file|line" of every row, in block order then row order. */
  public static List<String> keys(Iterable<TransactionBlock> blocks) {
    List<String> out = new ArrayList<>();
    for (TransactionBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        out.add(key(b, i));
      }
    }
    return out;
  }

  public static String key(TransactionBlock b, int i) {
    return b.customerId(i) + "|" + b.file(i) + "|" + b.line(i);
  }

  public static int rowCount(Iterable<TransactionBlock> blocks) {
    int n = 0;
    for (TransactionBlock b : blocks) {
      n += b.size();
    }
    return n;
  }

  public static List<RejectedRecord> records(Iterable<RejectedBlock> blocks) {
    List<RejectedRecord> out = new ArrayList<>();
    for (RejectedBlock b : blocks) {
      out.addAll(b.records());
    }
    return out;
  }

  /** "file|line|reason" of every rejected row. */
  public static List<String> rejectedKeys(Iterable<RejectedBlock> blocks) {
    List<String> out = new ArrayList<>();
    for (RejectedRecord r : records(blocks)) {
      out.add(r.getSourceFile() + "|" + r.getLineNumber() + "|" + r.getReason());
    }
    return out;
  }

  /** The first throwable of {@code type} in the cause chain of {@code t}, or null. */
  public static <T extends Throwable> T causeOfType(Throwable t, Class<T> type) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (type.isInstance(c)) {
        return type.cast(c);
      }
      if (c.getCause() == c) {
        break;
      }
    }
    return null;
  }
}
