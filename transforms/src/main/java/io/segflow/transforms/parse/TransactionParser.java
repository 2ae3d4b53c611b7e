// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * Turns raw CSV records into typed transaction rows; a record that cannot be typed is rejected with
 * the first problem found. Plain Java so that it can be tested and benchmarked without a pipeline;
 * {@link ParseTransactions} runs it over blocks.
 *
 * <p>Most records are typed straight from their bytes ({@link #parseBytes}); the rest, and every
 * record to reject, go through the String rules ({@link #parseText}), which define the results.
 */
public final class TransactionParser {
  /**
   * Largest quantity or unit price accepted (10^9). Beyond it a value is a data error, and it keeps
   * every customer's sums finite and exact: 10^9 × 10^9 per line stays far below the range of a
   * long and of a double's exact integers times the rows a customer can have.
   */
  static final long MAX_MAGNITUDE = 1_000_000_000L;

  /** Earliest plausible invoice date: 1970-01-01T00:00. */
  static final long EARLIEST = 0L;

  /** First implausible invoice date: 2200-01-01T00:00 (a typo'd year or an epoch unit mix-up). */
  static final long LATEST = 7_258_118_400L;

  private final InvoiceDateParser dates;
  private final List<String> fields = new ArrayList<>(16);
  private final RowFingerprint fingerprint = new RowFingerprint();
  private final ByteFields byteFields = new ByteFields();
  private final int[] columnIndex = new int[Column.values().length];

  /** Whether records are typed from their bytes where they can be (off only to test against). */
  private final boolean fastPath;

  private boolean utf8;
  private byte[] headerBytes;

  /** Whether the block has the full Online Retail layout the byte path reads, and nothing else. */
  private boolean fullLayout;

  /** Field positions no logical column reads: part of a row's identity for duplicates. */
  private int[] otherFields = new int[0];

  private final boolean wholeRowDuplicates;

  /** Rows typed from bytes so far, for tests to check that the byte path is taken. */
  private long rowsTypedFromBytes;

  public TransactionParser(String datePattern) {
    this(datePattern, ZoneOffset.UTC, true);
  }

  /**
   * @param zone where calendar days are counted for dates that name an instant (see {@link
   *     InvoiceDateParser})
   */
  public TransactionParser(String datePattern, ZoneId zone) {
    this(datePattern, zone, true, true);
  }

  /**
   * @param wholeRowDuplicates whether unmapped columns are part of a row's identity for duplicates
   *     (see {@link ParseTransactions#withWholeRowDuplicates})
   */
  public TransactionParser(String datePattern, ZoneId zone, boolean wholeRowDuplicates) {
    this(datePattern, zone, true, wholeRowDuplicates);
  }

  TransactionParser(String datePattern, boolean fastPath) {
    this(datePattern, ZoneOffset.UTC, fastPath, true);
  }

  private TransactionParser(
      String datePattern, ZoneId zone, boolean fastPath, boolean wholeRowDuplicates) {
    this.dates = InvoiceDateParser.forPattern(datePattern, zone);
    this.fastPath = fastPath;
    this.wholeRowDuplicates = wholeRowDuplicates;
  }

  public void parse(RawBlock block, TransactionBlock.Builder rows, RejectedBlock.Builder rejected) {
    startBlock(block, rows);
    for (int i = 0; i < block.size(); i++) {
      if (!fastPath || !fullLayout || block.flag(i) != RawBlock.OK || !parseBytes(block, i, rows)) {
        parseText(block, i, rows, rejected);
      }
    }
  }

  private void startBlock(RawBlock block, TransactionBlock.Builder rows) {
    utf8 = block.charset().equals(StandardCharsets.UTF_8);
    headerBytes = block.header().getBytes(block.charset());
    boolean[] read = new boolean[block.fieldCount()];
    int mapped = 0;
    for (Column c : Column.values()) {
      int index = block.columnIndex(c.ordinal());
      columnIndex[c.ordinal()] = index;
      if (index >= 0 && index < read.length && !read[index]) {
        read[index] = true;
        mapped++;
      }
    }
    otherFields = new int[wholeRowDuplicates ? read.length - mapped : 0];
    for (int k = 0, o = 0; k < read.length && o < otherFields.length; k++) {
      if (!read[k]) {
        otherFields[o++] = k;
      }
    }
    fullLayout =
        otherFields.length == 0
            && columnIndex[Column.AMOUNT.ordinal()] < 0
            && columnIndex[Column.INVOICE.ordinal()] >= 0
            && columnIndex[Column.STOCK_CODE.ordinal()] >= 0
            && columnIndex[Column.QUANTITY.ordinal()] >= 0
            && columnIndex[Column.UNIT_PRICE.ordinal()] >= 0;
    rows.withLineTotals(columnIndex[Column.AMOUNT.ordinal()] >= 0);
  }

  /**
   * The common record, typed straight from its bytes: UTF-8 (or ASCII) text whose fields all read
   * with the simple rules. Anything else, including every record to reject, returns false and is
   * left to {@link #parseText}, which has the last word; what this method accepts, parseText would
   * accept with the same values and fingerprint.
   */
  private boolean parseBytes(RawBlock block, int i, TransactionBlock.Builder rows) {
    byte[] data = block.bytes();
    int from = block.start(i);
    int to = block.end(i);
    if (!utf8 && !isAscii(data, from, to)) {
      return false; // the columns are UTF-8: transcoding is parseText's job
    }
    if (to - from == headerBytes.length
        && Arrays.equals(data, from, to, headerBytes, 0, headerBytes.length)) {
      return false;
    }
    ByteFields f = byteFields;
    if (block.hasFieldEnds(i)) {
      f.adopt(block, i); // a columnar reader wrote the record and knows where its fields end
    } else {
      f.split(data, from, to);
    }
    if (f.count() != block.fieldCount() || f.count() < 2) { // a comma: not a blank line
      return false;
    }
    byte[] b = f.bytes();
    int invoice = columnIndex[Column.INVOICE.ordinal()];
    int invoiceFrom = f.trimmedStart(invoice);
    int invoiceTo = f.trimmedEnd(invoice, invoiceFrom);
    if (invoiceFrom == invoiceTo) {
      return false;
    }
    int quantityField = columnIndex[Column.QUANTITY.ordinal()];
    int quantityFrom = f.trimmedStart(quantityField);
    long quantity =
        AsciiNumbers.wholeNumber(b, quantityFrom, f.trimmedEnd(quantityField, quantityFrom));
    if (quantity == AsciiNumbers.NOT_SIMPLE || Math.abs(quantity) > MAX_MAGNITUDE) {
      return false;
    }
    int priceField = columnIndex[Column.UNIT_PRICE.ordinal()];
    int priceFrom = f.trimmedStart(priceField);
    double price = AsciiNumbers.decimal(b, priceFrom, f.trimmedEnd(priceField, priceFrom));
    if (Double.isNaN(price) || Math.abs(price) > MAX_MAGNITUDE) {
      return false;
    }
    int dateField = columnIndex[Column.INVOICE_DATE.ordinal()];
    long time = dates.parseUtf8(b, f.start(dateField), f.end(dateField));
    if (time == InvoiceDateParser.INVALID || time < EARLIEST || time >= LATEST) {
      return false;
    }
    int stock = columnIndex[Column.STOCK_CODE.ordinal()];
    int stockFrom = f.trimmedStart(stock);
    int stockTo = f.trimmedEnd(stock, stockFrom);
    int customer = columnIndex[Column.CUSTOMER_ID.ordinal()];
    int customerFrom = f.trimmedStart(customer);
    int customerTo = f.trimmedEnd(customer, customerFrom);
    if (customerFrom == customerTo) {
      customerFrom = -1;
    } else {
      int idEnd = customerIdEnd(b, customerFrom, customerTo);
      if (idEnd < 0) {
        return false;
      }
      customerTo = idEnd;
    }
    int countryFrom = -1;
    int countryTo = -1;
    int country = columnIndex[Column.COUNTRY.ordinal()];
    if (country >= 0) {
      countryFrom = f.trimmedStart(country);
      countryTo = f.trimmedEnd(country, countryFrom);
      if (countryFrom == countryTo) {
        countryFrom = -1;
      }
    }
    fingerprint.reset().addUtf8(b, invoiceFrom, invoiceTo).addUtf8(b, stockFrom, stockTo);
    int description = columnIndex[Column.DESCRIPTION.ordinal()];
    if (description < 0) {
      fingerprint.add("");
    } else {
      fingerprint.addUtf8(b, f.start(description), f.end(description));
    }
    fingerprint.addLong(quantity).addLong(time).addLong(Double.doubleToLongBits(price));
    if (customerFrom < 0) {
      fingerprint.add(null);
    } else {
      fingerprint.addUtf8(b, customerFrom, customerTo);
    }
    if (countryFrom < 0) {
      fingerprint.add(null);
    } else {
      fingerprint.addUtf8(b, countryFrom, countryTo);
    }
    rows.addUtf8(
        block.file(),
        block.line(i),
        b,
        f.recordFrom(),
        f.recordTo(),
        invoiceFrom,
        invoiceTo,
        stockFrom,
        stockTo,
        quantity,
        time,
        price,
        customerFrom,
        customerTo,
        countryFrom,
        countryTo,
        fingerprint.hi(),
        fingerprint.lo());
    rowsTypedFromBytes++;
    return true;
  }

  long rowsTypedFromBytes() {
    return rowsTypedFromBytes;
  }

  /**
   * Where the customer id in {@code b[from, to)} (trimmed, not empty) ends once normalised as
   * {@link #normalizeCustomerId} does; -1 when that needs the String rules (non-ASCII digits).
   */
  private static int customerIdEnd(byte[] b, int from, int to) {
    int dot = from;
    while (dot < to && b[dot] != '.') {
      dot++;
    }
    if (dot == to || dot == from) {
      return to;
    }
    for (int k = from; k < dot; k++) {
      if (b[k] < 0) {
        return -1;
      }
      if (b[k] < '0' || b[k] > '9') {
        return to;
      }
    }
    for (int k = dot + 1; k < to; k++) {
      if (b[k] != '0') {
        return to;
      }
    }
    return dot;
  }

  private static boolean isAscii(byte[] b, int from, int to) {
    for (int k = from; k < to; k++) {
      if (b[k] < 0) {
        return false;
      }
    }
    return true;
  }

  /** The reference path: every record the byte path does not take, rejections included. */
  private void parseText(
      RawBlock block, int i, TransactionBlock.Builder rows, RejectedBlock.Builder rejected) {
    String file = block.file();
    String text = block.text(i);
    long line = block.line(i);
    String problem = null;
    RejectReason reason = null;
    if (block.flag(i) == RawBlock.UNTERMINATED_QUOTE) {
      reason = RejectReason.MALFORMED_ROW;
      problem = "a quoted field is never closed (an unterminated quote); the line was read alone";
    } else if (block.flag(i) == RawBlock.BAD_ENCODING) {
      reason = RejectReason.ENCODING_ERROR;
      problem = "bytes that are invalid in the configured encoding";
    } else if (text.isBlank()) {
      reason = RejectReason.BLANK_LINE;
      problem = "empty line";
    } else if (text.equals(block.header())) {
      reason = RejectReason.REPEATED_HEADER;
      problem = "a copy of the header line";
    }
    if (reason != null) {
      rejected.add(file, line, text, reason, problem);
      return;
    }
    CsvFields.split(text, fields);
    if (fields.size() != block.fieldCount()) {
      rejected.add(
          file,
          line,
          text,
          RejectReason.MALFORMED_ROW,
          "expected " + block.fieldCount() + " fields as in the header, found " + fields.size());
      return;
    }
    parseFields(block, file, line, text, rows, rejected);
  }

  private void parseFields(
      RawBlock block,
      String file,
      long line,
      String text,
      TransactionBlock.Builder rows,
      RejectedBlock.Builder rejected) {
    boolean hasInvoice = block.columnIndex(Column.INVOICE.ordinal()) >= 0;
    boolean hasQuantity = block.columnIndex(Column.QUANTITY.ordinal()) >= 0;
    boolean hasAmount = block.columnIndex(Column.AMOUNT.ordinal()) >= 0;
    String invoice = field(block, Column.INVOICE).trim();
    String stockCode = field(block, Column.STOCK_CODE).trim();
    String description = field(block, Column.DESCRIPTION);
    String quantityText = field(block, Column.QUANTITY).trim();
    String dateText = field(block, Column.INVOICE_DATE);
    String priceText = field(block, hasAmount ? Column.AMOUNT : Column.UNIT_PRICE).trim();
    String customer = normalizeCustomerId(field(block, Column.CUSTOMER_ID));
    String countryText =
        block.columnIndex(Column.COUNTRY.ordinal()) < 0
            ? null
            : field(block, Column.COUNTRY).trim();

    if (hasInvoice && invoice.isEmpty()) {
      rejected.add(file, line, text, RejectReason.MISSING_INVOICE, "InvoiceNo is empty");
      return;
    }
    long quantity = hasQuantity ? parseWholeNumber(quantityText) : 1;
    if (quantity == Long.MIN_VALUE || Math.abs(quantity) > MAX_MAGNITUDE) {
      rejected.add(
          file,
          line,
          text,
          RejectReason.BAD_QUANTITY,
          "Quantity '" + clip(quantityText) + "' is not a whole number in range");
      return;
    }
    double price = parseFiniteDecimal(priceText);
    if (Double.isNaN(price) || Math.abs(price) > MAX_MAGNITUDE) {
      if (hasAmount) {
        rejected.add(
            file,
            line,
            text,
            RejectReason.BAD_AMOUNT,
            "amount '" + clip(priceText) + "' is not a finite decimal number in range");
      } else {
        rejected.add(
            file,
            line,
            text,
            RejectReason.BAD_UNIT_PRICE,
            "UnitPrice '" + clip(priceText) + "' is not a finite decimal number in range");
      }
      return;
    }
    long time = dates.parse(dateText);
    if (time == InvoiceDateParser.INVALID) {
      rejected.add(
          file,
          line,
          text,
          RejectReason.BAD_DATE,
          "InvoiceDate '" + clip(dateText) + "' does not parse");
      return;
    }
    if (time < EARLIEST || time >= LATEST) {
      rejected.add(
          file,
          line,
          text,
          RejectReason.BAD_DATE,
          "InvoiceDate '" + clip(dateText) + "' is before 1970 or after 2199");
      return;
    }
    String country = countryText == null || countryText.isEmpty() ? null : countryText;
    fingerprint
        .reset()
        .add(invoice)
        .add(stockCode)
        .add(description)
        .addLong(quantity)
        .addLong(time)
        .addLong(Double.doubleToLongBits(price))
        .add(customer)
        .add(country);
    for (int k : otherFields) {
      fingerprint.add(fields.get(k));
    }
    rows.add(
        file,
        line,
        text,
        hasInvoice ? invoice : rowOrder(fingerprint.hi()),
        stockCode,
        quantity,
        time,
        price,
        customer,
        country,
        fingerprint.hi(),
        fingerprint.lo());
  }

  /**
   * The order id of a row in an input without order ids: each row is its own order, named after its
   * content, so that exact copies (dropped as duplicates) are copies of one order too.
   */
  private static String rowOrder(long fingerprintHi) {
    return "#" + Long.toUnsignedString(fingerprintHi, 36);
  }

  private String field(RawBlock block, Column column) {
    int index = block.columnIndex(column.ordinal());
    return index < 0 ? "" : fields.get(index);
  }

  /**
   * Null for an empty id; {@code 17850.0} (a float export) becomes {@code 17850} so that both
   * spellings name the same customer.
   */
  static String normalizeCustomerId(String raw) {
    String s = raw.trim();
    if (s.isEmpty()) {
      return null;
    }
    int dot = s.indexOf('.');
    if (dot > 0) {
      boolean digitsBefore = s.substring(0, dot).chars().allMatch(Character::isDigit);
      boolean zerosAfter = s.substring(dot + 1).chars().allMatch(c -> c == '0');
      if (digitsBefore && zerosAfter) {
        return s.substring(0, dot);
      }
    }
    return s;
  }

  /** A whole number (also written "6.0"); Long.MIN_VALUE when not one or out of range. */
  static long parseWholeNumber(String s) {
    if (s.isEmpty() || !isPlainDecimal(s)) {
      return Long.MIN_VALUE;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      try {
        return new BigDecimal(s).longValueExact();
      } catch (ArithmeticException | NumberFormatException e2) {
        return Long.MIN_VALUE;
      }
    }
  }

  /** A finite decimal; NaN when not one (Java would otherwise accept "NaN", "Infinity", "1d"). */
  static double parseFiniteDecimal(String s) {
    if (s.isEmpty() || !isPlainDecimal(s)) {
      return Double.NaN;
    }
    try {
      double v = Double.parseDouble(s);
      return Double.isInfinite(v) ? Double.NaN : v;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean isPlainDecimal(String s) {
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      boolean ok =
          (c >= '0' && c <= '9')
              || c == '.'
              || c == 'e'
              || c == 'E'
              || ((c == '-' || c == '+')
                  && (i == 0 || s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'));
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  private static String clip(String s) {
    return s.length() <= 60 ? s : s.substring(0, 60) + "…";
  }
}
