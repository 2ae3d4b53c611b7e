// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import io.segflow.transforms.parse.Column;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.MissingColumnException;
import io.segflow.transforms.rows.RawBlock;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.runners.TransformHierarchy;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class ReadTransactionFilesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final String HEADER = Fixtures.HEADER;
  private static final String SAMPLE = "online_retail_sample.csv";

  /** The sample's data lines (its line 1 is the header). */
  private static List<String> sampleRows() throws IOException {
    try (InputStream in = ReadTransactionFilesTest.class.getResourceAsStream(SAMPLE)) {
      List<String> lines =
          new ArrayList<>(
              List.of(new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")));
      assertThat(lines.remove(0), is(HEADER));
      return lines;
    }
  }

  private File write(String name, String text) throws IOException {
    return write(name, text.getBytes(StandardCharsets.UTF_8));
  }

  private File write(String name, byte[] bytes) throws IOException {
    File f = new File(tmp.getRoot(), name);
    f.getParentFile().mkdirs();
    if (name.endsWith(".gz")) {
      try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(f.toPath()))) {
        out.write(bytes);
      }
    } else {
      Files.write(f.toPath(), bytes);
    }
    return f;
  }

  /** "file-name|line|text" of every record read. */
  private static List<String> records(Iterable<RawBlock> blocks) {
    List<String> out = new ArrayList<>();
    for (RawBlock b : blocks) {
      String name = new File(b.file()).getName();
      for (int i = 0; i < b.size(); i++) {
        out.add(name + "|" + b.line(i) + "|" + b.text(i));
      }
    }
    return out;
  }

  @Test
  public void readsPlainAndGzippedFilesWhoseColumnsComeInDifferentOrders() throws IOException {
    List<String> rows = sampleRows();
    write("2010.csv", HEADER + "\n" + String.join("\n", rows.subList(0, 3)) + "\n");
    // The same kind of rows, Online Retail II spelling, other column order, CRLF, gzipped.
    String otherHeader =
        "Customer ID,Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Country";
    String other1 =
        "12347,537626,85116,BLACK CANDELABRA T-LIGHT HOLDER,12,2010-12-07 14:57:00,2.1,Iceland";
    String other2 =
        "12347,537626,22375,AIRLINE BAG VINTAGE JET SET BROWN,4,2010-12-07 14:57:00,4.25,Iceland";
    write("2011.csv.gz", otherHeader + "\r\n" + other1 + "\r\n" + other2 + "\r\n");
    String dir = tmp.getRoot().getPath();
    PCollection<RawBlock> blocks =
        p.apply(
            ReadTransactionFiles.create().from(List.of(dir + "/2010.csv", dir + "/2011.csv.gz")));
    List<String> expected =
        List.of(
            "2010.csv|2|" + rows.get(0),
            "2010.csv|3|" + rows.get(1),
            "2010.csv|4|" + rows.get(2),
            "2011.csv.gz|2|" + other1,
            "2011.csv.gz|3|" + other2);
    PAssert.that(blocks)
        .satisfies(
            bs -> {
              assertThat(records(bs), containsInAnyOrder(expected.toArray()));
              for (RawBlock b : bs) {
                assertThat(b.fieldCount(), is(8));
                if (b.file().endsWith(".gz")) {
                  assertThat(b.header(), is(otherHeader));
                  assertThat(b.columnIndex(Column.CUSTOMER_ID.ordinal()), is(0));
                  assertThat(b.columnIndex(Column.INVOICE.ordinal()), is(1));
                  assertThat(b.columnIndex(Column.UNIT_PRICE.ordinal()), is(6));
                } else {
                  assertThat(b.header(), is(HEADER));
                  assertThat(b.columnIndex(Column.CUSTOMER_ID.ordinal()), is(6));
                  assertThat(b.columnIndex(Column.INVOICE.ordinal()), is(0));
                  assertThat(b.columnIndex(Column.UNIT_PRICE.ordinal()), is(5));
                }
                for (int i = 0; i < b.size(); i++) {
                  assertThat(b.flag(i), is(RawBlock.OK));
                }
              }
              return null;
            });
    p.run();
  }

  @Test
  public void aGlobReadsEveryMatchingFile() throws IOException {
    List<String> rows = sampleRows();
    write("in/a.csv", HEADER + "\n" + rows.get(0) + "\n");
    write("in/b.csv", HEADER + "\n" + rows.get(1) + "\n" + rows.get(2) + "\n");
    write("in/notes.txt", "not a csv\n");
    PCollection<RawBlock> blocks =
        p.apply(
            ReadTransactionFiles.create().from(new File(tmp.getRoot(), "in").getPath() + "/*.csv"));
    List<String> expected =
        List.of("a.csv|2|" + rows.get(0), "b.csv|2|" + rows.get(1), "b.csv|3|" + rows.get(2));
    PAssert.that(blocks)
        .satisfies(
            bs -> {
              assertThat(records(bs), containsInAnyOrder(expected.toArray()));
              return null;
            });
    p.run();
  }

  @Test
  public void withBlockSizeCutsAFileIntoBlocksOfThatManyRecords() throws IOException {
    List<String> rows = sampleRows();
    File f = write("sample.csv", HEADER + "\n" + String.join("\n", rows.subList(0, 5)) + "\n");
    PCollection<RawBlock> blocks =
        p.apply(ReadTransactionFiles.create().from(f.getPath()).withBlockSize(2));
    PAssert.that(blocks)
        .satisfies(
            bs -> {
              List<String> lines = new ArrayList<>();
              for (RawBlock b : bs) {
                StringBuilder sb = new StringBuilder();
                for (int i = 0; i < b.size(); i++) {
                  sb.append(i == 0 ? "" : ",").append(b.line(i));
                }
                lines.add(sb.toString());
              }
              assertThat(lines, containsInAnyOrder("2,3", "4,5", "6"));
              return null;
            });
    p.run();
  }

  @Test
  public void theDefaultBlockHoldsAWholeSmallFile() throws IOException {
    List<String> rows = sampleRows();
    File f = write("sample.csv", HEADER + "\n" + String.join("\n", rows) + "\n");
    int n = rows.size();
    PAssert.that(p.apply(ReadTransactionFiles.create().from(f.getPath()).withRedistribution(false)))
        .satisfies(
            bs -> {
              int blocks = 0;
              for (RawBlock b : bs) {
                blocks++;
                assertThat(b.size(), is(n));
              }
              assertThat(blocks, is(1));
              return null;
            });
    p.run();
  }

  @Test
  public void aHeaderOnlyFileAndAnEmptyFileGiveNoBlocks() throws IOException {
    File headerOnly = write("header-only.csv", HEADER + "\r\n");
    File empty = write("empty.csv", "");
    PAssert.that(
            p.apply(
                ReadTransactionFiles.create().from(List.of(headerOnly.getPath(), empty.getPath()))))
        .empty();
    p.run();
  }

  @Test
  public void aMissingRequiredColumnFailsThePipelineNamingTheColumn() throws IOException {
    File f =
        write(
            "no-customer.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Client,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,"
                + "United Kingdom\n");
    p.apply(ReadTransactionFiles.create().from(f.getPath()));
    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run());
    MissingColumnException cause = Fixtures.causeOfType(e, MissingColumnException.class);
    assertThat(cause, is(notNullValue()));
    assertThat(cause.getMessage(), containsString("CustomerID"));
    assertThat(cause.getMessage(), containsString("no-customer.csv"));
  }

  @Test
  public void withColumnsMapsAHeaderTheDefaultsDoNotKnow() throws IOException {
    File f =
        write(
            "client.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Client,Country\n"
                + "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,"
                + "United Kingdom\n");
    PCollection<RawBlock> blocks =
        p.apply(
            ReadTransactionFiles.create()
                .from(f.getPath())
                .withColumns(ColumnMapping.withOverrides(Map.of("customer_id", "Client"))));
    PAssert.that(blocks)
        .satisfies(
            bs -> {
              int n = 0;
              for (RawBlock b : bs) {
                n += b.size();
                assertThat(b.columnIndex(Column.CUSTOMER_ID.ordinal()), is(6));
              }
              assertThat(n, is(1));
              return null;
            });
    p.run();
  }

  @Test
  public void aPatternMatchingNothingFailsThePipeline() {
    String pattern = new File(tmp.getRoot(), "nothing-here-*.csv").getPath();
    p.apply(ReadTransactionFiles.create().from(pattern));
    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run());
    boolean named = false;
    for (Throwable t = e; t != null; t = t.getCause()) {
      named |= t.getMessage() != null && t.getMessage().contains("nothing-here-");
    }
    assertThat("the failure names the pattern", named, is(true));
  }

  private static final String LATIN1_ROW =
      "536365,85123A,CAFÉ CRÈME BOWL,6,2010-12-01 08:26:00,2.55,17850,Curaçao";

  @Test
  public void withCharsetDecodesIso88591() throws IOException {
    File f =
        write(
            "latin1.csv",
            (HEADER + "\n" + LATIN1_ROW + "\n").getBytes(StandardCharsets.ISO_8859_1));
    PAssert.that(p.apply(ReadTransactionFiles.create().from(f.getPath()).withCharset("ISO-8859-1")))
        .satisfies(
            bs -> {
              assertThat(records(bs), containsInAnyOrder("latin1.csv|2|" + LATIN1_ROW));
              for (RawBlock b : bs) {
                assertThat(b.flag(0), is(RawBlock.OK));
              }
              return null;
            });
    p.run();
  }

  @Test
  public void theDefaultUtf8FlagsIso88591BytesAsBadEncoding() throws IOException {
    File f =
        write(
            "latin1.csv",
            (HEADER + "\n" + LATIN1_ROW + "\n").getBytes(StandardCharsets.ISO_8859_1));
    PAssert.that(p.apply(ReadTransactionFiles.create().from(f.getPath())))
        .satisfies(
            bs -> {
              int n = 0;
              for (RawBlock b : bs) {
                n += b.size();
                assertThat(b.flag(0), is(RawBlock.BAD_ENCODING));
              }
              assertThat(n, is(1));
              return null;
            });
    p.run();
  }

  /** Full names of the transforms a pipeline holds. */
  private static List<String> transformNames(Pipeline pipeline) {
    List<String> names = new ArrayList<>();
    pipeline.traverseTopologically(
        new Pipeline.PipelineVisitor.Defaults() {
          @Override
          public CompositeBehavior enterCompositeTransform(TransformHierarchy.Node node) {
            names.add(node.getFullName());
            return CompositeBehavior.ENTER_TRANSFORM;
          }
        });
    return names;
  }

  @Test
  public void withRedistributionDecidesWhetherBlocksAreReshuffled() {
    Pipeline spread = Pipeline.create();
    spread.apply("Read", ReadTransactionFiles.create().from("/data/*.csv"));
    Pipeline kept = Pipeline.create();
    kept.apply("Read", ReadTransactionFiles.create().from("/data/*.csv").withRedistribution(false));
    assertThat(transformNames(spread).contains("Read/SpreadBlocks"), is(true));
    assertThat(transformNames(kept).stream().anyMatch(n -> n.startsWith("Read/Spread")), is(false));
  }

  @Test
  public void invalidArgumentsAreRejected() {
    ReadTransactionFiles r = ReadTransactionFiles.create();
    assertThrows(IllegalArgumentException.class, () -> r.from(List.of()));
    assertThrows(IllegalArgumentException.class, () -> r.withBlockSize(0));
    assertThrows(IllegalArgumentException.class, () -> r.withBlockSize(-5));
    assertThrows(IllegalArgumentException.class, () -> r.withCharset("no-such-charset"));
    assertThrows(IllegalArgumentException.class, () -> r.withCharset(null));
    assertThrows(IllegalArgumentException.class, () -> r.withColumns(null));
    assertThrows(IllegalStateException.class, () -> Pipeline.create().apply(r));
  }

  @Test
  public void withCharsetRejectsEncodingsThatAreNotAsciiCompatible() {
    // The splitter finds quotes, commas and line breaks as single bytes: UTF-16 would be garbled.
    for (String name : new String[] {"UTF-16", "UTF-16LE", "UTF-32"}) {
      assertThat(Charset.forName(name).newEncoder().canEncode('a'), is(true));
      assertThrows(
          name,
          IllegalArgumentException.class,
          () -> ReadTransactionFiles.create().withCharset(name));
    }
  }
}
