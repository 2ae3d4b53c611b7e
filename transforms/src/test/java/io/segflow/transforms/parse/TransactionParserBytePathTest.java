// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.read.CsvLine;
import io.segflow.transforms.read.CsvRecordSplitter;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.Test;

/**
 * The parser types most records straight from their bytes and leaves the rest to its String rules;
 * both must give the same rows, fingerprints and rejections. Each test parses the same block with
 * the byte path on and off and compares everything.
 */
public class TransactionParserBytePathTest {
  private static final String FILE = "/data/online_retail.csv";
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  /** Another layout: columns reordered, no Description and no Country. */
  private static final String SHORT_HEADER =
      "CustomerID,InvoiceDate,Quantity,StockCode,UnitPrice,InvoiceNo";

  private static final String[] INVOICES = {"536365", "C536379", "", " ", " 536366 ", "A563185"};
  private static final String[] STOCK_CODES = {"85123A", "POST", " 22139 ", "", "DCGS0069"};
  private static final String[] DESCRIPTIONS = {
    "WHITE HANGING HEART T-LIGHT HOLDER",
    "AIRLINE LOUNGE,METAL SIGN",
    "RECORD FRAME 7\" SINGLE SIZE ",
    "CHARLIE+LOLA\"EXTREMELY BUSY\"",
    "",
    " padded ",
    "CAFÉ CRÈME",
    "Ελληνικά",
    "emoji 😀 ok",
    "two\nlines",
    "crlf\r\ninside"
  };
  private static final String[] QUANTITIES = {
    "6",
    "-6",
    "+6",
    "0",
    "-0",
    "6.0",
    "1e3",
    "",
    " 12 ",
    "-",
    "+",
    "1000000000",
    "1000000001",
    "-1000000000",
    "999999999999999999",
    "9999999999999999999",
    "12a",
    "١٢",
    "0012"
  };
  private static final String[] PRICES = {
    "2.55",
    "-2.55",
    "+2.55",
    ".5",
    "5.",
    ".",
    "0",
    "-0",
    "-0.0",
    "0.000",
    "1e-3",
    "1E5",
    "3.390",
    " 3.39 ",
    "0.1234567890123456",
    "123456789012345",
    "1000000000",
    "1000000000.0000001",
    "NaN",
    "Infinity",
    "0x10",
    "2.5.5",
    "",
    "12345.678901234",
    "0.1",
    "0.3",
    "4.95",
    "165.00"
  };
  private static final String[] DATES = {
    "2010-12-01 08:26:00",
    "2010-12-01 08:26",
    "12/1/2010 8:26",
    "2010-12-01T08:26:00",
    "2011-02-30 10:00",
    "1969-12-31 23:59",
    "",
    " 2010-12-01 08:26:00 ",
    "x",
    "2011-12-09",
    "12/31/2011 23:59:59"
  };
  private static final String[] CUSTOMERS = {
    "17850",
    "17850.0",
    " 17850.00 ",
    "17850.",
    "17850.5",
    ".0",
    "A17850.0",
    "",
    "  ",
    "١٧٨٥٠.0",
    "12680",
    "1.0.0",
    "17850.0x"
  };
  private static final String[] COUNTRIES = {
    "United Kingdom", "", " EIRE ", "Curaçao", "Ελλάδα", "RSA", "  "
  };

  private record Parsed(TransactionBlock rows, List<RejectedRecord> rejected, long fromBytes) {}

  private static Parsed parse(RawBlock block, boolean bytePath, String datePattern) {
    TransactionParser parser = new TransactionParser(datePattern, bytePath);
    TransactionBlock.Builder rows = TransactionBlock.builder();
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    parser.parse(block, rows, rejected);
    return new Parsed(rows.build(), rejected.build().records(), parser.rowsTypedFromBytes());
  }

  /** Parses both ways, checks they agree, and returns the byte path's result. */
  private static Parsed parseBothWays(RawBlock block, String datePattern) {
    Parsed bytes = parse(block, true, datePattern);
    Parsed text = parse(block, false, datePattern);
    assertThat(text.fromBytes(), is(0L));
    assertThat(bytes.rejected(), is(text.rejected()));
    assertThat(bytes.rows().size(), is(text.rows().size()));
    for (int i = 0; i < text.rows().size(); i++) {
      assertThat(
          "row " + i + ": " + text.rows().raw(i),
          describe(bytes.rows(), i),
          is(describe(text.rows(), i)));
    }
    assertThat(bytes.rows(), is(text.rows()));
    return bytes;
  }

  private static String describe(TransactionBlock b, int i) {
    return String.join(
        "|",
        b.file(i),
        String.valueOf(b.line(i)),
        b.raw(i),
        b.invoice(i),
        b.stockCode(i),
        String.valueOf(b.quantity(i)),
        String.valueOf(b.time(i)),
        Double.toString(b.unitPrice(i)),
        String.valueOf(b.customerId(i)),
        String.valueOf(b.country(i)),
        b.fingerprintHi(i) + "/" + b.fingerprintLo(i));
  }

  /** Splits a whole file as the reader does and makes one block of its records. */
  private static RawBlock read(byte[] file, Charset charset) throws IOException {
    List<String> header = new ArrayList<>();
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    List<Integer> offsets = new ArrayList<>(List.of(0));
    List<Long> lines = new ArrayList<>();
    ByteArrayOutputStream flags = new ByteArrayOutputStream();
    CsvRecordSplitter.create(charset)
        .split(
            new ByteArrayInputStream(file),
            (line, b, from, to, flag) -> {
              if (header.isEmpty()) {
                header.add(new String(b, from, to - from, charset));
                return;
              }
              bytes.write(b, from, to - from);
              offsets.add(bytes.size());
              lines.add(line);
              flags.write(flag);
            });
    List<String> names = CsvFields.split(header.get(0));
    return new RawBlock(
        FILE,
        header.get(0),
        names.size(),
        ColumnMapping.defaults().resolve(FILE, names),
        charset,
        bytes.toByteArray(),
        offsets.stream().mapToInt(Integer::intValue).toArray(),
        lines.stream().mapToLong(Long::longValue).toArray(),
        flags.toByteArray());
  }

  private static RawBlock read(String file, Charset charset) throws IOException {
    return read(file.getBytes(charset), charset);
  }

  private static String pick(Random random, String[] values) {
    return values[random.nextInt(values.length)];
  }

  /** Records made of every kind of field value above, most of them good. */
  private static String randomRows(long seed, int count, boolean shortLayout) {
    Random random = new Random(seed);
    StringBuilder sb = new StringBuilder(shortLayout ? SHORT_HEADER : HEADER).append("\r\n");
    for (int i = 0; i < count; i++) {
      boolean usual = random.nextInt(3) > 0; // a good row: the first value of most fields
      String invoice = usual ? INVOICES[random.nextInt(2)] : pick(random, INVOICES);
      String stock = usual ? STOCK_CODES[0] : pick(random, STOCK_CODES);
      String description = pick(random, DESCRIPTIONS);
      String quantity = usual ? QUANTITIES[random.nextInt(3)] : pick(random, QUANTITIES);
      String price = usual ? PRICES[random.nextInt(3)] : pick(random, PRICES);
      String date = usual ? DATES[random.nextInt(3)] : pick(random, DATES);
      String customer = usual ? CUSTOMERS[random.nextInt(3)] : pick(random, CUSTOMERS);
      String country = pick(random, COUNTRIES);
      String[] fields =
          shortLayout
              ? new String[] {customer, date, quantity, stock, price, invoice}
              : new String[] {
                invoice, stock, description, quantity, date, price, customer, country
              };
      sb.append(CsvLine.join(fields)).append(random.nextBoolean() ? "\n" : "\r\n");
    }
    return sb.toString();
  }

  @Test
  public void bytePathAndStringRulesAgreeOnEveryKindOfField() throws IOException {
    Parsed p = parseBothWays(read(randomRows(1, 4000, false), StandardCharsets.UTF_8), "auto");
    assertThat(p.rows().size(), greaterThan(1000));
    assertThat(p.rejected().size(), greaterThan(500));
    assertThat(p.fromBytes(), greaterThan(1000L));
    assertThat(p.fromBytes(), lessThan((long) p.rows().size())); // some rows need the String rules
  }

  @Test
  public void bytePathAndStringRulesAgreeOnAnotherLayoutAndAnExplicitDatePattern()
      throws IOException {
    Parsed p = parseBothWays(read(randomRows(2, 3000, true), StandardCharsets.UTF_8), "auto");
    assertThat(p.fromBytes(), greaterThan(500L));
    Parsed explicit =
        parseBothWays(
            read(randomRows(3, 2000, false), StandardCharsets.UTF_8), "yyyy-MM-dd HH:mm:ss");
    assertThat(explicit.fromBytes(), greaterThan(300L));
  }

  @Test
  public void iso88591RecordsGiveTheSameRowsAsTheirUtf8Spelling() throws IOException {
    // Only the text that Latin-1 can spell (É, è, ç stay).
    String file = randomRows(4, 2000, false).replaceAll("[^\\u0000-\\u00FF]", "e");
    Parsed latin1 =
        parseBothWays(
            read(file.getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1), "auto");
    Parsed utf8 = parseBothWays(read(file, StandardCharsets.UTF_8), "auto");
    for (int i = 0; i < utf8.rows().size(); i++) {
      assertThat(describe(latin1.rows(), i), is(describe(utf8.rows(), i)));
    }
    assertThat(latin1.rows(), is(utf8.rows())); // non-ASCII Latin-1 text stored as UTF-8
    assertThat(latin1.rejected(), is(utf8.rejected()));
    assertThat(latin1.fromBytes(), lessThan(utf8.fromBytes())); // Latin-1 non-ASCII: String rules
    assertThat(latin1.fromBytes(), greaterThan(300L));
  }

  @Test
  public void quotedFieldsCrlfAndNonAsciiAreTypedFromBytes() throws IOException {
    String rows =
        HEADER
            + "\r\n"
            + "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,15311.0,"
            + "United Kingdom\r\n"
            + "536477,22041,\"RECORD FRAME 7\"\" SINGLE\nSIZE \",48,2010-12-01 12:27:00,2.1,16210,"
            + "\"Curaçao\"\r\n"
            + " 536540 ,\"85071C\",\"CHARLIE+LOLA\"\"EXTREMELY BUSY\"\" SIGN\"x,-6,12/1/2010 14:05,"
            + "+2.55, 14911 ,Ελλάδα\n";
    Parsed p = parseBothWays(read(rows, StandardCharsets.UTF_8), "auto");
    assertThat(p.fromBytes(), is(3L));
    TransactionBlock b = p.rows();
    assertThat(b.customerId(0), is("15311"));
    assertThat(
        b.raw(1),
        is(
            "536477,22041,\"RECORD FRAME 7\"\" SINGLE\nSIZE \",48,"
                + "2010-12-01 12:27:00,2.1,16210,\"Curaçao\""));
    assertThat(b.line(2), is(5L));
    assertThat(b.country(1), is("Curaçao"));
    assertThat(b.invoice(2), is("536540"));
    assertThat(b.stockCode(2), is("85071C"));
    assertThat(b.quantity(2), is(-6L));
    assertThat(b.unitPrice(2), is(2.55));
    assertThat(b.customerId(2), is("14911"));
    assertThat(b.country(2), is("Ελλάδα"));
  }

  @Test
  public void blankMalformedAndFlaggedRecordsAreRejectedAsByTheStringRules() throws IOException {
    byte[] file =
        (HEADER
                + "\n\n   \n"
                + HEADER
                + "\n1,2,3\n536365,85123A,x,6,2010-12-01 08:26:00,"
                + "2.55,17850,United Kingdom,extra\n536365,85123A,\"open,6,2010-12-01 08:26:00,2.55,17850,"
                + "United Kingdom\n536365,85123A,CAF\u00c9,6,2010-12-01 08:26:00,2.55,17850,France\n")
            .getBytes(StandardCharsets.ISO_8859_1); // the É is one byte: invalid UTF-8
    Parsed p = parseBothWays(read(file, StandardCharsets.UTF_8), "auto");
    assertThat(p.rows().size(), is(0));
    assertThat(p.fromBytes(), is(0L));
    List<String> reasons = new ArrayList<>();
    for (RejectedRecord r : p.rejected()) {
      reasons.add(r.getLineNumber() + ":" + r.getReason());
    }
    assertThat(
        reasons,
        is(
            List.of(
                "2:blank_line",
                "3:blank_line",
                "4:repeated_header",
                "5:malformed_row",
                "6:malformed_row",
                "7:malformed_row",
                "8:encoding_error")));
  }

  @Test
  public void simpleNumbersReadAsTheJavaParsersReadThem() {
    byte[] b =
        "0.1 0.3 4.95 -0 -0.0 +2.55 .5 5. 123456789012345 0.00000000000001 17 -17 +17"
            .getBytes(StandardCharsets.US_ASCII);
    int from = 0;
    for (String s : new String(b, StandardCharsets.US_ASCII).split(" ", -1)) {
      int to = from + s.length();
      assertThat(
          s,
          Double.doubleToLongBits(AsciiNumbers.decimal(b, from, to)),
          is(Double.doubleToLongBits(Double.parseDouble(s))));
      from = to + 1;
    }
    byte[] w = "17-17+17".getBytes(StandardCharsets.US_ASCII);
    assertThat(AsciiNumbers.wholeNumber(w, 0, 2), is(17L));
    assertThat(AsciiNumbers.wholeNumber(w, 2, 5), is(-17L));
    assertThat(AsciiNumbers.wholeNumber(w, 5, 8), is(17L));
    assertThat(AsciiNumbers.wholeNumber(w, 2, 3), is(AsciiNumbers.NOT_SIMPLE));
    assertThat(
        Double.isNaN(AsciiNumbers.decimal("1e3".getBytes(StandardCharsets.US_ASCII), 0, 3)),
        is(true));
  }
}
