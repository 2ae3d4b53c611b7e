// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns raw CSV records into typed transaction rows; a record that cannot be typed is rejected with
 * the first problem found. Plain Java so that it can be tested and benchmarked without a pipeline;
 * {@link ParseTransactions} runs it over blocks.
 */
public final class TransactionParser {
  /**
   * Largest quantity or unit price accepted (10^9). Beyond it a value is a data error, and it
   * keeps every customer's sums finite and exact: 10^9 × 10^9 per line stays far below the range
   * of a long and of a double's exact integers times the rows a customer can have.
   */
  static final long MAX_MAGNITUDE = 1_000_000_000L;

  /** Earliest plausible invoice date: 1970-01-01T00:00. */
  static final long EARLIEST = 0L;

  private final InvoiceDateParser dates;
  private final List<String> fields = new ArrayList<>(16);
  private final RowFingerprint fingerprint = new RowFingerprint();

  public TransactionParser(String datePattern) {
    this.dates = InvoiceDateParser.forPattern(datePattern);
  }

  public void parse(RawBlock block, TransactionBlock.Builder rows, RejectedBlock.Builder rejected) {
    String file = block.file();
    for (int i = 0; i < block.size(); i++) {
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
        continue;
      }
      CsvFields.split(text, fields);
      if (fields.size() != block.fieldCount()) {
        rejected.add(file, line, text, RejectReason.MALFORMED_ROW,
            "expected " + block.fieldCount() + " fields as in the header, found " + fields.size());
        continue;
      }
      parseFields(block, file, line, text, rows, rejected);
    }
  }

  private void parseFields(
      RawBlock block, String file, long line, String text, TransactionBlock.Builder rows,
      RejectedBlock.Builder rejected) {
    String invoice = field(block, Column.INVOICE).trim();
    String stockCode = field(block, Column.STOCK_CODE).trim();
    String description = field(block, Column.DESCRIPTION);
    String quantityText = field(block, Column.QUANTITY).trim();
    String dateText = field(block, Column.INVOICE_DATE);
    String priceText = field(block, Column.UNIT_PRICE).trim();
    String customer = normalizeCustomerId(field(block, Column.CUSTOMER_ID));
    String countryText = block.columnIndex(Column.COUNTRY.ordinal()) < 0
        ? null : field(block, Column.COUNTRY).trim();

    if (invoice.isEmpty()) {
      rejected.add(file, line, text, RejectReason.MISSING_INVOICE, "InvoiceNo is empty");
      return;
    }
    long quantity = parseWholeNumber(quantityText);
    if (quantity == Long.MIN_VALUE || Math.abs(quantity) > MAX_MAGNITUDE) {
      rejected.add(file, line, text, RejectReason.BAD_QUANTITY,
          "Quantity '" + clip(quantityText) + "' is not a whole number in range");
      return;
    }
    double price = parseFiniteDecimal(priceText);
    if (Double.isNaN(price) || Math.abs(price) > MAX_MAGNITUDE) {
      rejected.add(file, line, text, RejectReason.BAD_UNIT_PRICE,
          "UnitPrice '" + clip(priceText) + "' is not a finite decimal number in range");
      return;
    }
    long time = dates.parse(dateText);
    if (time == InvoiceDateParser.INVALID) {
      rejected.add(file, line, text, RejectReason.BAD_DATE,
          "InvoiceDate '" + clip(dateText) + "' does not parse");
      return;
    }
    if (time < EARLIEST) {
      rejected.add(file, line, text, RejectReason.BAD_DATE,
          "InvoiceDate '" + clip(dateText) + "' is before 1970");
      return;
    }
    String country = countryText == null || countryText.isEmpty() ? null : countryText;
    fingerprint.reset().add(invoice).add(stockCode).add(description).addLong(quantity)
        .addLong(time).addLong(Double.doubleToLongBits(price)).add(customer).add(country);
    rows.add(file, line, text, invoice, stockCode, quantity, time, price, customer, country,
        fingerprint.hi(), fingerprint.lo());
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
      boolean ok = (c >= '0' && c <= '9') || c == '.' || c == 'e' || c == 'E'
          || ((c == '-' || c == '+') && (i == 0 || s.charAt(i - 1) == 'e' || s.charAt(i - 1) == 'E'));
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
