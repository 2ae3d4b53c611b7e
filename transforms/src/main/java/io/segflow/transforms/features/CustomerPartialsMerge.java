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
    Row[] ordered = new Row[rows];
    int n = 0;
    for (long ref : entries) {
      CustomerPartials p = parts.get((int) (ref >>> 32));
      for (int r = p.rowsFrom((int) ref); r < p.rowsTo((int) ref); r++) {
        ordered[n++] = new Row(p, r);
      }
    }
    // Source order, whatever order the blocks arrived in.
    Arrays.sort(ordered, (a, b) -> a.part.compareSourcePositions(a.row, b.part, b.row));
    boolean[] dropped = new boolean[rows];
    if (dropCopies) {
      seen.clear(rows);
      for (int k = 0; k < rows; k++) {
        Row x = ordered[k];
        int copied = seen.putIfAbsent(x.part.fingerprintHi(x.row), x.part.fingerprintLo(x.row), k);
        if (copied >= 0) {
          dropped[k] = true;
          Row y = ordered[copied];
          copies.accept(
              x.part.file(x.row), x.part.line(x.row), y.part.file(y.row), y.part.line(y.row));
        }
      }
    }
    double monetary = 0;
    long quantity = 0;
    List<Row> used = new ArrayList<>(rows);
    PurchaseDays days = new PurchaseDays(rows, dayLists != null);
    boolean oneCountry = true;
    for (int k = 0; k < rows; k++) {
      if (dropped[k]) {
        continue;
      }
      Row x = ordered[k];
      monetary += x.part.amount(x.row);
      quantity += x.part.quantity(x.row);
      days.add(x.part.day(x.row), x.part.amount(x.row));
      used.add(x);
      Row head = used.get(0);
      oneCountry &= x.part.sameCountry(x.row, head.part, head.row);
    }
    Row head = used.get(0);
    String country =
        oneCountry
            ? head.part.country(head.row)
            : CustomerFeatures.mostFrequentCountry(
                used.size(), i -> used.get(i).part.country(used.get(i).row));
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
            used.size(),
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

  /** Row {@code row} of summary {@code part}. */
  private record Row(CustomerPartials part, int row) {}
}
