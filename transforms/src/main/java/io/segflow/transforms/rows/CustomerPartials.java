// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * What one block's used rows say about each of its customers (an <em>entry</em> per customer), so
 * that the engine shuffles customer summaries instead of rows. Per entry: the customer id, the
 * first and last invoice time, the distinct invoices and stock codes. Per row, only what merging
 * entries of the same customer from other blocks may still need: the source position (to sum and to
 * find copies in file order), the 128-bit fingerprint (a row of another block may be an exact
 * copy), the quantity, the amount (quantity × unit price), the calendar day (for the customer's
 * purchase days) and the country. No raw text, no description, no per-row strings: a fraction of
 * the bytes of the rows themselves.
 *
 * <p>An entry's rows are in source order and hold no two copies of one row; copies across blocks
 * are found when entries are merged.
 */
public final class CustomerPartials {
  private final int entries;
  private final Utf8Column customerId;
  private final long[] firstTime;
  private final long[] lastTime;

  /** Entry e's distinct invoices are {@code invoices[invoiceEnd[e - 1], invoiceEnd[e])}. */
  private final int[] invoiceEnd;

  private final Utf8Column invoices;
  private final int[] productEnd;
  private final Utf8Column products;

  /** Entry e's rows are {@code [rowEnd[e - 1], rowEnd[e])}. */
  private final int[] rowEnd;

  private final Utf8Column files;
  private final int[] fileIndex;
  private final long[] line;
  private final long[] fingerprintHi;
  private final long[] fingerprintLo;
  private final long[] quantity;
  private final double[] amount;

  /**
   * Row r's calendar day: days since 1970-01-01 of its invoice time (local to the input's zone).
   */
  private final int[] day;

  /** The distinct countries of the rows; row r's is {@code countries[country[r]]} (-1: none). */
  private final Utf8Column countries;

  private final int[] country;

  private CustomerPartials(
      int entries,
      Utf8Column customerId,
      long[] firstTime,
      long[] lastTime,
      int[] invoiceEnd,
      Utf8Column invoices,
      int[] productEnd,
      Utf8Column products,
      int[] rowEnd,
      Utf8Column files,
      int[] fileIndex,
      long[] line,
      long[] fingerprintHi,
      long[] fingerprintLo,
      long[] quantity,
      double[] amount,
      int[] day,
      Utf8Column countries,
      int[] country) {
    this.entries = entries;
    this.customerId = customerId;
    this.firstTime = firstTime;
    this.lastTime = lastTime;
    this.invoiceEnd = invoiceEnd;
    this.invoices = invoices;
    this.productEnd = productEnd;
    this.products = products;
    this.rowEnd = rowEnd;
    this.files = files;
    this.fileIndex = fileIndex;
    this.line = line;
    this.fingerprintHi = fingerprintHi;
    this.fingerprintLo = fingerprintLo;
    this.quantity = quantity;
    this.amount = amount;
    this.day = day;
    this.countries = countries;
    this.country = country;
  }

  public int entries() {
    return entries;
  }

  public int rows() {
    return entries == 0 ? 0 : rowEnd[entries - 1];
  }

  public Utf8Column customerIds() {
    return customerId;
  }

  public String customerId(int e) {
    return customerId.get(e);
  }

  public long firstTime(int e) {
    return firstTime[e];
  }

  public long lastTime(int e) {
    return lastTime[e];
  }

  public Utf8Column invoices() {
    return invoices;
  }

  public int invoicesFrom(int e) {
    return e == 0 ? 0 : invoiceEnd[e - 1];
  }

  public int invoicesTo(int e) {
    return invoiceEnd[e];
  }

  public Utf8Column products() {
    return products;
  }

  public int productsFrom(int e) {
    return e == 0 ? 0 : productEnd[e - 1];
  }

  public int productsTo(int e) {
    return productEnd[e];
  }

  public int rowsFrom(int e) {
    return e == 0 ? 0 : rowEnd[e - 1];
  }

  public int rowsTo(int e) {
    return rowEnd[e];
  }

  public String file(int r) {
    return files.get(fileIndex[r]);
  }

  public long line(int r) {
    return line[r];
  }

  /** Orders rows by source file, then line (as {@link TransactionBlock} does). */
  public int compareSourcePositions(int r, CustomerPartials other, int s) {
    int c = files.compareAt(fileIndex[r], other.files, other.fileIndex[s]);
    return c != 0 ? c : Long.compare(line[r], other.line[s]);
  }

  public long fingerprintHi(int r) {
    return fingerprintHi[r];
  }

  public long fingerprintLo(int r) {
    return fingerprintLo[r];
  }

  public long quantity(int r) {
    return quantity[r];
  }

  public double amount(int r) {
    return amount[r];
  }

  /** Row r's calendar day (days since 1970-01-01). */
  public int day(int r) {
    return day[r];
  }

  /** Null when the row has no country. */
  public String country(int r) {
    return country[r] < 0 ? null : countries.get(country[r]);
  }

  /** Whether row r has the country of row s of {@code other} (two rows without one do too). */
  public boolean sameCountry(int r, CustomerPartials other, int s) {
    if (country[r] < 0 || other.country[s] < 0) {
      return country[r] < 0 && other.country[s] < 0;
    }
    return countries.equalsAt(country[r], other.countries, other.country[s]);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof CustomerPartials p)) {
      return false;
    }
    return entries == p.entries
        && customerId.equals(p.customerId)
        && Arrays.equals(firstTime, p.firstTime)
        && Arrays.equals(lastTime, p.lastTime)
        && Arrays.equals(invoiceEnd, p.invoiceEnd)
        && invoices.equals(p.invoices)
        && Arrays.equals(productEnd, p.productEnd)
        && products.equals(p.products)
        && Arrays.equals(rowEnd, p.rowEnd)
        && files.equals(p.files)
        && Arrays.equals(fileIndex, p.fileIndex)
        && Arrays.equals(line, p.line)
        && Arrays.equals(fingerprintHi, p.fingerprintHi)
        && Arrays.equals(fingerprintLo, p.fingerprintLo)
        && Arrays.equals(quantity, p.quantity)
        && Arrays.equals(amount, p.amount)
        && Arrays.equals(day, p.day)
        && countries.equals(p.countries)
        && Arrays.equals(country, p.country);
  }

  @Override
  public int hashCode() {
    return 31 * customerId.hashCode() + Arrays.hashCode(line);
  }

  @Override
  public String toString() {
    return "CustomerPartials{" + entries + " customers, " + rows() + " rows}";
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Collects entries, one customer's rows at a time. */
  public static final class Builder {
    private int entries;
    private final Utf8Column.Builder customerId = new Utf8Column.Builder(256, 2048);
    private long[] firstTime = new long[256];
    private long[] lastTime = new long[256];
    private int[] invoiceEnd = new int[256];
    private final Utf8Column.Builder invoices = new Utf8Column.Builder(512, 4096);
    private int invoiceCount;
    private int[] productEnd = new int[256];
    private final Utf8Column.Builder products = new Utf8Column.Builder(1024, 8192);
    private int productCount;
    private int[] rowEnd = new int[256];
    private int rows;
    private final List<String> fileNames = new ArrayList<>();
    private final Map<String, Integer> fileIds = new HashMap<>();
    private int[] fileIndex = new int[1024];
    private long[] line = new long[1024];
    private long[] fingerprintHi = new long[1024];
    private long[] fingerprintLo = new long[1024];
    private long[] quantity = new long[1024];
    private double[] amount = new double[1024];
    private int[] day = new int[1024];
    private final List<String> countryNames = new ArrayList<>();
    private final Map<String, Integer> countryIds = new HashMap<>();
    private int[] country = new int[1024];
    // The last row's source and country, to look names up only when they change.
    private TransactionBlock lastBlock;
    private int lastRow = -1;
    private int lastFileId;
    private int lastCountryId;

    public boolean isEmpty() {
      return entries == 0;
    }

    /**
     * Adds the customer of rows [from, to) of a block grouped by customer, leaving out the rows
     * whose {@code dropped} entry is 0 or more (null: none dropped). At least one row must stay.
     */
    public Builder addCustomer(TransactionBlock b, int from, int to, int[] dropped) {
      return addCustomer(b, null, from, to, dropped);
    }

    /**
     * As {@link #addCustomer(TransactionBlock, int, int, int[])} for the rows {@code order[from,
     * to)} of {@code b} (in that order; null: rows from to to themselves), so that a block need not
     * be copied into grouped order first; {@code dropped} is indexed like {@code order}.
     */
    public Builder addCustomer(TransactionBlock b, int[] order, int from, int to, int[] dropped) {
      if (entries == firstTime.length) {
        int size = entries * 2;
        firstTime = Arrays.copyOf(firstTime, size);
        lastTime = Arrays.copyOf(lastTime, size);
        invoiceEnd = Arrays.copyOf(invoiceEnd, size);
        productEnd = Arrays.copyOf(productEnd, size);
        rowEnd = Arrays.copyOf(rowEnd, size);
      }
      customerId.addFrom(b.customerIds(), order == null ? from : order[from]);
      long first = Long.MAX_VALUE;
      long last = Long.MIN_VALUE;
      for (int k = from; k < to; k++) {
        if (dropped != null && dropped[k] >= 0) {
          continue; // a copy: the same times, invoice and stock code as the row it copies
        }
        int i = order == null ? k : order[k];
        first = Math.min(first, b.time(i));
        last = Math.max(last, b.time(i));
        addRow(b, i);
      }
      firstTime[entries] = first;
      lastTime[entries] = last;
      invoiceCount += b.invoiceColumn().addDistinctTo(order, from, to, invoices);
      invoiceEnd[entries] = invoiceCount;
      productCount += b.stockCodeColumn().addDistinctTo(order, from, to, products);
      productEnd[entries] = productCount;
      rowEnd[entries] = rows;
      entries++;
      return this;
    }

    @SuppressWarnings("ReferenceEquality") // rows of the block added last share its file ids
    private void addRow(TransactionBlock b, int i) {
      if (rows == line.length) {
        int size = rows * 2;
        fileIndex = Arrays.copyOf(fileIndex, size);
        line = Arrays.copyOf(line, size);
        fingerprintHi = Arrays.copyOf(fingerprintHi, size);
        fingerprintLo = Arrays.copyOf(fingerprintLo, size);
        quantity = Arrays.copyOf(quantity, size);
        amount = Arrays.copyOf(amount, size);
        day = Arrays.copyOf(day, size);
        country = Arrays.copyOf(country, size);
      }
      boolean sameBlock = b == lastBlock;
      fileIndex[rows] =
          sameBlock && b.fileIndex(i) == b.fileIndex(lastRow)
              ? lastFileId
              : id(b.file(i), fileNames, fileIds);
      country[rows] =
          sameBlock && b.countryColumn().equalsAt(i, b.countryColumn(), lastRow)
              ? lastCountryId
              : countryId(b.country(i));
      lastBlock = b;
      lastRow = i;
      lastFileId = fileIndex[rows];
      lastCountryId = country[rows];
      line[rows] = b.line(i);
      fingerprintHi[rows] = b.fingerprintHi(i);
      fingerprintLo[rows] = b.fingerprintLo(i);
      quantity[rows] = b.quantity(i);
      amount[rows] = b.lineValue(i);
      day[rows] = b.day(i);
      rows++;
    }

    private int countryId(String name) {
      return name == null ? -1 : id(name, countryNames, countryIds);
    }

    private static int id(String name, List<String> names, Map<String, Integer> ids) {
      return ids.computeIfAbsent(
          name,
          n -> {
            names.add(n);
            return names.size() - 1;
          });
    }

    public CustomerPartials build() {
      return new CustomerPartials(
          entries,
          customerId.build(),
          Arrays.copyOf(firstTime, entries),
          Arrays.copyOf(lastTime, entries),
          Arrays.copyOf(invoiceEnd, entries),
          invoices.build(),
          Arrays.copyOf(productEnd, entries),
          products.build(),
          Arrays.copyOf(rowEnd, entries),
          column(fileNames),
          Arrays.copyOf(fileIndex, rows),
          Arrays.copyOf(line, rows),
          Arrays.copyOf(fingerprintHi, rows),
          Arrays.copyOf(fingerprintLo, rows),
          Arrays.copyOf(quantity, rows),
          Arrays.copyOf(amount, rows),
          Arrays.copyOf(day, rows),
          column(countryNames),
          Arrays.copyOf(country, rows));
    }

    private static Utf8Column column(List<String> values) {
      Utf8Column.Builder b = new Utf8Column.Builder(values.size(), 16 * values.size());
      values.forEach(b::add);
      return b.build();
    }
  }

  /** Column by column, as {@link TransactionBlock.Coder}. */
  public static final class Coder extends AtomicCoder<CustomerPartials> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(CustomerPartials p, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      int n = p.entries;
      int rows = p.rows();
      out.writeInt(n);
      out.writeInt(rows);
      p.customerId.encode(out);
      BinaryIo.writeLongs(out, p.firstTime, n);
      BinaryIo.writeLongs(out, p.lastTime, n);
      BinaryIo.writeIntArray(out, p.invoiceEnd, n);
      p.invoices.encode(out);
      BinaryIo.writeIntArray(out, p.productEnd, n);
      p.products.encode(out);
      BinaryIo.writeIntArray(out, p.rowEnd, n);
      p.files.encode(out);
      BinaryIo.writeIntArray(out, p.fileIndex, rows);
      BinaryIo.writeLongs(out, p.line, rows);
      BinaryIo.writeLongs(out, p.fingerprintHi, rows);
      BinaryIo.writeLongs(out, p.fingerprintLo, rows);
      BinaryIo.writeLongs(out, p.quantity, rows);
      BinaryIo.writeDoubles(out, p.amount, rows);
      BinaryIo.writeIntArray(out, p.day, rows);
      p.countries.encode(out);
      BinaryIo.writeIntArray(out, p.country, rows);
      out.flush();
    }

    @Override
    public CustomerPartials decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      int rows = in.readInt();
      Utf8Column customerId = Utf8Column.decode(in);
      long[] firstTime = BinaryIo.readLongs(in, n);
      long[] lastTime = BinaryIo.readLongs(in, n);
      int[] invoiceEnd = BinaryIo.readIntArray(in, n);
      Utf8Column invoices = Utf8Column.decode(in);
      int[] productEnd = BinaryIo.readIntArray(in, n);
      Utf8Column products = Utf8Column.decode(in);
      int[] rowEnd = BinaryIo.readIntArray(in, n);
      Utf8Column files = Utf8Column.decode(in);
      int[] fileIndex = BinaryIo.readIntArray(in, rows);
      long[] line = BinaryIo.readLongs(in, rows);
      long[] fingerprintHi = BinaryIo.readLongs(in, rows);
      long[] fingerprintLo = BinaryIo.readLongs(in, rows);
      long[] quantity = BinaryIo.readLongs(in, rows);
      double[] amount = BinaryIo.readDoubles(in, rows);
      int[] day = BinaryIo.readIntArray(in, rows);
      Utf8Column countries = Utf8Column.decode(in);
      int[] country = BinaryIo.readIntArray(in, rows);
      return new CustomerPartials(
          n,
          customerId,
          firstTime,
          lastTime,
          invoiceEnd,
          invoices,
          productEnd,
          products,
          rowEnd,
          files,
          fileIndex,
          line,
          fingerprintHi,
          fingerprintLo,
          quantity,
          amount,
          day,
          countries,
          country);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
