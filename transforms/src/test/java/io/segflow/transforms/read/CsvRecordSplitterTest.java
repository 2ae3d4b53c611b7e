// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static io.segflow.transforms.rows.RawBlock.BAD_ENCODING;
import static io.segflow.transforms.rows.RawBlock.OK;
import static io.segflow.transforms.rows.RawBlock.UNTERMINATED_QUOTE;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CsvRecordSplitterTest {
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
  private static final String ROW_2 =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";
  private static final String ROW_3 =
      "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,United Kingdom";

  /** One record as the sink received it. */
  record Rec(long line, String text, byte flag) {}

  private static Rec ok(long line, String text) {
    return new Rec(line, text, OK);
  }

  private static List<Rec> split(byte[] bytes, Charset charset, CsvRecordSplitter splitter)
      throws IOException {
    List<Rec> out = new ArrayList<>();
    splitter.split(
        new ByteArrayInputStream(bytes),
        (line, text, from, to, flag) ->
            out.add(new Rec(line, new String(text, from, to - from, charset), flag)));
    return out;
  }

  private static List<Rec> split(byte[] bytes, Charset charset) throws IOException {
    return split(bytes, charset, CsvRecordSplitter.create(charset));
  }

  private static List<Rec> split(String text) throws IOException {
    return split(text.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
  }

  private static byte[] concat(byte[]... parts) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    for (byte[] p : parts) {
      out.writeBytes(p);
    }
    return out.toByteArray();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }

  @Test
  public void splitsLfLinesAndNumbersThemFromOne() throws IOException {
    assertThat(
        split(HEADER + "\n" + ROW_2 + "\n" + ROW_3 + "\n"),
        contains(ok(1, HEADER), ok(2, ROW_2), ok(3, ROW_3)));
  }

  @Test
  public void dropsTheCarriageReturnOfCrlfLines() throws IOException {
    assertThat(
        split(HEADER + "\r\n" + ROW_2 + "\r\n" + ROW_3 + "\r\n"),
        contains(ok(1, HEADER), ok(2, ROW_2), ok(3, ROW_3)));
  }

  @Test
  public void dropsAUtf8ByteOrderMark() throws IOException {
    byte[] bom = {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF};
    assertThat(
        split(concat(bom, utf8(HEADER + "\n" + ROW_2 + "\n")), StandardCharsets.UTF_8),
        contains(ok(1, HEADER), ok(2, ROW_2)));
  }

  @Test
  public void emptyInputAndAByteOrderMarkAloneGiveNoRecords() throws IOException {
    assertThat(split(""), is(empty()));
    assertThat(
        split(new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF}, StandardCharsets.UTF_8),
        is(empty()));
  }

  @Test
  public void keepsQuotedCommasAndEscapedQuotesInOneRecord() throws IOException {
    String commas =
        "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311,"
            + "United Kingdom";
    String quotes =
        "536477,22041,\"RECORD FRAME 7\"\" SINGLE SIZE \",48,2010-12-01 12:27:00,2.1,"
            + "16210,United Kingdom";
    String both =
        "536540,85071C,\"CHARLIE+LOLA\"\"EXTREMELY BUSY\"\" SIGN\",6,2010-12-01 14:05:00,"
            + "2.55,14911,EIRE";
    assertThat(
        split(HEADER + "\n" + commas + "\n" + quotes + "\n" + both + "\n"),
        contains(ok(1, HEADER), ok(2, commas), ok(3, quotes), ok(4, both)));
  }

  @Test
  public void aQuotedLineBreakBelongsToTheFieldAndLaterLinesKeepTheirNumbers() throws IOException {
    String twoLines =
        "536365,85123A,\"WHITE HANGING\nHEART, T-LIGHT HOLDER\",6,2010-12-01 08:26:00,"
            + "2.55,17850,United Kingdom";
    String threeLines =
        "536365,71053,\"WHITE\r\nMETAL\r\nLANTERN\",6,2010-12-01 08:26:00,3.39,17850,"
            + "United Kingdom";
    assertThat(
        split(HEADER + "\n" + twoLines + "\n" + threeLines + "\r\n" + ROW_2 + "\n"),
        contains(ok(1, HEADER), ok(2, twoLines), ok(4, threeLines), ok(7, ROW_2)));
  }

  @Test
  public void blankLinesAreRecordsOfTheirOwn() throws IOException {
    assertThat(
        split(HEADER + "\n\n" + ROW_2 + "\n\r\n   \n" + ROW_3 + "\n"),
        contains(ok(1, HEADER), ok(2, ""), ok(3, ROW_2), ok(4, ""), ok(5, "   "), ok(6, ROW_3)));
  }

  @Test
  public void readsALastLineWithoutLineBreak() throws IOException {
    assertThat(split(HEADER + "\n" + ROW_2), contains(ok(1, HEADER), ok(2, ROW_2)));
    String quotedLast = "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\"";
    assertThat(split(HEADER + "\r\n" + quotedLast), contains(ok(1, HEADER), ok(2, quotedLast)));
  }

  @Test
  public void anUnterminatedQuoteCostsOnlyItsFirstLine() throws IOException {
    String broken =
        "536365,85123A,\"WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,"
            + "17850,United Kingdom";
    assertThat(
        split(HEADER + "\n" + broken + "\n" + ROW_2 + "\n" + ROW_3 + "\n"),
        contains(
            ok(1, HEADER), new Rec(2, broken, UNTERMINATED_QUOTE), ok(3, ROW_2), ok(4, ROW_3)));
    assertThat(
        split(HEADER + "\r\n" + ROW_2 + "\r\n" + broken + "\r\n" + ROW_3),
        contains(
            ok(1, HEADER), ok(2, ROW_2), new Rec(3, broken, UNTERMINATED_QUOTE), ok(4, ROW_3)));
  }

  @Test
  public void anUnterminatedQuoteOnTheLastLineIsFlagged() throws IOException {
    assertThat(
        split(HEADER + "\n" + ROW_2 + "\n1,\"open"),
        contains(ok(1, HEADER), ok(2, ROW_2), new Rec(3, "1,\"open", UNTERMINATED_QUOTE)));
  }

  @Test
  public void aQuotedFieldLongerThanMaxRecordLinesIsCutAndSplittingResumes() throws IOException {
    CsvRecordSplitter splitter = new CsvRecordSplitter(StandardCharsets.UTF_8, 3, 1 << 20);
    String input = HEADER + "\n1,\"open\nx\ny\nz\nw\n2,\"a\nb\",c\n";
    assertThat(
        split(utf8(input), StandardCharsets.UTF_8, splitter),
        contains(
            ok(1, HEADER),
            new Rec(2, "1,\"open", UNTERMINATED_QUOTE),
            ok(3, "x"),
            ok(4, "y"),
            ok(5, "z"),
            ok(6, "w"),
            ok(7, "2,\"a\nb\",c")));
  }

  @Test
  public void aQuotedFieldLongerThanMaxRecordBytesAcrossLinesIsCutAndSplittingResumes()
      throws IOException {
    CsvRecordSplitter splitter = new CsvRecordSplitter(StandardCharsets.UTF_8, 200, 100);
    String input = HEADER + "\n1,\"open\n" + "x".repeat(150) + "\n" + ROW_2 + "\n";
    assertThat(
        split(utf8(input), StandardCharsets.UTF_8, splitter),
        contains(
            ok(1, HEADER),
            new Rec(2, "1,\"open", UNTERMINATED_QUOTE),
            ok(3, "x".repeat(150)),
            ok(4, ROW_2)));
  }

  @Test
  public void aSingleLineQuotedFieldLongerThanMaxRecordBytesCostsOnlyThatLine() throws IOException {
    CsvRecordSplitter splitter = new CsvRecordSplitter(StandardCharsets.UTF_8, 200, 100);
    String longLine = "1,\"" + "a".repeat(300);
    List<Rec> records =
        split(
            utf8(HEADER + "\n" + longLine + "\n" + ROW_2 + "\n"), StandardCharsets.UTF_8, splitter);
    assertThat(records.toString(), records, hasSize(3));
    assertThat(records.get(0), is(ok(1, HEADER)));
    assertThat(records.get(1).line(), is(2L));
    assertThat(records.get(1).flag(), is(UNTERMINATED_QUOTE));
    assertThat(records.get(1).text(), startsWith("1,\"aaa"));
    assertThat(records.get(2), is(ok(3, ROW_2)));
  }

  @Test
  public void aOneMegabyteQuotedFieldIsOneRecord() throws IOException {
    String description = "LARGE, \"\"QUOTED\"\" TEXT ".repeat(22_000); // 2 x 528 KB, many commas
    String big =
        "536365,85123A,\""
            + description
            + "\n"
            + description
            + "\",6,2010-12-01 08:26:00,"
            + "2.55,17850,United Kingdom";
    List<Rec> records = split(HEADER + "\n" + big + "\n" + ROW_3 + "\n");
    assertThat(records, contains(ok(1, HEADER), ok(2, big), ok(4, ROW_3)));
  }

  @Test
  public void multiByteCharactersAcrossReadBufferBoundariesDecode() throws IOException {
    // 64 KiB is the splitter's read size: put two-byte characters across every boundary.
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    List<Rec> expected = new ArrayList<>(List.of(ok(1, HEADER)));
    for (int line = 2; line <= 3000; line++) {
      String r =
          "536365,85123A,CAFÉ CRÈME "
              + "é".repeat(line % 61)
              + ",6,2010-12-01 08:26:00,"
              + "2.55,17850,Curaçao";
      sb.append(r).append('\n');
      expected.add(ok(line, r));
    }
    assertThat(split(sb.toString()), is(expected));
  }

  @Test
  public void invalidUtf8BytesFlagOnlyTheirRecord() throws IOException {
    byte[] input =
        concat(
            utf8(HEADER + "\n536365,85123A,CAF"),
            new byte[] {(byte) 0xC3, 0x28},
            utf8(
                ",6,2010-12-01 08:26:00,2.55,17850,France\n536365,85123A,CAFÉ,6,2010-12-01 08:26:00,"
                    + "2.55,17850,Curaçao\n"));
    List<Rec> records = split(input, StandardCharsets.UTF_8);
    assertThat(records, hasSize(3));
    assertThat(records.get(1).line(), is(2L));
    assertThat(records.get(1).flag(), is(BAD_ENCODING));
    assertThat(
        records.get(1).text(),
        is("536365,85123A,CAF\uFFFD(,6,2010-12-01 08:26:00,2.55,17850,France"));
    assertThat(
        records.get(2), is(ok(3, "536365,85123A,CAFÉ,6,2010-12-01 08:26:00,2.55,17850,Curaçao")));
  }

  @Test
  public void decodesIso88591Text() throws IOException {
    String text = HEADER + "\n536365,85123A,CAFÉ CRÈME,6,2010-12-01 08:26:00,2.55,17850,Curaçao\n";
    byte[] latin1 = text.getBytes(StandardCharsets.ISO_8859_1);
    assertThat(
        split(latin1, StandardCharsets.ISO_8859_1),
        contains(
            ok(1, HEADER),
            ok(2, "536365,85123A,CAFÉ CRÈME,6,2010-12-01 08:26:00,2.55,17850,Curaçao")));
    // The same bytes are not valid UTF-8.
    assertThat(split(latin1, StandardCharsets.UTF_8).get(1).flag(), is(BAD_ENCODING));
  }

  @Test
  public void aQuoteInsideAnUnquotedFieldIsLiteralAndQuotedRecordsCrossReadBuffers()
      throws IOException {
    // The quote-free scan hands records with a quote to the state machine mid-record; 64 KiB
    // reads cut records of every kind somewhere.
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    List<Rec> expected = new ArrayList<>(List.of(ok(1, HEADER)));
    long line = 2;
    for (int i = 0; i < 3000; i++) {
      String r =
          switch (i % 4) {
            case 0 ->
                "536365,85123A,7\" FRAME " + "x".repeat(i % 37) + ",6,2010-12-01 08:26:00,2.55";
            case 1 ->
                "536365,85123A,\"A,\"\"B\"\"\n" + "y".repeat(i % 53) + "\",6,2010-12-01 08:26:00";
            case 2 -> "536365,\"" + "z".repeat(i % 29) + "\",,6,\"\"";
            default -> ROW_3;
          };
      sb.append(r).append(i % 3 == 0 ? "\r\n" : "\n");
      expected.add(ok(line, r));
      line += r.chars().filter(c -> c == '\n').count() + 1;
    }
    assertThat(split(sb.toString()), is(expected));
  }
}
