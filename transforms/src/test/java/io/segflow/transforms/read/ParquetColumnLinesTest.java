// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.rows.RawBlock;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeSet;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.hadoop.metadata.ColumnChunkMetaData;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The column-by-column Parquet reader against two references, on files DuckDB writes:
 * parquet-avro's records rendered by {@link RecordText} (the text must be the same, byte for byte,
 * for every type and for nulls), and DuckDB's own text of each value where DuckDB writes it as a
 * CSV export would.
 */
public class ParquetColumnLinesTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final ColumnMapping COLUMNS = ColumnMapping.defaults();

  /**
   * Every type the column reader takes, nulls in every column, text that needs quoting, non-ASCII
   * text; the Online Retail column names so that the default mapping finds them.
   */
  private static final String EVERY_TYPE =
      "SELECT * FROM (VALUES"
          + " ('536365', '85123A', 'WHITE HANGING HEART, T-LIGHT', 6::INTEGER,"
          + "  TIMESTAMP '2010-12-01 08:26:00', 2.55::DOUBLE, 17850::BIGINT, 'United Kingdom',"
          + "  TIMESTAMPTZ '2010-12-01 08:26:00+00', TIMESTAMP_MS '2010-12-01 08:26:00.123',"
          + "  DATE '2010-12-01', 2.55::REAL, true, 7::SMALLINT, 123456.789::DECIMAL(30,3)),"
          + " ('C536379', 'D', 'say \"hi\"\nthere', -1, TIMESTAMP '1969-12-31 23:59:59.5',"
          + "  -0.0::DOUBLE, NULL, 'Côte d''Ivoire', NULL, NULL, DATE '2200-01-01',"
          + "  1.0e-7::REAL, false, -7::SMALLINT, -0.001::DECIMAL(30,3)),"
          + " (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL,"
          + "  NULL, NULL),"
          + " ('', '', '', 0, TIMESTAMP '2011-12-09 12:50:00', 1.0e20::DOUBLE, 0, '',"
          + "  TIMESTAMPTZ '2011-12-09 12:50:00+00', TIMESTAMP_MS '2011-12-09 12:50:00',"
          + "  DATE '1970-01-01', 3.4e38::REAL, NULL, 0::SMALLINT, 0::DECIMAL(30,3)))"
          + " AS t(InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice,"
          + " CustomerID, Country, Instant, Millis, Day, Ratio, Flag, Small, Exact)";

  private Path duckParquet(String name, String select, String options) throws SQLException {
    Path file = tmp.getRoot().toPath().resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute("SET TimeZone = 'UTC'");
      st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + options + ")");
    }
    return file;
  }

  /** Each record of {@code split} as "number: text", read by {@code lines}. */
  private static List<String> lines(RecordLines lines, long first) throws IOException {
    List<String> out = new ArrayList<>();
    LineBlockBuilder line = new LineBlockBuilder("f", "", 0, new int[0], 1);
    for (long record = first; lines.next(line); record++) {
      line.endRecord(record);
      out.add(record + ": " + line.lastText());
      line.dropLast();
    }
    return out;
  }

  private static List<String> columnar(Path file) throws IOException {
    try (RecordLines in =
        ParquetColumnLines.openIfFlat(FileSplit.whole(file.toString()), COLUMNS)) {
      assertThat("read column by column", in, notNullValue());
      return lines(in, 1);
    }
  }

  private static List<String> throughAvro(Path file) throws IOException {
    try (RecordLines in =
        RecordLines.rendered(FileSplit.whole(file.toString()), RecordFormat.PARQUET, COLUMNS)) {
      return lines(in, 1);
    }
  }

  @Test
  public void everyTypeAndNullIsWrittenAsParquetAvrosRecordRendersIt() throws Exception {
    Path file = duckParquet("types.parquet", EVERY_TYPE, "");
    List<String> got = columnar(file);
    assertThat(got.size(), equalTo(4));
    assertThat(got, equalTo(throughAvro(file)));
    assertThat(
        got.get(0),
        equalTo(
            // parquet-avro reads DuckDB's TIMESTAMP (micros or millis) as an instant in UTC
            "1: 536365,85123A,\"WHITE HANGING HEART, T-LIGHT\",6,2010-12-01 08:26:00Z,2.55,17850,"
                + "United Kingdom,2010-12-01 08:26:00Z,2010-12-01 08:26:00Z,2010-12-01,2.55,true,7,"
                + "123456.789"));
    assertThat(got.get(2), equalTo("3: ,,,,,,,,,,,,,,"));
  }

  /**
   * DuckDB's own text of the columns a CSV export writes the same way (a TIMESTAMP, which
   * parquet-avro reads as an instant, with a Z for UTC).
   */
  @Test
  public void textIntegersDatesTimestampsAndDecimalsAreDuckDbsOwnText() throws Exception {
    Path file = duckParquet("types.parquet", EVERY_TYPE, "");
    List<String> expected = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT InvoiceNo, Quantity, strftime(InvoiceDate, '%Y-%m-%d %H:%M:%SZ'),"
                    + " CustomerID, Day, Small, Exact FROM read_parquet('"
                    + file
                    + "') WHERE Flag IS NOT NULL")) {
      while (rs.next()) {
        List<String> row = new ArrayList<>();
        for (int k = 1; k <= 7; k++) {
          row.add(rs.getString(k) == null ? "" : rs.getString(k));
        }
        expected.add(String.join(",", row));
      }
    }
    List<String> got = new ArrayList<>();
    for (String line : columnar(file)) {
      List<String> fields = io.segflow.transforms.parse.CsvFields.split(line.split(": ", 2)[1]);
      if (!fields.get(12).isEmpty()) { // Flag IS NOT NULL
        got.add(
            String.join(
                ",",
                fields.get(0),
                fields.get(3),
                fields.get(4),
                fields.get(6),
                fields.get(10),
                fields.get(13),
                fields.get(14)));
      }
    }
    assertThat(expected.size(), equalTo(2));
    assertThat(got, equalTo(expected));
  }

  @Test
  public void splitsOfRowGroupsNumberEveryRecordAsTheWholeFileDoes() throws Exception {
    Path file =
        duckParquet(
            "groups.parquet",
            "SELECT 'I' || (i // 3) AS InvoiceNo, 'S' || (i % 7) AS StockCode,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE 'item, ' || i END AS Description,"
                + " (i % 11)::INTEGER AS Quantity,"
                + " TIMESTAMP '2010-12-01 08:00:00' + INTERVAL (i // 10) MINUTE AS InvoiceDate,"
                + " (i % 13) / 4.0 AS UnitPrice,"
                + " CASE WHEN i % 9 = 0 THEN NULL ELSE 10000 + i % 50 END AS CustomerID,"
                + " 'United Kingdom' AS Country FROM range(10000) r(i)",
            ", ROW_GROUP_SIZE 2048");
    String path = file.toString();
    List<FileSplit> splits = RecordFiles.splits(path, RecordFormat.PARQUET, 3000);
    assertThat(splits.size(), greaterThan(1));
    List<String> whole = columnar(file);
    assertThat(whole.size(), equalTo(10_000));
    assertThat(whole, equalTo(throughAvro(file)));
    List<String> fromSplits = new ArrayList<>();
    for (FileSplit s : splits) {
      RecordFiles.read(s, RecordFormat.PARQUET, COLUMNS, 1000, b -> addLines(b, fromSplits));
    }
    assertThat(fromSplits, equalTo(whole));
    // records read again by number, some of them in row groups after skipped ones
    TreeSet<Long> wanted = new TreeSet<>(List.of(1L, 2047L, 2048L, 2049L, 7000L, 10_000L, 10_001L));
    SortedMap<Long, String> texts = RecordFiles.texts(path, RecordFormat.PARQUET, COLUMNS, wanted);
    assertThat(
        texts.keySet(), equalTo(new TreeSet<>(List.of(1L, 2047L, 2048L, 2049L, 7000L, 10_000L))));
    texts.forEach(
        (record, text) -> assertThat(record + ": " + text, equalTo(whole.get((int) (record - 1)))));
  }

  /**
   * DuckDB writes a column chunk with a dictionary when its values repeat, and plain when they are
   * unique: the text kept per dictionary entry and the text of plain values are the same as
   * parquet-avro's, with nulls in both kinds of chunk and entries first met in later row groups.
   */
  @Test
  public void dictionaryAndPlainChunksGiveParquetAvrosText() throws Exception {
    Path file =
        duckParquet(
            "encodings.parquet",
            "SELECT CASE WHEN i % 17 = 0 THEN NULL ELSE 'I' || i END AS InvoiceNo,"
                + " 'S' || (i % 7) AS StockCode,"
                + " CASE WHEN i % 5 = 0 THEN NULL ELSE 'item, \"' || (i % 40) || '\"' END"
                + " AS Description, (i % 11)::INTEGER AS Quantity,"
                + " TIMESTAMP '2010-12-01 08:00:00' + INTERVAL (i // 10) MINUTE AS InvoiceDate,"
                + " CASE WHEN i % 3 = 0 THEN NULL ELSE (i % 13) / 4.0 END AS UnitPrice,"
                + " (i * 7919 % 100003)::BIGINT AS CustomerID,"
                + " CASE WHEN i < 3000 THEN 'United Kingdom' ELSE 'Côte d''Ivoire' END AS Country"
                + " FROM range(6000) r(i)",
            ", ROW_GROUP_SIZE 2048");
    boolean dictionary = false;
    boolean plain = false;
    try (ParquetFileReader footer = ParquetFileReader.open(new BeamInputFile(file.toString()))) {
      for (BlockMetaData group : footer.getFooter().getBlocks()) {
        for (ColumnChunkMetaData chunk : group.getColumns()) {
          dictionary |= chunk.getEncodingStats().hasDictionaryEncodedPages();
          plain |= chunk.getEncodingStats().hasNonDictionaryEncodedPages();
        }
      }
    }
    assertThat("the file has dictionary-encoded chunks", dictionary, equalTo(true));
    assertThat("the file has plain chunks", plain, equalTo(true));
    List<String> got = columnar(file);
    assertThat(got.size(), equalTo(6000));
    assertThat(got, equalTo(throughAvro(file)));
    assertThat(
        got.get(1),
        equalTo("2: I1,S1,\"item, \"\"1\"\"\",1,2010-12-01 08:00:00Z,0.25,7919,United Kingdom"));
    assertThat(got.get(5100), equalTo("5101: ,S4,,7,2010-12-01 16:30:00Z,,85691,Côte d'Ivoire"));
  }

  /**
   * The text of a formatted value (timestamp, date, double, float) is kept by its bits across row
   * groups: values met again in later row groups, and more distinct values than are kept, so that
   * the kept texts are dropped and made again part-way, all give parquet-avro's text. Every value
   * repeats within its row group and DuckDB is told to keep large dictionaries, so that each chunk
   * is dictionary-encoded.
   */
  @Test
  public void formattedValuesKeptAcrossRowGroupsGiveParquetAvrosText() throws Exception {
    int distinct = ParquetColumnLines.MAX_KEPT + 5000;
    Path file =
        duckParquet(
            "kept.parquet",
            "SELECT 'I' || (i % 100) AS InvoiceNo, 'S' AS StockCode, 'd' AS Description,"
                + " 1 AS Quantity,"
                + " TIMESTAMP '2010-12-01 08:00:00' + INTERVAL (i // 4 % "
                + distinct
                + ") SECOND AS InvoiceDate,"
                + " CASE WHEN i % 4 = 0 THEN 0.0 WHEN i % 4 = 1 THEN -(i // 4 % 300) / 8.0"
                + "   ELSE (i // 4 % 300) / 8.0 END::DOUBLE AS UnitPrice,"
                + " 17850::BIGINT AS CustomerID, 'UK' AS Country,"
                + " DATE '2010-12-01' + (i // 4 % 50)::INTEGER AS Day,"
                + " ((i // 4 % 70) / 4.0)::REAL AS Ratio"
                + " FROM range("
                + (4 * distinct + 40000)
                + ") r(i)",
            ", ROW_GROUP_SIZE 40000, DICTIONARY_SIZE_LIMIT 100000");
    TreeSet<String> plain = new TreeSet<>();
    int groups = 0;
    try (ParquetFileReader footer = ParquetFileReader.open(new BeamInputFile(file.toString()))) {
      for (BlockMetaData group : footer.getFooter().getBlocks()) {
        groups++;
        for (ColumnChunkMetaData chunk : group.getColumns()) {
          if (chunk.getEncodingStats().hasNonDictionaryEncodedPages()) {
            plain.add(chunk.getPath().toDotString());
          }
        }
      }
    }
    assertThat("columns with plain pages", plain, equalTo(new TreeSet<String>()));
    assertThat(groups, greaterThan(5));
    List<String> got = columnar(file);
    assertThat(got, equalTo(throughAvro(file)));
    assertThat(got.get(0), equalTo("1: I0,S,d,1,2010-12-01 08:00:00Z,0.0,17850,UK,2010-12-01,0.0"));
    assertThat(
        got.get(6), equalTo("7: I6,S,d,1,2010-12-01 08:00:01Z,0.125,17850,UK,2010-12-02,0.25"));
  }

  private static void addLines(RawBlock block, List<String> out) {
    for (int i = 0; i < block.size(); i++) {
      out.add(block.line(i) + ": " + block.text(i));
    }
  }

  @Test
  public void typesOnlyParquetAvroConvertsAreReadThroughIt() throws Exception {
    // a decimal stored as a 64-bit integer: parquet-avro's conversion decides its text
    Path file =
        duckParquet(
            "decimal.parquet",
            "SELECT 'A1' AS InvoiceNo, TIMESTAMP '2010-12-01 08:26:00' AS InvoiceDate,"
                + " 2.55::DECIMAL(10,2) AS UnitPrice, 1 AS Quantity, '17850' AS CustomerID,"
                + " 'S' AS StockCode",
            "");
    assertThat(
        ParquetColumnLines.openIfFlat(FileSplit.whole(file.toString()), COLUMNS), nullValue());
    try (RecordLines in =
        RecordLines.open(FileSplit.whole(file.toString()), RecordFormat.PARQUET, COLUMNS)) {
      assertThat(lines(in, 1), equalTo(throughAvro(file)));
    }
  }

  @Test
  public void aNestedColumnStopsTheReadNamingIt() throws Exception {
    Path file =
        duckParquet(
            "nested.parquet",
            "SELECT 'A1' AS InvoiceNo, TIMESTAMP '2010-12-01 08:26:00' AS InvoiceDate,"
                + " 2.5 AS UnitPrice, 1 AS Quantity, '17850' AS CustomerID, 'S' AS StockCode,"
                + " {'a': 1} AS extra",
            "");
    ColumnTypeException e =
        assertThrows(
            ColumnTypeException.class,
            () ->
                RecordLines.open(FileSplit.whole(file.toString()), RecordFormat.PARQUET, COLUMNS));
    assertThat(e.getMessage(), containsString("column 'extra' of " + file + " has type record"));
  }

  @Test
  public void aMappedColumnOfTheWrongTypeStopsTheReadNamingIt() throws Exception {
    Path file =
        duckParquet(
            "wrong.parquet",
            "SELECT 'A1' AS InvoiceNo, TIMESTAMP '2010-12-01 08:26:00' AS InvoiceDate,"
                + " 2.5 AS UnitPrice, 1 AS Quantity, 17850.5::DOUBLE AS CustomerID, 'S' AS StockCode",
            "");
    ColumnTypeException e =
        assertThrows(
            ColumnTypeException.class,
            () ->
                RecordLines.open(
                    FileSplit.whole(file.toString()),
                    RecordFormat.PARQUET,
                    ColumnMapping.withOverrides(Map.of())));
    assertThat(e.getMessage(), containsString("column 'CustomerID'"));
    assertThat(e.getMessage(), containsString("(mapped as customer_id)"));
  }
}
