// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import io.segflow.transforms.parse.Column;
import io.segflow.transforms.parse.InvoiceDateParser;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Cleans and aggregates records one at a time with Segflow's default rules: a row is used when it
 * parses, has a customer id, is not a cancellation (InvoiceNo starting with C), has quantity and
 * unit price above 0, and is not an exact copy of an earlier row. Features are as of the day after
 * the last used invoice date.
 *
 * <p>Consecutive rows usually share their customer, country and invoice date, so each keeps a
 * one-entry cache of the last bytes seen: most rows then create no objects at all.
 */
final class FeatureAggregator {
  private static final long MAX_MAGNITUDE = 1_000_000_000L;
  private static final long SECONDS_PER_DAY = 86_400L;
  private static final long NO_DESCRIPTION = ByteHash.of(new byte[0], 0, 0);

  private final CustomerTable customers = new CustomerTable();
  private final Map<String, Integer> countryIndex = new HashMap<>();
  private final List<String> countryNames = new ArrayList<>();
  private final IsoDateTime isoDates = new IsoDateTime();
  private final InvoiceDateParser dates = InvoiceDateParser.forPattern("auto");
  private final LastBytes lastCustomer = new LastBytes();
  private final LastBytes lastCountry = new LastBytes();
  private final LastBytes lastDate = new LastBytes();
  private int customer;
  private int country;
  private long time;
  private long lastTime;
  private long maxTime = Long.MIN_VALUE;
  private int[] column;

  /** The field positions of the file being read, by {@link Column} ordinal (-1: absent). */
  void useColumns(int[] columnIndex) {
    this.column = columnIndex.clone();
  }

  /**
   * Applies the cleaning rules to one record and adds a used record to its customer.
   *
   * @return whether the record was used (false: rejected)
   */
  boolean add(RecordFields f) {
    int invoice = column[Column.INVOICE.ordinal()];
    int stockCode = column[Column.STOCK_CODE.ordinal()];
    int quantityField = column[Column.QUANTITY.ordinal()];
    int priceField = column[Column.UNIT_PRICE.ordinal()];
    int customerField = column[Column.CUSTOMER_ID.ordinal()];
    byte[] inv = f.bytes(invoice);
    int invFrom = f.trimmedStart(invoice);
    int invTo = f.trimmedEnd(invoice);
    if (invFrom == invTo || inv[invFrom] == 'C') {
      return false; // no invoice number, or a cancellation
    }
    long quantity =
        Numbers.wholeNumber(
            f.bytes(quantityField), f.trimmedStart(quantityField), f.trimmedEnd(quantityField));
    if (quantity <= 0 || quantity > MAX_MAGNITUDE) {
      return false; // also NOT_WHOLE
    }
    double price =
        Numbers.decimal(f.bytes(priceField), f.trimmedStart(priceField), f.trimmedEnd(priceField));
    if (!(price > 0 && price <= MAX_MAGNITUDE)) {
      return false; // also NaN
    }
    if (!readTime(f, column[Column.INVOICE_DATE.ordinal()]) || !findCustomer(f, customerField)) {
      return false;
    }
    readCountry(f, column[Column.COUNTRY.ordinal()]);
    long invoiceHash = ByteHash.of(inv, invFrom, invTo);
    long productHash =
        ByteHash.of(f.bytes(stockCode), f.trimmedStart(stockCode), f.trimmedEnd(stockCode));
    int description = column[Column.DESCRIPTION.ordinal()];
    long descriptionHash =
        description < 0
            ? NO_DESCRIPTION
            : ByteHash.of(f.bytes(description), f.start(description), f.end(description));
    long row = ByteHash.combine(invoiceHash, productHash);
    row = ByteHash.combine(row, descriptionHash);
    row = ByteHash.combine(row, quantity);
    row = ByteHash.combine(row, time);
    row = ByteHash.combine(row, Double.doubleToLongBits(price));
    row = ByteHash.combine(row, country);
    if (!customers.add(customer, row, invoiceHash, productHash, quantity, price, time, country)) {
      return false; // an exact duplicate
    }
    maxTime = Math.max(maxTime, time);
    return true;
  }

  /** Every customer's features, sorted by customer id. */
  List<BaselineCustomer> features() {
    List<BaselineCustomer> out = customers.features(asOfEpochDay(), countryNames);
    out.sort(Comparator.comparing(BaselineCustomer::customerId));
    return out;
  }

  /** The day after the last used invoice date (1970-01-01 when no row was used, as Segflow). */
  long asOfEpochDay() {
    return maxTime == Long.MIN_VALUE ? 0 : Math.floorDiv(maxTime, SECONDS_PER_DAY) + 1;
  }

  LocalDate asOfDate() {
    return LocalDate.ofEpochDay(asOfEpochDay());
  }

  private boolean readTime(RecordFields f, int field) {
    byte[] b = f.bytes(field);
    int from = f.trimmedStart(field);
    int to = f.trimmedEnd(field);
    time = isoDates.seconds(b, from, to);
    if (time == IsoDateTime.NOT_THIS_FORM) {
      // Other forms (Online Retail's 12/1/2010 8:26) change once per invoice: Segflow's own parser,
      // behind a one-entry cache, is cheap enough there.
      if (!lastDate.matches(b, from, to)) {
        lastTime = dates.parse(new String(b, from, to - from, StandardCharsets.UTF_8));
        lastDate.remember(b, from, to);
      }
      time = lastTime;
    }
    return time != InvoiceDateParser.INVALID && time >= 0;
  }

  /** Finds or creates the row's customer; false when the row has no customer id. */
  private boolean findCustomer(RecordFields f, int field) {
    byte[] b = f.bytes(field);
    int from = f.trimmedStart(field);
    int to = normalizedIdEnd(b, from, f.trimmedEnd(field));
    if (from == to) {
      return false;
    }
    if (!lastCustomer.matches(b, from, to)) {
      customer = customers.customer(b, from, to);
      lastCustomer.remember(b, from, to);
    }
    return true;
  }

  /** "17850.0" (a spreadsheet's float export) names customer 17850. */
  private static int normalizedIdEnd(byte[] b, int from, int to) {
    int dot = from;
    while (dot < to && b[dot] != '.') {
      dot++;
    }
    if (dot == to || dot == from) {
      return to;
    }
    for (int i = from; i < dot; i++) {
      if (b[i] < '0' || b[i] > '9') {
        return to;
      }
    }
    for (int i = dot + 1; i < to; i++) {
      if (b[i] != '0') {
        return to;
      }
    }
    return dot;
  }

  private void readCountry(RecordFields f, int field) {
    if (field < 0) {
      country = -1;
      return;
    }
    byte[] b = f.bytes(field);
    int from = f.trimmedStart(field);
    int to = f.trimmedEnd(field);
    if (lastCountry.matches(b, from, to)) {
      return;
    }
    lastCountry.remember(b, from, to);
    if (from == to) {
      country = -1;
      return;
    }
    String name = new String(b, from, to - from, StandardCharsets.UTF_8);
    country =
        countryIndex.computeIfAbsent(
            name,
            n -> {
              countryNames.add(n);
              return countryNames.size() - 1;
            });
  }

  /** A copy of the last bytes a field had, to skip work when the next row repeats them. */
  private static final class LastBytes {
    private byte[] bytes = new byte[64];
    private int length = -1;

    boolean matches(byte[] b, int from, int to) {
      return to - from == length && Arrays.equals(b, from, to, bytes, 0, length);
    }

    void remember(byte[] b, int from, int to) {
      length = to - from;
      if (length > bytes.length) {
        bytes = new byte[length];
      }
      System.arraycopy(b, from, bytes, 0, length);
    }
  }
}
