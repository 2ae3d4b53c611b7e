// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static io.segflow.transforms.Fixtures.HEADER;
import static io.segflow.transforms.Fixtures.parse;
import static io.segflow.transforms.Fixtures.raw;
import static io.segflow.transforms.Fixtures.seconds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.Fixtures.Parsed;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TransactionParserTest {
  private static final String FILE = "/data/online_retail.csv";
  private static final String ROW =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";

  /** ROW with field {@code index} replaced. */
  private static String with(int index, String value) {
    List<String> f = CsvFields.split(ROW);
    f.set(index, value);
    return String.join(",", f);
  }

  private static RejectedRecord rejectedOnly(String record) {
    Parsed p = parse(raw(FILE, record));
    assertThat("parsed although it should not: " + record, p.rows().size(), is(0));
    assertThat(p.rejected().size(), is(1));
    return p.rejected().records().get(0);
  }

  private static TransactionBlock parsedOnly(String record) {
    Parsed p = parse(raw(FILE, record));
    assertThat("rejected: " + p.rejected().records(), p.rejected().size(), is(0));
    return p.rows();
  }

  private static String fingerprint(TransactionBlock b, int i) {
    return b.fingerprintHi(i) + "/" + b.fingerprintLo(i);
  }

  @Test
  public void typesEveryColumnAndKeepsTheProvenance() {
    TransactionBlock b = parsedOnly(ROW);
    assertThat(b.size(), is(1));
    assertThat(b.file(0), is(FILE));
    assertThat(b.line(0), is(2L));
    assertThat(b.raw(0), is(ROW));
    assertThat(b.invoice(0), is("536365"));
    assertThat(b.stockCode(0), is("85123A"));
    assertThat(b.quantity(0), is(6L));
    assertThat(b.time(0), is(seconds("2010-12-01T08:26:00")));
    assertThat(b.unitPrice(0), is(2.55));
    assertThat(b.customerId(0), is("17850"));
    assertThat(b.country(0), is("United Kingdom"));
    assertThat(b.isGroupedByCustomer(), is(false));
  }

  @Test
  public void aFloatExportOfTheCustomerIdNamesTheSameCustomer() {
    assertThat(parsedOnly(with(6, "17850.0")).customerId(0), is("17850"));
    assertThat(TransactionParser.normalizeCustomerId(" 17850.00 "), is("17850"));
    assertThat(TransactionParser.normalizeCustomerId("17850."), is("17850"));
    assertThat(TransactionParser.normalizeCustomerId("17850.5"), is("17850.5"));
    assertThat(TransactionParser.normalizeCustomerId("A17850.0"), is("A17850.0"));
    assertThat(TransactionParser.normalizeCustomerId(".0"), is(".0"));
    assertThat(TransactionParser.normalizeCustomerId("12680"), is("12680"));
  }

  @Test
  public void anEmptyCustomerIdParsesAsNoCustomer() {
    // Real row without a customer: the row rules reject it, the parser keeps it.
    TransactionBlock b = parsedOnly("536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom");
    assertThat(b.customerId(0), is(nullValue()));
    assertThat(b.hasCustomerId(0), is(false));
    assertThat(parsedOnly(with(6, "   ")).hasCustomerId(0), is(false));
  }

  @Test
  public void quantitiesThatAreNotWholeNumbersInRangeAreBadQuantity() {
    for (String q :
        new String[] {
          "NaN",
          "Infinity",
          "-Infinity",
          "1e400",
          "1d",
          "",
          " ",
          "six",
          "1.5",
          "0x10",
          "9223372036854775808",
          "99999999999999999999999",
          "--6",
          "6-",
          "."
        }) {
      RejectedRecord r = rejectedOnly(with(3, q));
      assertThat("quantity '" + q + "'", r.getReason(), is("bad_quantity"));
      assertThat(r.getMessage(), containsString("'" + q.trim() + "'"));
      assertThat(r.getRawLine(), is(with(3, q)));
    }
  }

  @Test
  public void wholeNumbersInOtherSpellingsAreQuantities() {
    assertThat(parsedOnly(with(3, "6.0")).quantity(0), is(6L));
    assertThat(parsedOnly(with(3, "1e2")).quantity(0), is(100L));
    assertThat(parsedOnly(with(3, "+6")).quantity(0), is(6L));
    assertThat(parsedOnly(with(3, "-74215")).quantity(0), is(-74215L));
    assertThat(parsedOnly(with(3, "1000000000")).quantity(0), is(1_000_000_000L));
  }

  @Test
  public void quantitiesAndPricesBeyondTenToTheNineAreOutOfRange() {
    // The bound keeps customer totals from wrapping (a long) or overflowing (a double).
    assertThat(rejectedOnly(with(3, "1000000001")).getReason(), is("bad_quantity"));
    assertThat(rejectedOnly(with(3, "9223372036854775807")).getReason(), is("bad_quantity"));
    assertThat(rejectedOnly(with(5, "1e308")).getReason(), is("bad_unit_price"));
    assertThat(rejectedOnly(with(5, "-1000000001")).getReason(), is("bad_unit_price"));
  }

  @Test
  public void pricesThatAreNotFiniteDecimalsAreBadUnitPrice() {
    for (String price :
        new String[] {"NaN", "Infinity", "-Infinity", "1e400", "1d", "2.55f", "", "abc", "0x1p3"}) {
      RejectedRecord r = rejectedOnly(with(5, price));
      assertThat("price '" + price + "'", r.getReason(), is("bad_unit_price"));
      assertThat(r.getMessage(), containsString("'" + price + "'"));
    }
  }

  @Test
  public void negativeAndZeroPricesParse() {
    // Real adjustment row: the row rules decide about it, not the parser.
    TransactionBlock b =
        parsedOnly("A563186,B,Adjust bad debt,1,2011-08-12 14:51:00,-11062.06,,United Kingdom");
    assertThat(b.unitPrice(0), is(-11062.06));
    assertThat(parsedOnly(with(5, "0.0")).unitPrice(0), is(0.0));
    assertThat(parsedOnly(with(5, "1e2")).unitPrice(0), is(100.0));
  }

  @Test
  public void datesThatDoNotParseOrPrecede1970AreBadDate() {
    RejectedRecord invalid = rejectedOnly(with(4, "2011-02-30 10:00:00"));
    assertThat(invalid.getReason(), is("bad_date"));
    assertThat(invalid.getMessage(), containsString("does not parse"));
    RejectedRecord early = rejectedOnly(with(4, "1969-12-31 23:59:59"));
    assertThat(early.getReason(), is("bad_date"));
    assertThat(early.getMessage(), containsString("before 1970"));
    assertThat(rejectedOnly(with(4, "")).getReason(), is("bad_date"));
    assertThat(parsedOnly(with(4, "1970-01-01 00:00:00")).time(0), is(0L));
  }

  @Test
  public void aDateWithTextAfterTheSecondsIsBadDateNotAFailure() {
    RejectedRecord r = rejectedOnly(with(4, "2010-12-01 08:26:00.000 PM"));
    assertThat(r.getReason(), is("bad_date"));
    assertThat(rejectedOnly(with(4, "12/1/2010 8:26:00 AM")).getReason(), is("bad_date"));
  }

  @Test
  public void anEmptyInvoiceIsMissingInvoice() {
    assertThat(rejectedOnly(with(0, " ")).getReason(), is("missing_invoice"));
  }

  @Test
  public void theFirstProblemInColumnOrderIsReported() {
    String manyProblems = ",85123A,X,NaN,2011-02-30 10:00,NaN,17850,United Kingdom";
    assertThat(rejectedOnly(manyProblems).getReason(), is("missing_invoice"));
    assertThat(rejectedOnly("536365" + manyProblems).getReason(), is("bad_quantity"));
    assertThat(
        rejectedOnly("536365,85123A,X,6,2011-02-30 10:00,NaN,17850,United Kingdom").getReason(),
        is("bad_unit_price"));
  }

  @Test
  public void aRepeatedHeaderAndBlankLinesAreRejected() {
    Parsed p = parse(raw(FILE, ROW, HEADER, "", "   ", ROW));
    assertThat(p.rows().size(), is(2));
    assertThat(
        Fixtures.rejectedKeys(List.of(p.rejected())),
        contains(FILE + "|3|repeated_header", FILE + "|4|blank_line", FILE + "|5|blank_line"));
  }

  @Test
  public void aWrongNumberOfFieldsIsMalformed() {
    RejectedRecord seven = rejectedOnly("536365,85123A,6,2010-12-01 08:26:00,2.55,17850,France");
    assertThat(seven.getReason(), is("malformed_row"));
    assertThat(seven.getMessage(), is("expected 8 fields as in the header, found 7"));
    // An unquoted comma in the description: nine fields.
    RejectedRecord nine =
        rejectedOnly(
            "536381,82567,AIRLINE LOUNGE,METAL SIGN,2,2010-12-01 09:41:00,2.1,15311,United Kingdom");
    assertThat(nine.getMessage(), is("expected 8 fields as in the header, found 9"));
    // Quoted, the same comma is fine.
    assertThat(
        parsedOnly(
                "536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2,2010-12-01 09:41:00,2.1,"
                    + "15311,United Kingdom")
            .quantity(0),
        is(2L));
  }

  @Test
  public void flagsOfTheSplitterBecomeReasons() {
    RawBlock b =
        new RawBlock(
            FILE,
            HEADER,
            8,
            ColumnMapping.defaults().resolve(FILE, CsvFields.split(HEADER)),
            new long[] {2, 3, 4},
            new String[] {
              "536365,85123A,\"WHITE HANGING",
              "536365,85123A,CAF\uFFFD,6," + "2010-12-01 08:26:00,2.55,17850,France",
              ROW
            },
            new byte[] {RawBlock.UNTERMINATED_QUOTE, RawBlock.BAD_ENCODING, RawBlock.OK});
    Parsed p = parse(b);
    assertThat(p.rows().size(), is(1));
    assertThat(p.rows().line(0), is(4L));
    assertThat(
        Fixtures.rejectedKeys(List.of(p.rejected())),
        contains(FILE + "|2|malformed_row", FILE + "|3|encoding_error"));
    assertThat(p.rejected().records().get(0).getMessage(), containsString("unterminated quote"));
  }

  @Test
  public void everyRecordEndsUpParsedOrRejectedExactlyOnce() {
    String[] records = {
      ROW,
      "",
      with(3, "NaN"),
      HEADER,
      with(5, "x"),
      with(6, ""),
      "a,b",
      with(4, "1969-01-01 00:00"),
      with(0, "C536379")
    };
    Parsed p = parse(raw(FILE, records));
    assertThat(p.rows().size() + p.rejected().size(), is(records.length));
    List<Long> lines = new ArrayList<>();
    for (int i = 0; i < p.rows().size(); i++) {
      lines.add(p.rows().line(i));
    }
    assertThat(lines, contains(2L, 7L, 10L)); // cancellations and missing ids are for the rules
  }

  @Test
  public void equalRowsHaveEqualFingerprintsWhereverTheyAre() {
    TransactionBlock a = parsedOnly(ROW);
    TransactionBlock b = Fixtures.rows(raw("/data/other.csv", HEADER, 99, ROW));
    assertThat(fingerprint(a, 0), is(fingerprint(b, 0)));
    // Equal after parsing is equal: 6.0 is 6, 17850.0 is 17850, a date without seconds is :00.
    TransactionBlock respelled =
        parsedOnly(
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6.0,"
                + "2010-12-01 08:26,2.550,17850.0,United Kingdom");
    assertThat(fingerprint(respelled, 0), is(fingerprint(a, 0)));
  }

  @Test
  public void rowsThatDifferInAnyColumnHaveDifferentFingerprints() {
    String base = fingerprint(parsedOnly(ROW), 0);
    String[] variants = {
      with(0, "536366"),
      with(1, "85123B"),
      with(2, "WHITE HANGING HEART T-LIGHT HOLDER "),
      with(3, "7"),
      with(4, "2010-12-01 08:26:01"),
      with(5, "2.56"),
      with(6, "17851"),
      with(7, "France"),
      with(7, "")
    };
    List<String> seen = new ArrayList<>(List.of(base));
    for (String v : variants) {
      String fp = fingerprint(parsedOnly(v), 0);
      assertThat(v, seen.contains(fp), is(false));
      seen.add(fp);
    }
  }

  @Test
  public void readsTheOnlineRetailIiHeaderAndSpellings() {
    String header = "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country";
    TransactionBlock b =
        Fixtures.rows(
            raw(
                "/data/online_retail_II.csv",
                header,
                2,
                "489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,"
                    + "United Kingdom"));
    assertThat(b.invoice(0), is("489434"));
    assertThat(b.stockCode(0), is("85048"));
    assertThat(b.quantity(0), is(12L));
    assertThat(b.time(0), is(seconds("2009-12-01T07:45")));
    assertThat(b.unitPrice(0), is(6.95));
    assertThat(b.customerId(0), is("13085"));
    assertThat(b.country(0), is("United Kingdom"));
  }

  @Test
  public void readsColumnsInAnyOrderAndWithoutTheOptionalOnes() {
    String shuffled = "CustomerID,Country,InvoiceDate,InvoiceNo,UnitPrice,Quantity,StockCode";
    TransactionBlock b =
        Fixtures.rows(
            raw(
                "/data/export.csv",
                shuffled,
                2,
                "12347,Iceland,2010-12-07 14:57:00,537626,2.1,12,85116"));
    assertThat(b.customerId(0), is("12347"));
    assertThat(b.country(0), is("Iceland"));
    assertThat(b.time(0), is(seconds("2010-12-07T14:57")));
    assertThat(b.invoice(0), is("537626"));
    assertThat(b.unitPrice(0), is(2.1));
    assertThat(b.quantity(0), is(12L));
    assertThat(b.stockCode(0), is("85116"));
    TransactionBlock noCountry =
        Fixtures.rows(
            raw(
                "/data/export.csv",
                "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID",
                2,
                "537626,85116,12,2010-12-07 14:57:00,2.1,12347"));
    assertThat(noCountry.country(0), is(nullValue()));
  }

  @Test
  public void anEmptyCountryIsNoCountry() {
    assertThat(parsedOnly(with(7, "  ")).country(0), is(nullValue()));
  }

  @Test
  public void anExplicitDatePatternIsUsed() {
    Parsed p =
        parse(
            raw(FILE, "536365,85123A,X,6,1/12/2010 8:26,2.55,17850,United Kingdom"),
            "d/M/yyyy H:mm");
    assertThat(p.rows().time(0), is(seconds("2010-12-01T08:26")));
    Parsed auto = parse(raw(FILE, "536365,85123A,X,6,1/12/2010 8:26,2.55,17850,United Kingdom"));
    assertThat(auto.rows().time(0), is(not(seconds("2010-12-01T08:26"))));
  }
}
