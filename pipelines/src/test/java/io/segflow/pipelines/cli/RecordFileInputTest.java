// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.read.FileSplit;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.RawBlock;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The shipped sample as Parquet (written by DuckDB) and as Avro (written by Avro's own writer, with
 * a decimal price and a timestamp-millis date) gives the same customers and the same rejections as
 * the CSV file it came from; nested and wrongly typed columns stop the run naming the column.
 */
public class RecordFileInputTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static SegflowOutput csv;

  @BeforeClass
  public static void runCsv() {
    Path out = TMP.getRoot().toPath().resolve("csv");
    CliRun run = run(SAMPLE, out);
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    csv = SegflowOutput.read(out);
  }

  private static CliRun run(Path input, Path output, String... extra) {
    String[] args = new String[4 + extra.length];
    args[0] = "run";
    args[1] = "--input=" + input;
    args[2] = "--output=" + output;
    args[3] = "--as-of=2011-12-10";
    System.arraycopy(extra, 0, args, 4, extra.length);
    return CliRun.of(args);
  }

  /** Runs DuckDB's {@code COPY (select) TO file (FORMAT parquet)} on the sample. */
  private static Path duckParquet(String name, String select) throws SQLException {
    return duckParquet(name, select, "");
  }

  /** As above, with more COPY options after {@code FORMAT parquet} (e.g. a row group size). */
  private static Path duckParquet(String name, String select, String options) throws SQLException {
    Path file = TMP.getRoot().toPath().resolve(name);
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement()) {
      st.execute(
          "CREATE VIEW sample AS SELECT * FROM read_csv('"
              + SAMPLE.toAbsolutePath()
              + "', header = true)");
      st.execute("COPY (" + select + ") TO '" + file + "' (FORMAT parquet" + options + ")");
    }
    return file;
  }

  private static void assertSameAsCsv(SegflowOutput out) {
    assertThat(out.rowsRead(), equalTo(csv.rowsRead()));
    assertThat(out.rowsUsed(), equalTo(csv.rowsUsed()));
    assertThat(out.rejectedReasonCounts(), equalTo(csv.rejectedReasonCounts()));
    assertThat(out.customersById().size(), greaterThan(200));
    assertThat(out.customersById(), equalTo(csv.customersById()));
  }

  @Test
  public void parquetWrittenByDuckDbGivesTheCsvRunsCustomersAndRejections() throws Exception {
    Path parquet = duckParquet("sample.parquet", "SELECT * FROM sample");
    Path out = TMP.getRoot().toPath().resolve("parquet");
    CliRun run = run(parquet, out);
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    assertSameAsCsv(SegflowOutput.read(out));
  }

  @Test
  public void copiesInOtherBlocksOfAParquetFileAreRejectedWithTheRecordsOwnText() throws Exception {
    Path parquet = duckParquet("blocks.parquet", "SELECT * FROM sample");
    // One block: every copy is found within it, with the text the reader rendered.
    Path oneBlock = TMP.getRoot().toPath().resolve("one-block");
    CliRun whole = run(parquet, oneBlock);
    assertThat(whole.toString(), whole.exitCode(), equalTo(0));
    // Blocks of 50 records: copies sit in other blocks and their text is read again by number.
    Path manyBlocks = TMP.getRoot().toPath().resolve("many-blocks");
    CliRun split = run(parquet, manyBlocks, "--block-size=50");
    assertThat(split.toString(), split.exitCode(), equalTo(0));
    SegflowOutput blocks = SegflowOutput.read(manyBlocks);
    assertSameAsCsv(blocks);
    Map<Long, RejectedRecord> expected = SegflowOutput.read(oneBlock).rejectedByLine();
    Map<Long, RejectedRecord> got = blocks.rejectedByLine();
    long copies = got.values().stream().filter(r -> r.getReason().equals("duplicate_row")).count();
    assertThat(copies, greaterThan(0L));
    assertThat(got.keySet(), equalTo(expected.keySet()));
    got.forEach(
        (record, r) -> {
          assertThat(record + " text", r.getRawLine(), equalTo(expected.get(record).getRawLine()));
          assertThat(record + " reason", r.getReason(), equalTo(expected.get(record).getReason()));
        });
  }

  @Test
  public void aParquetFileSplitByRowGroupsReadsEveryRecordOnceWithItsNumberInTheFile()
      throws Exception {
    Path parquet = duckParquet("groups.parquet", "SELECT * FROM sample", ", ROW_GROUP_SIZE 2048");
    ReadTransactionFiles read =
        ReadTransactionFiles.create().from(parquet.toString()).withSplitRecords(4096);
    List<FileSplit> splits = read.split(parquet.toString());
    assertThat(splits.size(), greaterThan(1));
    List<String> whole = new ArrayList<>();
    read.readFile(FileSplit.whole(parquet.toString()), b -> addLines(b, whole));
    List<String> split = new ArrayList<>();
    long next = 1;
    for (FileSplit s : splits) {
      assertThat("splits follow one another", s.firstRecord(), equalTo(next));
      int before = split.size();
      read.readFile(s, b -> addLines(b, split));
      next += split.size() - before;
    }
    assertThat(whole.size(), greaterThan(4096));
    assertThat(split, equalTo(whole));
  }

  private static void addLines(RawBlock block, List<String> out) {
    for (int i = 0; i < block.size(); i++) {
      out.add(block.line(i) + ": " + block.text(i));
    }
  }

  @Test
  public void avroWithDecimalPricesAndTimestampsGivesTheCsvRunsCustomersAndRejections()
      throws Exception {
    Schema decimal = LogicalTypes.decimal(12, 3).addToSchema(Schema.create(Schema.Type.BYTES));
    Schema millis = LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
    Schema schema =
        SchemaBuilder.record("Line")
            .fields()
            .optionalString("InvoiceNo")
            .optionalString("StockCode")
            .optionalString("Description")
            .optionalLong("Quantity")
            .name("InvoiceDate")
            .type(millis)
            .noDefault()
            .name("UnitPrice")
            .type(decimal)
            .noDefault()
            .optionalLong("CustomerID")
            .optionalString("Country")
            .endRecord();
    Path avro = TMP.getRoot().toPath().resolve("sample.avro");
    Conversions.DecimalConversion dec = new Conversions.DecimalConversion();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT InvoiceNo::VARCHAR, StockCode::VARCHAR, Description, Quantity,"
                    + " InvoiceDate, UnitPrice::VARCHAR, CustomerID, Country FROM read_csv('"
                    + SAMPLE.toAbsolutePath()
                    + "', header = true, all_varchar = false)");
        DataFileWriter<GenericRecord> w =
            new DataFileWriter<GenericRecord>(new GenericDatumWriter<>(schema))
                .create(schema, avro.toFile())) {
      while (rs.next()) {
        GenericRecord r = new GenericData.Record(schema);
        r.put("InvoiceNo", rs.getString(1));
        r.put("StockCode", rs.getString(2));
        r.put("Description", rs.getString(3));
        r.put("Quantity", rs.getObject(4) == null ? null : rs.getLong(4));
        Timestamp t = rs.getTimestamp(5);
        r.put("InvoiceDate", t.toLocalDateTime().toInstant(ZoneOffset.UTC).toEpochMilli());
        BigDecimal price = new BigDecimal(rs.getString(6)).setScale(3, RoundingMode.UNNECESSARY);
        r.put("UnitPrice", dec.toBytes(price, null, decimal.getLogicalType()));
        r.put("CustomerID", rs.getObject(7) == null ? null : rs.getLong(7));
        r.put("Country", rs.getString(8));
        w.append(r);
      }
    }
    Path out = TMP.getRoot().toPath().resolve("avro");
    CliRun run = run(avro, out, "--input-format=avro");
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput result = SegflowOutput.read(out);
    assertSameAsCsv(result);
  }

  @Test
  public void inspectShowsTheFormatAndTheFirstRecordsAsParsed() throws Exception {
    Path parquet = duckParquet("inspect.parquet", "SELECT * FROM sample");
    CliRun run = CliRun.of("inspect", "--input=" + parquet);
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    assertThat(run.out(), containsString("format:       PARQUET, 1 file(s)"));
    // The sample's first data line: 536378,22386,...,10,2010-12-01 09:37:00,1.95,14688,...
    assertThat(
        run.out(), containsString("  1      14688                2010-12-01T09:37    536378"));
  }

  @Test
  public void aNestedColumnStopsTheRunNamingIt() throws SQLException {
    Path parquet =
        duckParquet("nested.parquet", "SELECT *, {'code': StockCode, 'n': 1} AS item FROM sample");
    CliRun run = run(parquet, TMP.getRoot().toPath().resolve("nested"));
    assertThat(run.toString(), run.exitCode(), equalTo(ExitCode.INPUT.code()));
    assertThat(run.segflowErrors(), containsString("column 'item'"));
    assertThat(run.segflowErrors(), containsString("nested"));
  }

  @Test
  public void aMappedColumnOfTheWrongTypeStopsTheRunNamingIt() throws SQLException {
    Path parquet =
        duckParquet(
            "wrong.parquet", "SELECT * EXCLUDE (Quantity), Quantity > 0 AS Quantity FROM sample");
    CliRun run = run(parquet, TMP.getRoot().toPath().resolve("wrong"));
    assertThat(run.toString(), run.exitCode(), equalTo(ExitCode.INPUT.code()));
    assertThat(run.segflowErrors(), containsString("column 'Quantity'"));
    assertThat(run.segflowErrors(), containsString("boolean"));
  }
}
