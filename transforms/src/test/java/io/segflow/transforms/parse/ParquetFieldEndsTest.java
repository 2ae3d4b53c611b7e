// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.read.FileSplit;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A flat Parquet file is read column by column into blocks that say where each record's fields end,
 * and the parser takes the fields from there instead of looking for the commas. On files DuckDB
 * writes (nulls, a decimal stored as bytes, timestamps with a zone, dates out of range, quoted
 * text), the rows, fingerprints and rejections, with the rejected rows' text, must be those of the
 * same records parsed as CSV text, and the values DuckDB's own.
 */
public class ParquetFieldEndsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /**
   * The Online Retail columns (so the default mapping and the byte path apply) over 6,000 rows: row
   * groups of 2,048, so that blocks span row groups and hold more records than the builder's first
   * arrays. UnitPrice is a DECIMAL(20,3) (stored as bytes), InvoiceDate a TIMESTAMPTZ.
   */
  private static final String ROWS =
      "SELECT CASE WHEN i % 97 = 0 THEN NULL"
          + "   WHEN i % 41 = 0 THEN 'C' || (500000 + i // 4) ELSE (500000 + i // 4)::VARCHAR END"
          + " AS InvoiceNo,"
          + " 'S' || (i % 7) AS StockCode,"
          + " CASE WHEN i % 5 = 0 THEN NULL WHEN i % 13 = 0 THEN 'CUP, \"BIG\"'"
          + "   ELSE 'item ' || (i % 40) END AS Description,"
          + " CASE WHEN i % 89 = 0 THEN NULL ELSE (i % 11) - 1 END::BIGINT AS Quantity,"
          + " CASE WHEN i % 83 = 0 THEN NULL"
          + "   WHEN i % 79 = 0 THEN TIMESTAMPTZ '1969-12-31 23:00:00+00'"
          + "   WHEN i % 73 = 0 THEN TIMESTAMPTZ '2200-01-01 00:00:00+00'"
          + "   ELSE TIMESTAMPTZ '2010-12-01 08:00:00+00' + INTERVAL (i // 10) MINUTE END"
          + " AS InvoiceDate,"
          + " CASE WHEN i % 71 = 0 THEN NULL ELSE ((i % 13) * 0.125)::DECIMAL(20,3) END"
          + " AS UnitPrice,"
          + " CASE WHEN i % 9 = 0 THEN NULL ELSE 12000 + i % 50 END::BIGINT AS CustomerID,"
          + " CASE WHEN i < 3000 THEN 'United Kingdom' ELSE 'Côte d''Ivoire' END AS Country"
          + " FROM range(6000) r(i)";

  private Path duckParquet(String select) throws SQLException {
    Path file = tmp.getRoot().toPath().resolve("rows.parquet");
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet, ROW_GROUP_SIZE 2048)");
    }
    return file;
  }

  private static List<RawBlock> blocks(Path file) throws IOException {
    List<RawBlock> blocks = new ArrayList<>();
    ReadTransactionFiles.create()
        .from(file.toString())
        .withBlockSize(5000)
        .readFile(FileSplit.whole(file.toString()), blocks::add);
    return blocks;
  }

  /** The same records as CSV text: the block without its field ends. */
  private static RawBlock asText(RawBlock b) {
    int[] offsets = new int[b.size() + 1];
    for (int i = 0; i < b.size(); i++) {
      offsets[i] = b.start(i);
      offsets[i + 1] = b.end(i);
    }
    long[] lines = new long[b.size()];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = b.line(i);
    }
    int[] columnIndex = new int[Column.values().length];
    for (int c = 0; c < columnIndex.length; c++) {
      columnIndex[c] = b.columnIndex(c);
    }
    return new RawBlock(
        b.file(),
        b.header(),
        b.fieldCount(),
        columnIndex,
        StandardCharsets.UTF_8,
        b.bytes(),
        offsets,
        lines,
        new byte[b.size()]);
  }

  private record Parsed(List<TransactionBlock> rows, List<RejectedRecord> rejected) {}

  private static Parsed parse(TransactionParser parser, List<RawBlock> blocks) {
    List<TransactionBlock> rows = new ArrayList<>();
    List<RejectedRecord> rejected = new ArrayList<>();
    for (RawBlock b : blocks) {
      TransactionBlock.Builder out = TransactionBlock.builder();
      RejectedBlock.Builder rejects = new RejectedBlock.Builder();
      parser.parse(b, out, rejects);
      rows.add(out.build());
      rejected.addAll(rejects.build().records());
    }
    return new Parsed(rows, rejected);
  }

  @Test
  public void fieldsWhereTheReaderEndedThemGiveTheRowsOfTheSameRecordsAsText() throws Exception {
    Path file = duckParquet(ROWS);
    List<RawBlock> blocks = blocks(file);
    List<RawBlock> texts = new ArrayList<>();
    int withEnds = 0;
    int quoted = 0;
    for (RawBlock b : blocks) {
      texts.add(asText(b));
      for (int i = 0; i < b.size(); i++) {
        boolean hasQuote = b.text(i).indexOf('"') >= 0;
        assertThat("record " + b.line(i), b.hasFieldEnds(i), equalTo(!hasQuote));
        withEnds += b.hasFieldEnds(i) ? 1 : 0;
        quoted += hasQuote ? 1 : 0;
      }
    }
    assertThat(blocks.size(), equalTo(2));
    assertThat(withEnds + quoted, equalTo(6000));
    assertThat(quoted, greaterThan(300));

    TransactionParser typed = new TransactionParser("auto");
    Parsed fromEnds = parse(typed, blocks);
    Parsed fromText = parse(new TransactionParser("auto"), texts);
    Parsed stringRules = parse(new TransactionParser("auto", false), texts);
    assertThat(fromEnds, equalTo(fromText));
    assertThat(fromEnds, equalTo(stringRules));
    assertThat(typed.rowsTypedFromBytes(), greaterThan(4000L));

    // the rejected rows, with their text, as DuckDB's values say they must be
    Map<Long, String> reasons = new TreeMap<>();
    fromEnds.rejected().forEach(r -> reasons.put(r.getLineNumber(), r.getReason().toString()));
    Map<Long, String> expected = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT file_row_number + 1, InvoiceNo IS NULL, Quantity IS NULL,"
                    + " UnitPrice IS NULL,"
                    + " InvoiceDate IS NULL OR year(InvoiceDate) NOT BETWEEN 1970 AND 2199"
                    + " FROM read_parquet('"
                    + file
                    + "', file_row_number = true)")) {
      while (rs.next()) {
        String reason =
            rs.getBoolean(2)
                ? "missing_invoice"
                : rs.getBoolean(3)
                    ? "bad_quantity"
                    : rs.getBoolean(4) ? "bad_unit_price" : rs.getBoolean(5) ? "bad_date" : null;
        if (reason != null) {
          expected.put(rs.getLong(1), reason);
        }
      }
    }
    assertThat(reasons, equalTo(expected));
    RejectedRecord before1970 =
        fromEnds.rejected().stream().filter(r -> r.getLineNumber() == 80).findFirst().orElseThrow();
    assertThat(
        before1970.getRawLine().toString(),
        equalTo("500019,S2,item 39,1,1969-12-31 23:00:00Z,0.125,12029,United Kingdom"));
  }

  @Test
  public void usedRowsHoldDuckDbsValues() throws Exception {
    Path file = duckParquet(ROWS);
    Parsed parsed = parse(new TransactionParser("auto"), blocks(file));
    Map<Long, String> got = new TreeMap<>();
    for (TransactionBlock b : parsed.rows()) {
      for (int i = 0; i < b.size(); i++) {
        got.put(
            b.line(i),
            String.join(
                "|",
                b.invoice(i),
                b.stockCode(i),
                String.valueOf(b.quantity(i)),
                String.valueOf(b.time(i)),
                String.valueOf(b.unitPrice(i)),
                String.valueOf(b.customerId(i)),
                b.country(i)));
      }
    }
    Map<Long, String> expected = new TreeMap<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT file_row_number + 1, InvoiceNo, StockCode, Quantity,"
                    + " epoch(InvoiceDate)::BIGINT, UnitPrice::DOUBLE, CustomerID::VARCHAR,"
                    + " Country FROM read_parquet('"
                    + file
                    + "', file_row_number = true) WHERE InvoiceNo IS NOT NULL AND Quantity IS NOT NULL"
                    + " AND UnitPrice IS NOT NULL AND InvoiceDate IS NOT NULL"
                    + " AND year(InvoiceDate) BETWEEN 1970 AND 2199")) {
      while (rs.next()) {
        expected.put(
            rs.getLong(1),
            String.join(
                "|",
                rs.getString(2),
                rs.getString(3),
                String.valueOf(rs.getLong(4)),
                String.valueOf(rs.getLong(5)),
                String.valueOf(rs.getDouble(6)),
                String.valueOf(rs.getString(7)),
                rs.getString(8)));
      }
    }
    assertThat(expected.size(), greaterThan(5000));
    assertThat(got, equalTo(expected));
  }
}
