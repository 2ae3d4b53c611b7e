// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.IntFunction;

/**
 * Computes one customer's RFM and behaviour features from their rows. Plain Java; the rows of a
 * customer are summed in source order, so the floating-point result is the same on every runner.
 */
public final class CustomerFeatures {

  private CustomerFeatures() {}

  /**
   * Calls {@code sink} once per customer of a block grouped by customer, in customer order.
   *
   * @param asOfEpochDay features describe the customers as of the start of this day
   */
  public static void forEachCustomer(
      TransactionBlock block, long asOfEpochDay, Consumer<CustomerRecord> sink) {
    forEachCustomer(block, asOfEpochDay, false, sink);
  }

  /** As {@link #forEachCustomer}, netting returns when {@code netReturns}. */
  public static void forEachCustomer(
      TransactionBlock block,
      long asOfEpochDay,
      boolean netReturns,
      Consumer<CustomerRecord> sink) {
    block.forEachCustomerRun(
        (from, to) -> sink.accept(asOf(withoutAsOf(block, from, to, netReturns), asOfEpochDay)));
  }

  /** The value of numeric feature {@code name} (a CustomerRecord field such as "monetary"). */
  public static double value(CustomerRecord c, String name) {
    return ((Number) c.get(name)).doubleValue();
  }

  /** Features of rows [from, to) of {@code block}, which all belong to one customer. */
  public static CustomerRecord of(TransactionBlock block, int from, int to, long asOfEpochDay) {
    return asOf(withoutAsOf(block, from, to), asOfEpochDay);
  }

  /**
   * The features that do not depend on the as-of date; recency, tenure and the as-of date itself
   * are left at 0 / 1970-01-01 for {@link #asOf} to fill in.
   */
  public static CustomerRecord withoutAsOf(TransactionBlock block, int from, int to) {
    return withoutAsOf(block, from, to, false);
  }

  /**
   * As {@link #withoutAsOf(TransactionBlock, int, int)}; with {@code netReturns}, returns ({@link
   * TransactionBlock#isReturn}) reduce monetary by their money and total_quantity by their quantity
   * but are not orders, products or purchase dates; gross_monetary and returns_value are set. Needs
   * at least one purchase among the rows.
   */
  public static CustomerRecord withoutAsOf(
      TransactionBlock block, int from, int to, boolean netReturns) {
    if (netReturns) {
      for (int i = from; i < to; i++) {
        if (block.isReturn(i)) {
          return netOfReturns(block, from, to);
        }
      }
      CustomerRecord c = withoutAsOf(block, from, to, false);
      c.setGrossMonetary(c.getMonetary());
      c.setReturnsValue(0.0);
      return c;
    }
    double monetary = 0;
    long quantity = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    PurchaseDays days = new PurchaseDays(to - from);
    for (int i = from; i < to; i++) {
      monetary += block.lineValue(i);
      quantity += block.quantity(i);
      first = Math.min(first, block.time(i));
      last = Math.max(last, block.time(i));
      days.add(block.day(i), block.lineValue(i));
    }
    return record(
        block.customerId(from),
        country(block, from, to),
        block.distinctInvoices(from, to),
        monetary,
        quantity,
        first,
        last,
        block.distinctStockCodes(from, to),
        to - from,
        days);
  }

  /**
   * The purchase days of rows [from, to) of {@code block}, one customer's, with each day's money:
   * the rows that {@link #withoutAsOf} counts in {@code purchase_days} (returns left out when
   * {@code netReturns}), in the same order.
   */
  public static PurchaseDayList purchaseDayList(
      TransactionBlock block, int from, int to, boolean netReturns) {
    PurchaseDays days = new PurchaseDays(to - from, true);
    for (int i = from; i < to; i++) {
      if (!(netReturns && block.isReturn(i))) {
        days.add(block.day(i), block.lineValue(i));
      }
    }
    return days.dayList(block.customerId(from));
  }

  private static CustomerRecord netOfReturns(TransactionBlock block, int from, int to) {
    double gross = 0;
    double returned = 0;
    long quantity = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    Set<String> orders = new HashSet<>();
    Set<String> products = new HashSet<>();
    PurchaseDays days = new PurchaseDays(to - from);
    for (int i = from; i < to; i++) {
      if (block.isReturn(i)) {
        returned += Math.abs(block.lineValue(i));
        quantity -= Math.abs(block.quantity(i));
      } else {
        gross += block.lineValue(i);
        quantity += block.quantity(i);
        first = Math.min(first, block.time(i));
        last = Math.max(last, block.time(i));
        orders.add(block.invoice(i));
        products.add(block.stockCode(i));
        days.add(block.day(i), block.lineValue(i));
      }
    }
    CustomerRecord c =
        record(
            block.customerId(from),
            country(block, from, to),
            orders.size(),
            gross - returned,
            quantity,
            first,
            last,
            products.size(),
            to - from,
            days);
    c.setGrossMonetary(gross);
    c.setReturnsValue(returned);
    return c;
  }

  /**
   * The record of a customer's totals (times in seconds since 1970-01-01T00:00), without the as-of
   * date's fields (see {@link #withoutAsOf}); {@code days} are the purchase rows' days.
   */
  static CustomerRecord record(
      String customerId,
      String country,
      int frequency,
      double monetary,
      long quantity,
      long first,
      long last,
      int distinctProducts,
      int rowsUsed,
      PurchaseDays days) {
    // The all-fields constructor: Avro's builder validates and copies defaults field by field,
    // several times the cost, once per customer. Segment and RFM fields start empty (null).
    return new CustomerRecord(
        customerId,
        country,
        0,
        frequency,
        monetary,
        quantity,
        monetary / frequency,
        LocalDateTime.ofEpochSecond(first, 0, ZoneOffset.UTC),
        LocalDateTime.ofEpochSecond(last, 0, ZoneOffset.UTC),
        0,
        distinctProducts,
        (long) rowsUsed,
        LocalDate.ofEpochDay(0),
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        null,
        days.distinct(),
        days.firstDaySpend(),
        null,
        null,
        null,
        null);
  }

  /**
   * A new record with the same field values, for a DoFn that must not change its input: fields are
   * shared, not copied (they are immutable values: strings, numbers, dates), so callers set fields
   * on the copy, never change a field's value in place. Many times cheaper than {@code
   * newBuilder(c).build()}, which deep-copies and validates every field.
   */
  public static CustomerRecord copyOf(CustomerRecord c) {
    CustomerRecord copy = new CustomerRecord();
    for (int i = 0; i < CustomerRecord.SCHEMA$.getFields().size(); i++) {
      copy.put(i, c.get(i));
    }
    return copy;
  }

  /**
   * The customer as of the start of {@code asOfEpochDay}: days since the last purchase (recency)
   * and since the first (tenure), counted between calendar dates.
   */
  public static CustomerRecord asOf(CustomerRecord c, long asOfEpochDay) {
    c.setRecencyDays((int) (asOfEpochDay - c.getLastPurchase().toLocalDate().toEpochDay()));
    c.setTenureDays((int) (asOfEpochDay - c.getFirstPurchase().toLocalDate().toEpochDay()));
    c.setAsOfDate(LocalDate.ofEpochDay(asOfEpochDay));
    return c;
  }

  /** The customer's most frequent country (none if no row has one). */
  private static String country(TransactionBlock block, int from, int to) {
    if (block.oneCountryIn(from, to)) {
      return block.country(from); // nearly every customer: one string, no counting
    }
    return mostFrequentCountry(to - from, i -> block.country(from + i));
  }

  /** The most frequent of {@code n} rows' countries (nulls not counted; none: null). */
  static String mostFrequentCountry(int n, IntFunction<String> countryOf) {
    Map<String, Integer> counts = new HashMap<>();
    for (int i = 0; i < n; i++) {
      String country = countryOf.apply(i);
      if (country != null) {
        counts.merge(country, 1, Integer::sum);
      }
    }
    return mostFrequent(counts);
  }

  /** The most frequent value; ties go to the alphabetically first, so the result is stable. */
  private static String mostFrequent(Map<String, Integer> counts) {
    String best = null;
    int bestCount = 0;
    for (Map.Entry<String, Integer> e : counts.entrySet()) {
      if (e.getValue() > bestCount
          || (e.getValue() == bestCount && e.getKey().compareTo(best) < 0)) {
        best = e.getKey();
        bestCount = e.getValue();
      }
    }
    return best;
  }
}
