// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.CustomerPartials;
import io.segflow.transforms.rows.FingerprintTable;
import io.segflow.transforms.rows.HashCapacity;
import io.segflow.transforms.rows.Utf8Column;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Consumer;

/**
 * Merges per-block customer summaries ({@link CustomerPartials}) into one {@link CustomerRecord}
 * per customer, with the same values as {@link CustomerFeatures#withoutAsOf} on all of the
 * customer's rows: sums run over the rows in source order, and a row that copies a row of an
 * earlier block is left out and reported. Plain Java, so that it is tested without a runner.
 */
public final class CustomerPartialsMerge {
  /** Receives a row left out as an exact copy of an earlier row. */
  public interface CopySink {
    void accept(String file, long line, String firstFile, long firstLine);
  }

  private final boolean dropCopies;
  private final Consumer<PurchaseDayList> dayLists;
  private final FingerprintTable seen = new FingerprintTable();

  /**
   * @param dropCopies whether rows that copy a row of another block are left out
   */
  public CustomerPartialsMerge(boolean dropCopies) {
    this(dropCopies, null);
  }

  /**
   * @param dropCopies whether rows that copy a row of another block are left out
   * @param dayLists receives each customer's {@link PurchaseDayList} (null: none are made)
   */
  public CustomerPartialsMerge(boolean dropCopies, Consumer<PurchaseDayList> dayLists) {
    this.dropCopies = dropCopies;
    this.dayLists = dayLists;
  }

  /**
   * Calls {@code customers} once per customer of the summaries, in customer id order, and {@code
   * copies} once per row left out. The result does not depend on the order of the input.
   */
  public void merge(
      Iterable<CustomerPartials> input, Consumer<CustomerRecord> customers, CopySink copies) {
    List<CustomerPartials> parts = new ArrayList<>();
    for (CustomerPartials p : input) {
      if (p.entries() > 0) {
        parts.add(p);
      }
    }
    List<Utf8Column> ids = new ArrayList<>();
    parts.forEach(p -> ids.add(p.customerIds()));
    CustomerRanks ranks = CustomerRanks.of(ids);
    int[] start = new int[ranks.count() + 1];
    int total = 0;
    for (int p = 0; p < parts.size(); p++) {
      for (int e = 0; e < parts.get(p).entries(); e++) {
        start[ranks.rank(p, e) + 1]++;
        total++;
      }
    }
    for (int r = 0; r < ranks.count(); r++) {
      start[r + 1] += start[r];
    }
    long[] entries = new long[total]; // (part << 32 | entry), grouped by customer
    int[] next = Arrays.copyOf(start, start.length);
    for (int p = 0; p < parts.size(); p++) {
      for (int e = 0; e < parts.get(p).entries(); e++) {
        entries[next[ranks.rank(p, e)]++] = ((long) p << 32) | e;
      }
    }
    for (int r = 0; r < ranks.count(); r++) {
      if (start[r + 1] - start[r] == 1) {
        long ref = entries[start[r]];
        customers.accept(single(parts.get((int) (ref >>> 32)), (int) ref));
      } else {
        customers.accept(
            merged(parts, Arrays.copyOfRange(entries, start[r], start[r + 1]), copies));
      }
    }
  }

  /** A customer seen in one block only: its summary is already complete. */
  private CustomerRecord single(CustomerPartials p, int e) {
    int from = p.rowsFrom(e);
    int to = p.rowsTo(e);
    double monetary = 0;
    long quantity = 0;
    boolean oneCountry = true;
    PurchaseDays days = new PurchaseDays(to - from, dayLists != null);
    for (int r = from; r < to; r++) {
      monetary += p.amount(r);
      quantity += p.quantity(r);
      oneCountry &= p.sameCountry(r, p, from);
      days.add(p.day(r), p.amount(r));
    }
    String country =
        oneCountry
            ? p.country(from)
            : CustomerFeatures.mostFrequentCountry(to - from, i -> p.country(from + i));
    return withDayList(
        CustomerFeatures.record(
            p.customerId(e),
            country,
            p.invoicesTo(e) - p.invoicesFrom(e),
            monetary,
            quantity,
            p.firstTime(e),
            p.lastTime(e),
            p.productsTo(e) - p.productsFrom(e),
            to - from,
            days),
        days);
  }

  /** Hands on the customer's day list when they are wanted. */
  private CustomerRecord withDayList(CustomerRecord c, PurchaseDays days) {
    if (dayLists != null) {
      dayLists.accept(days.dayList(c.getCustomerId()));
    }
    return c;
  }

  /** A customer seen in several blocks: rows in source order, copies across blocks left out. */
  private CustomerRecord merged(List<CustomerPartials> parts, long[] entries, CopySink copies) {
    int rows = 0;
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    List<Utf8Column> invoiceCols = new ArrayList<>();
    List<Utf8Column> productCols = new ArrayList<>();
    int[][] invoiceRanges = new int[2][entries.length];
    int[][] productRanges = new int[2][entries.length];
    for (int k = 0; k < entries.length; k++) {
      CustomerPartials p = parts.get((int) (entries[k] >>> 32));
      int e = (int) entries[k];
      rows += p.rowsTo(e) - p.rowsFrom(e);
      first = Math.min(first, p.firstTime(e));
      last = Math.max(last, p.lastTime(e));
      invoiceCols.add(p.invoices());
      invoiceRanges[0][k] = p.invoicesFrom(e);
      invoiceRanges[1][k] = p.invoicesTo(e);
      productCols.add(p.products());
      productRanges[0][k] = p.productsFrom(e);
      productRanges[1][k] = p.productsTo(e);
    }
    long[] ordered = inSourceOrder(parts, entries, rows); // (part << 32 | row)
    boolean[] dropped = new boolean[rows];
    if (dropCopies) {
      seen.clear(rows);
      for (int k = 0; k < rows; k++) {
        CustomerPartials x = parts.get((int) (ordered[k] >>> 32));
        int xr = (int) ordered[k];
        int copied = seen.putIfAbsent(x.fingerprintHi(xr), x.fingerprintLo(xr), k);
        if (copied >= 0) {
          dropped[k] = true;
          CustomerPartials y = parts.get((int) (ordered[copied] >>> 32));
          int yr = (int) ordered[copied];
          copies.accept(x.file(xr), x.line(xr), y.file(yr), y.line(yr));
        }
      }
    }
    double monetary = 0;
    long quantity = 0;
    long[] used = new long[rows];
    int usedRows = 0;
    PurchaseDays days = new PurchaseDays(rows, dayLists != null);
    boolean oneCountry = true;
    CustomerPartials head = null;
    int headRow = 0;
    for (int k = 0; k < rows; k++) {
      if (dropped[k]) {
        continue;
      }
      CustomerPartials x = parts.get((int) (ordered[k] >>> 32));
      int xr = (int) ordered[k];
      monetary += x.amount(xr);
      quantity += x.quantity(xr);
      days.add(x.day(xr), x.amount(xr));
      used[usedRows++] = ordered[k];
      if (head == null) {
        head = x;
        headRow = xr;
      }
      oneCountry &= x.sameCountry(xr, head, headRow);
    }
    String country =
        oneCountry
            ? head.country(headRow)
            : CustomerFeatures.mostFrequentCountry(
                usedRows, i -> parts.get((int) (used[i] >>> 32)).country((int) used[i]));
    CustomerPartials any = parts.get((int) (entries[0] >>> 32));
    return withDayList(
        CustomerFeatures.record(
            any.customerId((int) entries[0]),
            country,
            distinct(invoiceCols, invoiceRanges),
            monetary,
            quantity,
            first,
            last,
            distinct(productCols, productRanges),
            usedRows,
            days),
        days);
  }

  /** How many distinct values the ranges {@code [ranges[0][k], ranges[1][k])} of cols[k] hold. */
  static int distinct(List<Utf8Column> cols, int[][] ranges) {
    int total = 0;
    for (int k = 0; k < cols.size(); k++) {
      total += ranges[1][k] - ranges[0][k];
    }
    int capacity = HashCapacity.forEntries(total, 4);
    int mask = capacity - 1;
    long[] slots = new long[capacity]; // (col << 32 | value) + 1; 0 = empty
    int distinct = 0;
    for (int k = 0; k < cols.size(); k++) {
      Utf8Column c = cols.get(k);
      for (int v = ranges[0][k]; v < ranges[1][k]; v++) {
        int slot = HashCapacity.spread(c.hashAt(v)) & mask;
        while (true) {
          long ref = slots[slot] - 1;
          if (ref < 0) {
            slots[slot] = (((long) k << 32) | v) + 1;
            distinct++;
            break;
          }
          if (cols.get((int) (ref >>> 32)).equalsAt((int) ref, c, v)) {
            break;
          }
          slot = (slot + 1) & mask;
        }
      }
    }
    return distinct;
  }

  /**
   * The rows of a customer's entries in source order, as (part << 32 | row). Each entry's rows are
   * in source order already, and entries of different blocks of one file cover disjoint stretches
   * of it, so the entries ordered by their first row usually give the order by themselves; when
   * they overlap, the rows are sorted.
   */
  private static long[] inSourceOrder(List<CustomerPartials> parts, long[] entries, int rows) {
    Long[] byFirstRow = new Long[entries.length];
    for (int k = 0; k < entries.length; k++) {
      byFirstRow[k] = entries[k];
    }
    Arrays.sort(
        byFirstRow,
        (a, b) -> {
          CustomerPartials x = parts.get((int) (a >>> 32));
          CustomerPartials y = parts.get((int) (b >>> 32));
          return x.compareSourcePositions(
              x.rowsFrom((int) (long) a), y, y.rowsFrom((int) (long) b));
        });
    long[] ordered = new long[rows];
    int n = 0;
    boolean sorted = true;
    for (long ref : byFirstRow) {
      long p = ref >>> 32;
      CustomerPartials part = parts.get((int) p);
      int from = part.rowsFrom((int) ref);
      if (n > 0) {
        CustomerPartials prev = parts.get((int) (ordered[n - 1] >>> 32));
        sorted &= prev.compareSourcePositions((int) ordered[n - 1], part, from) < 0;
      }
      for (int r = from; r < part.rowsTo((int) ref); r++) {
        ordered[n++] = (p << 32) | r;
      }
    }
    if (sorted) {
      return ordered;
    }
    Long[] boxed = new Long[rows];
    for (int k = 0; k < rows; k++) {
      boxed[k] = ordered[k];
    }
    Arrays.sort(
        boxed,
        (a, b) ->
            parts
                .get((int) (a >>> 32))
                .compareSourcePositions(
                    (int) (long) a, parts.get((int) (b >>> 32)), (int) (long) b));
    for (int k = 0; k < rows; k++) {
      ordered[k] = boxed[k];
    }
    return ordered;
  }
}
