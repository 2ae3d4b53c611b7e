// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The whole CLI against a corpus of hostile inputs, generated here (the 1 MB field and the binary
 * bytes are made in code). Each case states the expected fate of every line: parsed (used),
 * rejected with a named reason at a named line, or fatal with a named exit code and message. Every
 * non-fatal run must also keep the books: rows read = used + rejected (per reason), and every
 * rejected row is in rejected/ with its file and line. Segmentation is off (a handful of customers
 * is too few).
 */
public class HostileInputCorpusTest {
  static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  // ---------------------------------------------------------------- helpers

  /** A well-formed row; the fields are exactly as written to the file. */
  static String row(
      String invoice,
      String stock,
      String description,
      String quantity,
      String date,
      String price,
      String customer,
      String country) {
    return String.join(",", invoice, stock, description, quantity, date, price, customer, country);
  }

  /** A good row of customer {@code customer} on invoice {@code invoice} (quantity 2 × 1.50). */
  static String good(String invoice, String customer) {
    return row(
        invoice,
        "85123A",
        "HEART " + invoice,
        "2",
        "2011-01-10 10:00:00",
        "1.50",
        customer,
        "United Kingdom");
  }

  private Path root() {
    return tmp.getRoot().toPath();
  }

  /** Lines joined with LF, with a final LF. */
  private Path csv(String name, String... lines) throws IOException {
    return bytes(name, (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  private Path bytes(String name, byte[] content) throws IOException {
    Path p = root().resolve(name);
    Files.write(p, content);
    return p;
  }

  private Path out() {
    return root().resolve("out");
  }

  private CliRun run(Path... inputs) {
    return runWith(List.of(), inputs);
  }

  private CliRun runWith(List<String> extra, Path... inputs) {
    List<String> args =
        new ArrayList<>(List.of("run", "--output", out().toString(), "--no-segmentation"));
    for (Path in : inputs) {
      args.add("--input");
      args.add(in.toString());
    }
    args.addAll(extra);
    return CliRun.of(args.toArray(String[]::new));
  }

  /** Exit 0, a complete and self-consistent output, every rejected row located. */
  private SegflowOutput succeeded(CliRun r) {
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    SegflowOutput o = SegflowOutput.read(out());
    OutputAssertions.assertCompleteAndConsistent(o);
    for (RejectedRecord rec : o.rejected) {
      assertThat("source_file of " + rec, rec.getSourceFile(), not(emptyOrNullString()));
      assertThat("line_number of " + rec, rec.getLineNumber(), greaterThan(1L));
      assertThat("message of " + rec, rec.getMessage(), not(emptyOrNullString()));
      assertThat("reason of " + rec, rec.getReason(), not(emptyOrNullString()));
    }
    return o;
  }

  /** The rejected rows of a single-file run, line → reason, must be exactly {@code expected}. */
  private static void assertRejectedLines(SegflowOutput o, Map<Long, String> expected) {
    Map<Long, String> actual = new TreeMap<>();
    o.rejectedByLine().forEach((line, rec) -> actual.put(line, rec.getReason()));
    assertThat("rejected lines and reasons", actual, equalTo(new TreeMap<>(expected)));
  }

  private static void assertCounts(
      SegflowOutput o, long read, long used, Map<String, Long> byReason) {
    assertThat("rows read", o.rowsRead(), equalTo(read));
    assertThat("rows used", o.rowsUsed(), equalTo(used));
    assertThat("rows rejected", o.rowsRejected(), equalTo(read - used));
    assertThat(
        "rejected_by_reason",
        OutputAssertions.nonZero(o.manifestRejectedByReason()),
        equalTo(new TreeMap<>(byReason)));
  }

  /** Line → reason map from alternating arguments: 3L, "malformed_row", 4L, "bad_date", … */
  private static Map<Long, String> lines(Object... lineAndReason) {
    Map<Long, String> m = new TreeMap<>();
    for (int i = 0; i < lineAndReason.length; i += 2) {
      m.put(((Number) lineAndReason[i]).longValue(), (String) lineAndReason[i + 1]);
    }
    return m;
  }

  private static Map<String, Long> reasons(Object... reasonAndCount) {
    Map<String, Long> m = new TreeMap<>();
    for (int i = 0; i < reasonAndCount.length; i += 2) {
      m.put((String) reasonAndCount[i], ((Number) reasonAndCount[i + 1]).longValue());
    }
    return m;
  }

  /** Exit code, a named problem on stderr, nothing published, no stack trace. */
  private void assertFatal(CliRun r, int exitCode, String... mentionsAll) {
    assertThat(r.toString(), r.exitCode(), equalTo(exitCode));
    assertThat("output folder after a failed run", Files.exists(out()), is(false));
    assertThat("staging left beside the output", SegflowOutput.leftoversBeside(out()), is(empty()));
    assertThat("no stack trace for a user error", r.err(), not(containsString("\tat ")));
    String msg = r.segflowErrors();
    assertThat("segflow names the problem on stderr", msg, not(emptyOrNullString()));
    for (String m : mentionsAll) {
      assertThat(msg, matchesPattern("(?is).*" + Pattern.quote(m) + ".*"));
    }
  }

  private static JsonNode inputFile(SegflowOutput o, String fileName) {
    for (JsonNode f : o.manifest.path("input_files")) {
      if (f.path("path").asText().endsWith(fileName)) {
        return f;
      }
    }
    throw new AssertionError(
        "manifest input_files has no " + fileName + ": " + o.manifest.path("input_files"));
  }

  // ---------------------------------------------------------------- field counts and quoting

  @Test
  public void tooFewAndTooManyFieldsAreMalformedRows() throws IOException {
    Path f =
        csv(
            "fields.csv",
            HEADER,
            good("536001", "12001"), // 2 used
            "536002,85123A,SHORT,2,2011-01-10 10:00:00,1.50,12001", // 3: 7 fields
            good("536003", "12001") + ",EXTRA", // 4: 9 fields
            "536004", // 5: 1 field
            "536005,85123A,\"QUOTED, WITH COMMA\",2,2011-01-10 10:00:00,1.50,12001,UK,,", // 6: 10
            // fields
            good("536006", "12001")); // 7 used
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(
        o, lines(3, "malformed_row", 4, "malformed_row", 5, "malformed_row", 6, "malformed_row"));
    assertCounts(o, 6, 2, reasons("malformed_row", 4));
    assertThat(o.rejectedByLine().get(3L).getMessage(), containsString("8"));
    assertThat(
        o.rejectedByLine().get(3L).getRawLine(),
        equalTo("536002,85123A,SHORT,2,2011-01-10 10:00:00,1.50,12001"));
  }

  @Test
  public void unterminatedQuoteRejectsOnlyItsOwnLine() throws IOException {
    Path f =
        csv(
            "quote.csv",
            HEADER,
            good("536001", "12001"), // 2
            "536002,85123A,\"NEVER CLOSED,2,2011-01-10 10:00:00,1.50,12001,United Kingdom", // 3
            good("536003", "12001"), // 4
            good("536004", "12002")); // 5
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(3, "malformed_row"));
    assertCounts(o, 4, 3, reasons("malformed_row", 1));
    assertThat(o.rejectedByLine().get(3L).getMessage(), containsString("quote"));
    assertThat(
        o.rejectedByLine().get(3L).getRawLine(),
        equalTo("536002,85123A,\"NEVER CLOSED,2,2011-01-10 10:00:00,1.50,12001,United Kingdom"));
    assertThat(o.customersById().get("12001").getRowsUsed(), equalTo(2L));
    assertThat(o.customersById().get("12002").getRowsUsed(), equalTo(1L));
  }

  @Test
  public void unterminatedQuoteOnTheLastLineAndWithoutFinalNewline() throws IOException {
    String text =
        HEADER
            + "\n"
            + good("536001", "12001")
            + "\n"
            + "536002,85123A,\"OPEN AT EOF,2,2011-01-10 10:00:00,1.50,12001,United Kingdom";
    Path f = bytes("eof.csv", text.getBytes(StandardCharsets.UTF_8));
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(3, "malformed_row"));
    assertCounts(o, 2, 1, reasons("malformed_row", 1));
  }

  @Test
  public void unterminatedQuoteFollowedByManyLinesDoesNotSwallowThem() throws IOException {
    List<String> content = new ArrayList<>();
    content.add(HEADER);
    content.add("536000,85123A,\"RUNAWAY,2,2011-01-10 10:00:00,1.50,12001,United Kingdom"); // 2
    for (int i = 0; i < 300; i++) { // lines 3..302
      content.add(good(String.valueOf(537000 + i), String.valueOf(12000 + i % 7)));
    }
    Path f = csv("runaway.csv", content.toArray(String[]::new));
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(2, "malformed_row"));
    assertCounts(o, 301, 300, reasons("malformed_row", 1));
    assertThat(o.customers.size(), equalTo(7));
  }

  @Test
  public void quotedFieldsWithEmbeddedNewlinesAndEscapedQuotes() throws IOException {
    Path f =
        csv(
            "multiline.csv",
            HEADER,
            // lines 2-3: one record; "" inside a quoted field is a quote
            "536001,85123A,\"WHITE \"\"HEART\"\"\nHOLDER, LARGE\",3,2011-01-10 10:00:00,2.00,12001,United Kingdom",
            // lines 4-6: one record over three lines, rejected for its quantity
            "536002,22000,\"LINE ONE\nLINE TWO\nLINE \"\"THREE\"\"\",x,2011-01-10 10:00:00,2.00,12001,United Kingdom",
            // line 7: too few fields: its line number must count the breaks above
            "536003,22001,SHORT,1,2011-01-10 10:00:00,2.00,12001",
            // line 8: a quoted field that is only an escaped quote, a quoted empty customer-free
            // country
            "536004,22002,\"\"\"\",4,2011-01-11 10:00:00,0.50,12001,\"United Kingdom\"");
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(4, "bad_quantity", 7, "malformed_row"));
    assertCounts(o, 4, 2, reasons("bad_quantity", 1, "malformed_row", 1));
    assertThat(
        "the raw text of a multi-line record keeps its line breaks",
        o.rejectedByLine().get(4L).getRawLine(),
        equalTo(
            "536002,22000,\"LINE ONE\nLINE TWO\nLINE \"\"THREE\"\"\",x,2011-01-10 10:00:00,2.00,12001,United Kingdom"));
    CustomerRecord c = o.customersById().get("12001");
    assertThat(c.getRowsUsed(), equalTo(2L));
    assertThat(c.getMonetary(), closeTo(3 * 2.00 + 4 * 0.50, 1e-9));
    assertThat(c.getTotalQuantity(), equalTo(7L));
    assertThat(c.getCountry(), equalTo("United Kingdom"));
  }

  @Test
  public void crlfFileWithEmbeddedCrlfAndBomCountsLinesLikeLf() throws IOException {
    String text =
        "\uFEFF"
            + HEADER
            + "\r\n"
            + good("536001", "12001")
            + "\r\n" // 2
            + "536002,22000,\"TWO\r\nLINES\",1,2011-01-10 10:00:00,2.00,12001,United Kingdom\r\n" // 3-4
            + "\r\n" // 5: blank
            + "536003,22001,SHORT,1,2011-01-10 10:00:00,2.00,12001\r\n" // 6
            + HEADER
            + "\r\n"; // 7: repeated header
    Path f = bytes("crlf.csv", text.getBytes(StandardCharsets.UTF_8));
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(5, "blank_line", 6, "malformed_row", 7, "repeated_header"));
    assertCounts(o, 5, 2, reasons("blank_line", 1, "malformed_row", 1, "repeated_header", 1));
    assertThat(
        "no CR left in a raw line",
        o.rejectedByLine().get(6L).getRawLine(),
        equalTo("536003,22001,SHORT,1,2011-01-10 10:00:00,2.00,12001"));
  }

  // ---------------------------------------------------------------- numbers

  @Test
  public void badNumbersAreRejectedWithTheirField() throws IOException {
    String d = "2011-01-10 10:00:00";
    Path f =
        csv(
            "numbers.csv",
            HEADER,
            good("536001", "12001"), // 2 used
            row("536002", "A", "Q", "abc", d, "1.50", "12001", "UK"), // 3 bad_quantity
            row("536003", "A", "Q", "", d, "1.50", "12001", "UK"), // 4 bad_quantity (empty)
            row("536004", "A", "Q", "NaN", d, "1.50", "12001", "UK"), // 5
            row("536005", "A", "Q", "Infinity", d, "1.50", "12001", "UK"), // 6
            row("536006", "A", "Q", "9223372036854775808", d, "1.50", "12001", "UK"), // 7: 2^63
            row(
                "536007",
                "A",
                "Q",
                "123456789012345678901234567890",
                d,
                "1.50",
                "12001",
                "UK"), // 8
            row("536008", "A", "Q", "2.5", d, "1.50", "12001", "UK"), // 9: not whole
            row("536009", "A", "Q", "-3", d, "1.50", "12001", "UK"), // 10 non_positive_quantity
            row("536010", "A", "Q", "0", d, "1.50", "12001", "UK"), // 11 non_positive_quantity
            row("536011", "A", "P", "2", d, "abc", "12001", "UK"), // 12 bad_unit_price
            row("536012", "A", "P", "2", d, "", "12001", "UK"), // 13 bad_unit_price (empty)
            row("536013", "A", "P", "2", d, "NaN", "12001", "UK"), // 14
            row("536014", "A", "P", "2", d, "Infinity", "12001", "UK"), // 15
            row("536015", "A", "P", "2", d, "-Infinity", "12001", "UK"), // 16
            row("536016", "A", "P", "2", d, "1e400", "12001", "UK"), // 17: overflows a double
            row("536017", "A", "P", "2", d, "-1.50", "12001", "UK"), // 18 non_positive_price
            row("536018", "A", "P", "2", d, "0.00", "12001", "UK"), // 19 non_positive_price
            row(
                "536019", "A", "P", "2", d, "1.5d", "12001",
                "UK"), // 20: Java suffix, not a decimal
            row("536020", "A", "P", "0x10", d, "1.50", "12001", "UK"), // 21: hex
            row("536021", "A", "P", " 3 ", d, " 2.25 ", "12002", "UK")); // 22 used: spaces trimmed
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(
        o,
        lines(
            3,
            "bad_quantity",
            4,
            "bad_quantity",
            5,
            "bad_quantity",
            6,
            "bad_quantity",
            7,
            "bad_quantity",
            8,
            "bad_quantity",
            9,
            "bad_quantity",
            10,
            "non_positive_quantity",
            11,
            "non_positive_quantity",
            12,
            "bad_unit_price",
            13,
            "bad_unit_price",
            14,
            "bad_unit_price",
            15,
            "bad_unit_price",
            16,
            "bad_unit_price",
            17,
            "bad_unit_price",
            18,
            "non_positive_price",
            19,
            "non_positive_price",
            20,
            "bad_unit_price",
            21,
            "bad_quantity"));
    assertCounts(
        o,
        21,
        2,
        reasons(
            "bad_quantity",
            8,
            "non_positive_quantity",
            2,
            "bad_unit_price",
            7,
            "non_positive_price",
            2));
    assertThat(o.rejectedByLine().get(7L).getMessage(), containsString("9223372036854775808"));
    assertThat(o.customersById().get("12002").getMonetary(), closeTo(6.75, 1e-9));
  }

  @Test
  public void quantitiesAndPricesBeyondTenToTheNineAreRejected() throws IOException {
    // docs/outputs.md bounds both at ±10^9, which keeps every customer's sums finite and exact.
    Path f =
        csv(
            "huge.csv",
            HEADER,
            row(
                "536001",
                "A",
                "BIG",
                "3",
                "2011-01-10 10:00:00",
                "100000000000000000000",
                "12001",
                "UK"),
            row(
                "536002",
                "A",
                "MAX",
                "9223372036854775807",
                "2011-01-10 10:00:00",
                "1",
                "12002",
                "UK"),
            row(
                "536003",
                "A",
                "EDGE",
                "1000000000",
                "2011-01-10 10:00:00",
                "1000000000",
                "12003",
                "UK"));
    SegflowOutput o = succeeded(run(f));
    assertCounts(o, 3, 1, reasons("bad_unit_price", 1, "bad_quantity", 1));
    assertThat(o.rejectedByLine().get(2L).getReason(), equalTo("bad_unit_price"));
    assertThat(o.rejectedByLine().get(3L).getReason(), equalTo("bad_quantity"));
    assertThat(o.customersById().get("12003").getMonetary(), closeTo(1e18, 1e3));
  }

  @Test
  public void customerTotalQuantityNeverWraps() throws IOException {
    Path f =
        csv(
            "overflow.csv",
            HEADER,
            row(
                "536001",
                "A",
                "ONE",
                "6000000000000000000",
                "2011-01-10 10:00:00",
                "1",
                "12001",
                "UK"),
            row(
                "536002",
                "B",
                "TWO",
                "6000000000000000000",
                "2011-01-11 10:00:00",
                "1",
                "12001",
                "UK"),
            good("536003", "12003"));
    assertNoOverflowPublished(run(f));
  }

  @Test
  public void customerMonetaryIsAlwaysFinite() throws IOException {
    Path f =
        csv(
            "inf.csv",
            HEADER,
            row("536001", "A", "INF", "10", "2011-01-10 10:00:00", "1e308", "12002", "UK"),
            good("536002", "12003"));
    assertNoOverflowPublished(run(f));
  }

  /**
   * Rejecting the offending rows or stopping are both acceptable; publishing a wrapped or infinite
   * total is not.
   */
  private void assertNoOverflowPublished(CliRun r) {
    if (r.exitCode() != 0) {
      assertThat(r.toString(), r.exitCode(), equalTo(4));
      assertFatal(r, 4);
      return;
    }
    SegflowOutput o = succeeded(r);
    for (CustomerRecord c : o.customers) {
      assertThat(
          "total_quantity of " + c.getCustomerId(), c.getTotalQuantity(), greaterThanOrEqualTo(0L));
      assertThat("monetary of " + c.getCustomerId(), Double.isFinite(c.getMonetary()), is(true));
      assertThat(
          "avg basket of " + c.getCustomerId(), Double.isFinite(c.getAvgBasketValue()), is(true));
    }
  }

  // ---------------------------------------------------------------- dates

  @Test
  public void badDatesAndDatesBefore1970AreRejected() throws IOException {
    Path f =
        csv(
            "dates.csv",
            HEADER,
            good("536001", "12001"), // 2 used
            row("536002", "A", "D", "1", "not a date", "1.00", "12001", "UK"), // 3
            row("536003", "A", "D", "1", "2011-02-30 10:00:00", "1.00", "12001", "UK"), // 4
            row("536004", "A", "D", "1", "2011-13-01 10:00:00", "1.00", "12001", "UK"), // 5
            row("536005", "A", "D", "1", "2011-01-01 25:00:00", "1.00", "12001", "UK"), // 6
            row("536006", "A", "D", "1", "", "1.00", "12001", "UK"), // 7 empty
            row("536007", "A", "D", "1", "13/25/2011 10:00", "1.00", "12001", "UK"), // 8
            row("536008", "A", "D", "1", "2011-01-10 10:00:00 PM", "1.00", "12001", "UK"), // 9
            row(
                "536009",
                "A",
                "D",
                "1",
                "1969-12-31 23:59:59",
                "1.00",
                "12001",
                "UK"), // 10 before 1970
            row("536010", "A", "D", "1", "1900-01-01 00:00:00", "1.00", "12001", "UK"), // 11
            row("536011", "A", "D", "1", "0001-01-01 00:00:00", "1.00", "12001", "UK"), // 12
            row("536012", "A", "D", "1", "1970-01-01 00:00:00", "1.00", "12002", "UK"), // 13 used
            row(
                "536013",
                "A",
                "D",
                "1",
                "2/29/2012 9:05",
                "1.00",
                "12003",
                "UK")); // 14 used (leap)
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(
        o,
        lines(
            3,
            "bad_date",
            4,
            "bad_date",
            5,
            "bad_date",
            6,
            "bad_date",
            7,
            "bad_date",
            8,
            "bad_date",
            9,
            "bad_date",
            10,
            "bad_date",
            11,
            "bad_date",
            12,
            "bad_date"));
    assertCounts(o, 13, 3, reasons("bad_date", 10));
    assertThat(o.rejectedByLine().get(10L).getMessage(), containsString("1970"));
    assertThat(
        o.customersById().get("12002").getFirstPurchase(),
        equalTo(LocalDateTime.of(1970, 1, 1, 0, 0)));
    assertThat(
        o.customersById().get("12003").getLastPurchase(),
        equalTo(LocalDateTime.of(2012, 2, 29, 9, 5)));
    assertThat(o.manifest.path("as_of_date").asText(), equalTo("2012-03-01"));
  }

  @Test
  public void datesOnOrAfterAsOfAreRejected() throws IOException {
    Path f =
        csv(
            "future.csv",
            HEADER,
            row("536001", "A", "D", "1", "2010-12-31 23:59:59", "1.00", "12001", "UK"), // 2 used
            row(
                "536002",
                "A",
                "D",
                "1",
                "2011-01-01 00:00:00",
                "1.00",
                "12001",
                "UK"), // 3 on as-of
            row("536003", "A", "D", "1", "2011-06-01 10:00:00", "1.00", "12001", "UK"), // 4 after
            row(
                "536004",
                "A",
                "D",
                "1",
                "2099-01-01 00:00:00",
                "1.00",
                "12002",
                "UK"), // 5 far future
            row("536005", "A", "D", "1", "2010-12-01 08:00:00", "1.00", "12002", "UK")); // 6 used
    SegflowOutput o = succeeded(runWith(List.of("--as-of", "2011-01-01"), f));
    assertRejectedLines(o, lines(3, "after_as_of", 4, "after_as_of", 5, "after_as_of"));
    assertCounts(o, 5, 2, reasons("after_as_of", 3));
    assertThat(o.manifest.path("as_of_date").asText(), equalTo("2011-01-01"));
    assertThat(o.customersById().get("12001").getRecencyDays(), equalTo(1));
    assertThat(o.customersById().get("12002").getRecencyDays(), equalTo(31));
    assertThat(o.customersById().get("12002").getAsOfDate(), equalTo(LocalDate.of(2011, 1, 1)));
  }

  // ---------------------------------------------------------------- encoding

  private byte[] latin1Row() {
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((HEADER + "\n" + good("536001", "12001") + "\n").getBytes(StandardCharsets.UTF_8));
    // line 3: "CAFÉ" in ISO-8859-1 (0xC9 alone is invalid UTF-8)
    b.writeBytes("536002,22000,CAF".getBytes(StandardCharsets.US_ASCII));
    b.write(0xC9);
    b.writeBytes(
        ",1,2011-01-10 10:00:00,2.00,12001,United Kingdom\n".getBytes(StandardCharsets.US_ASCII));
    // line 4: 0xFF 0xFE, never valid in UTF-8
    b.writeBytes("536003,22001,X".getBytes(StandardCharsets.US_ASCII));
    b.write(0xFF);
    b.write(0xFE);
    b.writeBytes(
        ",1,2011-01-10 10:00:00,2.00,12001,United Kingdom\n".getBytes(StandardCharsets.US_ASCII));
    // line 5: valid UTF-8 "CRÈME" is fine
    b.writeBytes(
        "536004,22002,CRÈME BRÛLÉE,1,2011-01-10 10:00:00,2.00,12002,United Kingdom\n"
            .getBytes(StandardCharsets.UTF_8));
    // line 6: a truncated multi-byte sequence at the end of the line
    b.writeBytes(
        "536005,22003,T,1,2011-01-10 10:00:00,2.00,12001,United Kingdom"
            .getBytes(StandardCharsets.US_ASCII));
    b.write(0xE2);
    b.write(0x82);
    b.write('\n');
    return b.toByteArray();
  }

  @Test
  public void invalidBytesForTheEncodingAreEncodingErrors() throws IOException {
    Path f = bytes("latin1.csv", latin1Row());
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(3, "encoding_error", 4, "encoding_error", 6, "encoding_error"));
    assertCounts(o, 5, 2, reasons("encoding_error", 3));
  }

  @Test
  public void theSameBytesAreValidInTheDeclaredSingleByteEncoding() throws IOException {
    Path f = bytes("latin1.csv", latin1Row());
    SegflowOutput o = succeeded(runWith(List.of("--encoding", "ISO-8859-1"), f));
    assertCounts(o, 5, 5, reasons());
    assertThat(o.rejected, is(empty()));
  }

  // ---------------------------------------------------------------- size and layout

  @Test
  public void oneMegabyteDescriptionIsParsed() throws IOException {
    char[] big = new char[1 << 20];
    Arrays.fill(big, 'X');
    String plain = new String(big);
    String quoted =
        "\"" + plain.substring(0, 500_000) + ", \"\"A\"\"\n" + plain.substring(500_000) + "\"";
    Path f =
        csv(
            "big.csv",
            HEADER,
            row("536001", "A", plain, "2", "2011-01-10 10:00:00", "1.00", "12001", "UK"), // 2
            row("536002", "B", quoted, "3", "2011-01-10 10:00:00", "1.00", "12001", "UK"), // 3-4
            row("536003", "C", plain, "x", "2011-01-10 10:00:00", "1.00", "12001", "UK"), // 5
            good("536004", "12002")); // 6
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(o, lines(5, "bad_quantity"));
    assertCounts(o, 4, 3, reasons("bad_quantity", 1));
    assertThat(o.customersById().get("12001").getTotalQuantity(), equalTo(5L));
    assertThat(o.customersById().get("12001").getDistinctProducts(), equalTo(2));
    assertThat(o.rejectedByLine().get(5L).getRawLine().length(), greaterThan(1 << 20));
  }

  @Test
  public void blankLinesAreRejectedAsBlank() throws IOException {
    Path f =
        csv(
            "blank.csv",
            HEADER,
            "", // 2
            good("536001", "12001"), // 3
            "   ", // 4
            "\t", // 5
            good("536002", "12001"), // 6
            ",,,,,,,", // 7: eight empty fields: no invoice
            "", // 8
            ""); // 9 (then the final newline)
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(
        o,
        lines(
            2,
            "blank_line",
            4,
            "blank_line",
            5,
            "blank_line",
            7,
            "missing_invoice",
            8,
            "blank_line",
            9,
            "blank_line"));
    assertCounts(o, 8, 2, reasons("blank_line", 5, "missing_invoice", 1));
  }

  @Test
  public void repeatedHeaderInTheMiddleIsRejected() throws IOException {
    Path a =
        csv(
            "a.csv",
            HEADER,
            good("536001", "12001"),
            HEADER,
            good("536002", "12001"),
            HEADER,
            HEADER);
    SegflowOutput o = succeeded(run(a));
    assertRejectedLines(o, lines(3, "repeated_header", 5, "repeated_header", 6, "repeated_header"));
    assertCounts(o, 5, 2, reasons("repeated_header", 3));
  }

  @Test
  public void missingInvoiceAndMissingCustomerIdAreNamed() throws IOException {
    Path f =
        csv(
            "ids.csv",
            HEADER,
            good("536001", "12001"), // 2
            good("", "12001"), // 3 missing invoice
            good("536003", ""), // 4 missing customer
            good("   ", "12001"), // 5 blank invoice
            good("536005", "  "), // 6 blank customer
            good("C536006", "12001"), // 7 cancellation
            good("536007", "12001.0")); // 8 used, same customer as 12001
    SegflowOutput o = succeeded(run(f));
    assertRejectedLines(
        o,
        lines(
            3,
            "missing_invoice",
            4,
            "missing_customer_id",
            5,
            "missing_invoice",
            6,
            "missing_customer_id",
            7,
            "cancellation"));
    assertCounts(
        o, 7, 2, reasons("missing_invoice", 2, "missing_customer_id", 2, "cancellation", 1));
    assertThat(o.customersById().keySet(), equalTo(Set.of("12001")));
  }

  // ---------------------------------------------------------------- whole files

  @Test
  public void emptyFileIsSkippedAndRecordedInTheManifest() throws IOException {
    Path empty = bytes("empty.csv", new byte[0]);
    Path a = csv("a.csv", HEADER, good("536001", "12001"));
    SegflowOutput o = succeeded(run(empty, a));
    assertCounts(o, 1, 1, reasons());
    assertThat(inputFile(o, "empty.csv").path("empty").asBoolean(), is(true));
    assertThat(inputFile(o, "a.csv").path("empty").asBoolean(), is(false));
  }

  @Test
  public void headerOnlyFileContributesNoRows() throws IOException {
    Path headerOnly = csv("header-only.csv", HEADER);
    Path a = csv("a.csv", HEADER, good("536001", "12001"));
    SegflowOutput o = succeeded(run(headerOnly, a));
    assertCounts(o, 1, 1, reasons());
    assertThat(inputFile(o, "header-only.csv").path("empty").asBoolean(), is(false));
  }

  @Test
  public void emptyFileAloneIsExit4() throws IOException {
    Path empty = bytes("empty.csv", new byte[0]);
    assertFatal(run(empty), 4, "no usable rows");
  }

  @Test
  public void headerOnlyFileAloneIsExit4() throws IOException {
    Path headerOnly = bytes("header-only.csv", HEADER.getBytes(StandardCharsets.UTF_8)); // no LF
    assertFatal(run(headerOnly), 4, "no usable rows");
  }

  @Test
  public void everyRowRejectedIsExit4NamingTheReasons() throws IOException {
    Path f =
        csv(
            "all-bad.csv",
            HEADER,
            "536001,85123A,SHORT,2,2011-01-10 10:00:00,1.50,12001",
            row("536002", "A", "D", "1", "not a date", "1.00", "12001", "UK"),
            "");
    CliRun r = run(f);
    assertFatal(r, 4, "no usable rows", "malformed_row", "bad_date", "blank_line");
  }

  @Test
  public void binaryFileIsExit3() throws IOException {
    byte[] noise = new byte[32 * 1024];
    new Random(11).nextBytes(noise);
    Path bin = bytes("transactions.csv", noise);
    assertFatal(run(bin), 3, "transactions.csv", "binary");
  }

  @Test
  public void gzipDataUnderACsvNameIsExit3BeforeAnyRowIsRead() throws IOException {
    ByteArrayOutputStream gz = new ByteArrayOutputStream();
    try (java.util.zip.GZIPOutputStream z = new java.util.zip.GZIPOutputStream(gz)) {
      z.write((HEADER + "\n" + good("536001", "12001") + "\n").getBytes(StandardCharsets.UTF_8));
    }
    Path good = csv("a.csv", HEADER, good("536001", "12001"));
    Path fake = bytes("b.csv", gz.toByteArray());
    assertFatal(run(good, fake), 3, "b.csv", "extension");
  }

  @Test
  public void binaryBodyAfterAGoodHeaderKeepsTheBooks() throws IOException {
    byte[] noise = new byte[16 * 1024];
    new Random(5).nextBytes(noise);
    ByteArrayOutputStream b = new ByteArrayOutputStream();
    b.writeBytes((HEADER + "\n" + good("536001", "12001") + "\n").getBytes(StandardCharsets.UTF_8));
    b.writeBytes(noise);
    b.writeBytes(("\n" + good("536002", "12002") + "\n").getBytes(StandardCharsets.UTF_8));
    Path f = bytes("tail.csv", b.toByteArray());
    SegflowOutput o = succeeded(run(f));
    assertThat(o.rowsUsed(), equalTo(2L));
    assertThat(o.customersById().keySet(), equalTo(Set.of("12001", "12002")));
    assertThat(o.rowsRejected(), greaterThan(0L));
    Set<String> allowed = Set.of("encoding_error", "malformed_row", "blank_line");
    for (RejectedRecord rec : o.rejected) {
      assertThat(
          "reason of line " + rec.getLineNumber(), allowed.contains(rec.getReason()), is(true));
      assertThat(rec.getLineNumber(), greaterThan(2L));
    }
  }

  @Test
  public void secondFileWithoutARequiredColumnIsExit3NamingThatFile() throws IOException {
    Path a = csv("a.csv", HEADER, good("536001", "12001"));
    Path b =
        csv(
            "b.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,CustomerID,Country",
            "536002,A,D,1,2011-01-10 10:00:00,12001,UK");
    assertFatal(run(a, b), 3, "b.csv", "UnitPrice");
  }

  @Test
  public void missingInputIsExit3() {
    assertFatal(run(root().resolve("nowhere.csv")), 3, "nowhere.csv");
  }

  @Test
  public void severalFilesWithDifferentColumnOrders() throws IOException {
    Path a =
        csv(
            "a.csv",
            HEADER,
            row(
                "536001",
                "A1",
                "ALPHA",
                "2",
                "2011-01-10 10:00:00",
                "1.50",
                "12001",
                "United Kingdom"), // 2
            row("536002", "A2", "BETA", "1", "2011-01-12 10:00:00", "4.00", "12002", "France"), // 3
            "536003,A3,SHORT,1,2011-01-12 10:00:00,4.00,12002"); // 4 malformed
    // b.csv: reversed order, Online Retail II names
    Path b =
        csv(
            "b.csv",
            "Country,Customer ID,Price,InvoiceDate,Quantity,Description,StockCode,Invoice",
            "France,12002,3.00,2011-01-15 09:00:00,5,GAMMA,B1,536010", // 2 used
            "United Kingdom,12001,1.50,2011-01-10 10:00:00,2,ALPHA,A1,536001", // 3 duplicate of
            // a.csv:2
            "France,12002,x,2011-01-15 09:00:00,5,GAMMA,B1,536011", // 4 bad price
            "Country,Customer ID,Price,InvoiceDate,Quantity,Description,StockCode,Invoice"); // 5
    // header
    // c.csv: shuffled, no Description or Country column (both optional)
    Path c =
        csv(
            "c.csv",
            "Quantity,CustomerID,InvoiceNo,UnitPrice,StockCode,InvoiceDate",
            "10,12003,536020,0.25,C1,2011-01-20 12:00:00", // 2 used
            "10,12003,C536021,0.25,C1,2011-01-20 12:00:00", // 3 cancellation
            "3,12001,536022,2.00,C2,2011-01-18 08:00:00"); // 4 used
    SegflowOutput o = succeeded(run(c, b, a));
    Map<String, String> actual = new TreeMap<>();
    for (RejectedRecord rec : o.rejected) {
      String file = Path.of(rec.getSourceFile().toString()).getFileName().toString();
      actual.put(file + ":" + rec.getLineNumber(), rec.getReason());
    }
    assertThat(
        actual,
        equalTo(
            new TreeMap<>(
                Map.of(
                    "a.csv:4", "malformed_row",
                    "b.csv:3", "duplicate_row",
                    "b.csv:4", "bad_unit_price",
                    "b.csv:5", "repeated_header",
                    "c.csv:3", "cancellation"))));
    assertCounts(
        o,
        10,
        5,
        reasons(
            "malformed_row",
            1,
            "duplicate_row",
            1,
            "bad_unit_price",
            1,
            "repeated_header",
            1,
            "cancellation",
            1));
    for (RejectedRecord rec : o.rejected) {
      assertThat(rec.getSourceFile().toString(), matchesPattern(".*[abc]\\.csv"));
    }
    Map<String, CustomerRecord> cs = o.customersById();
    assertThat(cs.keySet(), equalTo(new TreeSet<>(Set.of("12001", "12002", "12003"))));
    // 12001: a.csv:2 (2 × 1.50) + c.csv:4 (3 × 2.00) = 9.00; invoices 536001, 536022
    CustomerRecord c1 = cs.get("12001");
    assertThat(c1.getMonetary(), closeTo(9.00, 1e-9));
    assertThat(c1.getFrequency(), equalTo(2));
    assertThat(c1.getTotalQuantity(), equalTo(5L));
    assertThat(c1.getDistinctProducts(), equalTo(2));
    assertThat(c1.getCountry(), equalTo("United Kingdom"));
    assertThat(c1.getLastPurchase(), equalTo(LocalDateTime.of(2011, 1, 18, 8, 0)));
    // 12002: a.csv:3 (1 × 4.00) + b.csv:2 (5 × 3.00) = 19.00
    CustomerRecord c2 = cs.get("12002");
    assertThat(c2.getMonetary(), closeTo(19.00, 1e-9));
    assertThat(c2.getFrequency(), equalTo(2));
    assertThat(c2.getCountry(), equalTo("France"));
    // 12003: c.csv:2 only, no country column
    CustomerRecord c3 = cs.get("12003");
    assertThat(c3.getMonetary(), closeTo(2.50, 1e-9));
    assertThat(c3.getRowsUsed(), equalTo(1L));
    // as of the day after 2011-01-20
    assertThat(o.manifest.path("as_of_date").asText(), equalTo("2011-01-21"));
    assertThat(c3.getRecencyDays(), equalTo(1));
    assertThat(c1.getRecencyDays(), equalTo(3));
    assertThat(o.manifest.path("input_files").size(), equalTo(3));
    assertThat(
        "message of the duplicate names the kept row",
        o.rejected.stream()
            .filter(r -> r.getReason().equals("duplicate_row"))
            .findFirst()
            .orElseThrow()
            .getMessage(),
        containsString("a.csv"));
    assertThat(o.rejected.size(), lessThan(10));
    assertThat(o.rejected.get(0).getSourceFile().toString(), endsWith("a.csv"));
  }
}
