// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.Map;
import java.util.Objects;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Parsed transaction lines, stored column by column (strings as {@link Utf8Column}s). One element
 * carries thousands of rows so that the engine's per-element cost is paid once per block, and
 * copying a block (runners do, when they shuffle) is a handful of array copies.
 *
 * <p>Each row keeps its source file, line and raw text so that any later stage can still reject it
 * with its full provenance. {@code time} is the invoice date-time as seconds since 1970-01-01T00:00
 * of the same wall clock (the input has no time zone). {@code fingerprintHi/Lo} is a 128-bit hash
 * of the parsed columns and the text of any other field: two rows are duplicates when their
 * fingerprints are equal.
 *
 * <p>{@code unitPrice} is the money as read: a unit price, or, in a block of <em>line totals</em>
 * (the input's money is an {@code amount} column), the row's total; {@link #lineValue} is the row's
 * money either way.
 *
 * <p>A block is <em>grouped by customer</em> when it holds every used row of each customer in it,
 * sorted by customer, then source file, then line; per-customer stages require that.
 */
public final class TransactionBlock {
  private final int n;

  /** The distinct source files of the block; row i came from {@code files[fileIndex[i]]}. */
  private final Utf8Column files;

  private final int[] fileIndex;
  private final long[] line;
  private final Utf8Column raw;
  private final Utf8Column invoice;
  private final Utf8Column stockCode;
  private final long[] quantity;
  private final long[] time;
  private final double[] unitPrice;
  private final Utf8Column customerId;
  private final Utf8Column country;
  private final long[] fingerprintHi;
  private final long[] fingerprintLo;
  private final boolean groupedByCustomer;
  private final boolean lineTotals;

  private TransactionBlock(
      int n,
      Utf8Column files,
      int[] fileIndex,
      long[] line,
      Utf8Column raw,
      Utf8Column invoice,
      Utf8Column stockCode,
      long[] quantity,
      long[] time,
      double[] unitPrice,
      Utf8Column customerId,
      Utf8Column country,
      long[] fingerprintHi,
      long[] fingerprintLo,
      boolean groupedByCustomer,
      boolean lineTotals) {
    this.n = n;
    this.files = files;
    this.fileIndex = fileIndex;
    this.line = line;
    this.raw = raw;
    this.invoice = invoice;
    this.stockCode = stockCode;
    this.quantity = quantity;
    this.time = time;
    this.unitPrice = unitPrice;
    this.customerId = customerId;
    this.country = country;
    this.fingerprintHi = fingerprintHi;
    this.fingerprintLo = fingerprintLo;
    this.groupedByCustomer = groupedByCustomer;
    this.lineTotals = lineTotals;
  }

  /** Whether {@link #unitPrice} holds each row's total rather than a price per unit. */
  public boolean hasLineTotals() {
    return lineTotals;
  }

  /**
   * Whether row i is a return: a cancellation (order id starting with C) or a negative quantity.
   */
  public boolean isReturn(int i) {
    return quantity[i] < 0 || invoice.startsWith(i, (byte) 'C');
  }

  /** Row i's money: its total, or quantity × unit price. */
  public double lineValue(int i) {
    return lineTotals ? unitPrice[i] : quantity[i] * unitPrice[i];
  }

  public int size() {
    return n;
  }

  public boolean isEmpty() {
    return n == 0;
  }

  public boolean isGroupedByCustomer() {
    return groupedByCustomer;
  }

  public String file(int i) {
    return files.get(fileIndex[i]);
  }

  /** Appends row i's source file and raw text to two columns, as bytes. */
  void copySourceTo(int i, Utf8Column.Builder fileOut, Utf8Column.Builder rawOut) {
    fileOut.addFrom(files, fileIndex[i]);
    rawOut.addFrom(raw, i);
  }

  /** Whether row i's InvoiceNo starts with the ASCII character {@code c} (no decoding). */
  public boolean invoiceStartsWith(int i, char c) {
    return invoice.startsWith(i, (byte) c);
  }

  public long line(int i) {
    return line[i];
  }

  public String raw(int i) {
    return raw.get(i);
  }

  public String invoice(int i) {
    return invoice.get(i);
  }

  public String stockCode(int i) {
    return stockCode.get(i);
  }

  /** Distinct invoice numbers in rows [from, to). */
  public int distinctInvoices(int from, int to) {
    return invoice.distinctIn(from, to);
  }

  /** Distinct stock codes in rows [from, to). */
  public int distinctStockCodes(int from, int to) {
    return stockCode.distinctIn(from, to);
  }

  /** Whether rows [from, to) all have the country of row {@code from} (or all none). */
  public boolean oneCountryIn(int from, int to) {
    return country.sameIn(from, to);
  }

  public long quantity(int i) {
    return quantity[i];
  }

  public long time(int i) {
    return time[i];
  }

  /**
   * Row i's calendar day, days since 1970-01-01: invoice times are already local to {@code
   * input.timezone}, so these are the days recency counts.
   */
  public int day(int i) {
    return (int) Math.floorDiv(time[i], 86_400L);
  }

  public double unitPrice(int i) {
    return unitPrice[i];
  }

  /** Null when the row has no customer id. */
  public String customerId(int i) {
    return customerId.get(i);
  }

  public boolean hasCustomerId(int i) {
    return !customerId.isNull(i);
  }

  /** Whether rows i and j have the same customer id (without decoding either). */
  public boolean sameCustomer(int i, int j) {
    return customerId.equalsAt(i, customerId, j);
  }

  /** Whether row i's customer is row j's of {@code other}. */
  public boolean sameCustomer(int i, TransactionBlock other, int j) {
    return customerId.equalsAt(i, other.customerId, j);
  }

  /** Orders rows by source file, then line. */
  @SuppressWarnings("ReferenceEquality") // rows of one block with one file index share the file
  public int compareSourcePositions(int i, TransactionBlock other, int j) {
    if (other == this && fileIndex[i] == fileIndex[j]) {
      return Long.compare(line[i], line[j]);
    }
    int c = files.compareAt(fileIndex[i], other.files, other.fileIndex[j]);
    return c != 0 ? c : Long.compare(line[i], other.line[j]);
  }

  // Columns for other row containers of this package (columns are immutable).
  Utf8Column invoiceColumn() {
    return invoice;
  }

  Utf8Column stockCodeColumn() {
    return stockCode;
  }

  Utf8Column countryColumn() {
    return country;
  }

  int fileIndex(int i) {
    return fileIndex[i];
  }

  /** The customer id column (null where a row has none); columns are immutable. */
  public Utf8Column customerIds() {
    return customerId;
  }

  /** A stable hash of row i's customer id, for sharding. */
  public int customerHash(int i) {
    return customerId.hashAt(i);
  }

  /** Null when the file has no Country column or the field is empty. */
  public String country(int i) {
    return country.get(i);
  }

  public long fingerprintHi(int i) {
    return fingerprintHi[i];
  }

  public long fingerprintLo(int i) {
    return fingerprintLo[i];
  }

  /** Receives the row range [from, to) of one customer. */
  public interface CustomerRun {
    void accept(int from, int to);
  }

  /**
   * Walks the customers of a block grouped by customer, in order, one row range each.
   *
   * @throws IllegalArgumentException when the block is not grouped by customer
   */
  public void forEachCustomerRun(CustomerRun run) {
    if (!groupedByCustomer) {
      throw new IllegalArgumentException(
          "this stage needs blocks grouped by customer: apply GroupRowsByCustomer first");
    }
    forEachAdjacentRun(run);
  }

  /**
   * Walks the block's maximal runs of adjacent rows with the same customer id, in block order. In a
   * block grouped by customer, or one where {@link #hasWholeCustomerRuns}, a run is a customer.
   */
  public void forEachAdjacentRun(CustomerRun run) {
    int from = 0;
    while (from < n) {
      int to = from + 1;
      while (to < n && customerId.equalsAt(to, customerId, from)) {
        to++;
      }
      run.accept(from, to);
      from = to;
    }
  }

  /**
   * Whether each customer's rows are adjacent and in source order: what a grouped block guarantees,
   * except the order of the customers. Often true of a file's block when the file is sorted by
   * customer; then per-customer work needs no regrouping.
   */
  public boolean hasWholeCustomerRuns() {
    if (groupedByCustomer) {
      return true;
    }
    Utf8Column.Builder seen = new Utf8Column.Builder(64, 512);
    boolean[] whole = {true};
    forEachAdjacentRun(
        (from, to) -> {
          seen.addFrom(customerId, from);
          for (int i = from + 1; i < to && whole[0]; i++) {
            whole[0] = compareSourcePositions(i - 1, this, i) < 0;
          }
        });
    return whole[0] && seen.build().distinctIn(0, seen.size()) == seen.size();
  }

  /** Orders rows by customer, then source position: the order of a grouped block. */
  public int compareRows(int i, TransactionBlock other, int j) {
    int c = customerId.compareAt(i, other.customerId, j);
    return c != 0 ? c : compareSourcePositions(i, other, j);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof TransactionBlock b)) {
      return false;
    }
    return n == b.n
        && groupedByCustomer == b.groupedByCustomer
        && lineTotals == b.lineTotals
        && sameFiles(b)
        && Arrays.equals(line, b.line)
        && raw.equals(b.raw)
        && invoice.equals(b.invoice)
        && stockCode.equals(b.stockCode)
        && Arrays.equals(quantity, b.quantity)
        && Arrays.equals(time, b.time)
        && Arrays.equals(unitPrice, b.unitPrice)
        && customerId.equals(b.customerId)
        && country.equals(b.country)
        && Arrays.equals(fingerprintHi, b.fingerprintHi)
        && Arrays.equals(fingerprintLo, b.fingerprintLo);
  }

  private boolean sameFiles(TransactionBlock b) {
    for (int i = 0; i < n; i++) {
      if (!files.equalsAt(fileIndex[i], b.files, b.fileIndex[i])) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return Objects.hash(n, Arrays.hashCode(line), Arrays.hashCode(fingerprintLo));
  }

  @Override
  public String toString() {
    return "TransactionBlock{" + n + " rows" + (groupedByCustomer ? ", grouped" : "") + "}";
  }

  public static Builder builder() {
    return new Builder(1024);
  }

  public static Builder builder(int expectedRows) {
    return new Builder(Math.max(16, expectedRows));
  }

  /** Appends rows column by column; no per-row objects. */
  public static final class Builder {
    private int n;
    private final Utf8Column.Builder files = new Utf8Column.Builder(4, 256);
    private final Map<String, Integer> fileIds = new HashMap<>();

    /** Per source block's file dictionary: its file ids in this builder (-1: not seen yet). */
    private final IdentityHashMap<Utf8Column, int[]> fileIdsOf = new IdentityHashMap<>();

    private Utf8Column lastSourceFiles;
    private int[] lastSourceIds;
    private String lastFile;
    private int lastFileId;
    private int[] fileIndex;
    private long[] line;
    private final Utf8Column.Builder raw;
    private final Utf8Column.Builder invoice;
    private final Utf8Column.Builder stockCode;
    private long[] quantity;
    private long[] time;
    private double[] unitPrice;
    private final Utf8Column.Builder customerId;
    private final Utf8Column.Builder country;
    private long[] fingerprintHi;
    private long[] fingerprintLo;
    private boolean lineTotals;

    private Builder(int capacity) {
      raw = new Utf8Column.Builder(capacity, capacity * 96);
      invoice = new Utf8Column.Builder(capacity, capacity * 7);
      stockCode = new Utf8Column.Builder(capacity, capacity * 6);
      customerId = new Utf8Column.Builder(capacity, capacity * 5);
      country = new Utf8Column.Builder(capacity, capacity * 14);
      fileIndex = new int[capacity];
      line = new long[capacity];
      quantity = new long[capacity];
      time = new long[capacity];
      unitPrice = new double[capacity];
      fingerprintHi = new long[capacity];
      fingerprintLo = new long[capacity];
    }

    /** Whether the money added is each row's total (see {@link TransactionBlock#lineValue}). */
    public Builder withLineTotals(boolean lineTotals) {
      this.lineTotals = lineTotals;
      return this;
    }

    private void ensureCapacity() {
      ensureCapacity(1);
    }

    private void ensureCapacity(int more) {
      if (n + more <= line.length) {
        return;
      }
      int cap = Math.max(line.length * 2, n + more);
      fileIndex = Arrays.copyOf(fileIndex, cap);
      line = Arrays.copyOf(line, cap);
      quantity = Arrays.copyOf(quantity, cap);
      time = Arrays.copyOf(time, cap);
      unitPrice = Arrays.copyOf(unitPrice, cap);
      fingerprintHi = Arrays.copyOf(fingerprintHi, cap);
      fingerprintLo = Arrays.copyOf(fingerprintLo, cap);
    }

    @SuppressWarnings("ReferenceEquality") // the same String object as last time: skip equals
    private int fileId(String file) {
      if (file != lastFile && !file.equals(lastFile)) {
        lastFile = file;
        lastFileId =
            fileIds.computeIfAbsent(
                file,
                f -> {
                  files.add(f);
                  return files.size() - 1;
                });
      }
      return lastFileId;
    }

    @SuppressWarnings("ReferenceEquality") // source blocks are told apart by identity, on purpose
    private int fileIdOf(TransactionBlock b, int i) {
      if (b.files != lastSourceFiles) { // rows mostly come from one block at a time
        lastSourceFiles = b.files;
        lastSourceIds =
            fileIdsOf.computeIfAbsent(
                b.files,
                d -> {
                  int[] a = new int[d.size()];
                  Arrays.fill(a, -1);
                  return a;
                });
      }
      int[] ids = lastSourceIds;
      int source = b.fileIndex[i];
      if (ids[source] < 0) {
        ids[source] = fileId(b.files.get(source));
      }
      return ids[source];
    }

    private void addNumbers(
        int fileId,
        long line,
        long quantity,
        long time,
        double unitPrice,
        long fingerprintHi,
        long fingerprintLo) {
      ensureCapacity();
      this.fileIndex[n] = fileId;
      this.line[n] = line;
      this.quantity[n] = quantity;
      this.time[n] = time;
      this.unitPrice[n] = unitPrice;
      this.fingerprintHi[n] = fingerprintHi;
      this.fingerprintLo[n] = fingerprintLo;
      n++;
    }

    public Builder add(
        String file,
        long line,
        String raw,
        String invoice,
        String stockCode,
        long quantity,
        long time,
        double unitPrice,
        String customerId,
        String country,
        long fingerprintHi,
        long fingerprintLo) {
      int fileId = fileId(file);
      this.raw.add(raw);
      this.invoice.add(invoice);
      this.stockCode.add(stockCode);
      this.customerId.add(customerId);
      this.country.add(country);
      addNumbers(fileId, line, quantity, time, unitPrice, fingerprintHi, fingerprintLo);
      return this;
    }

    /** Copies rows [from, to) of another block, column by column with bulk array copies. */
    public Builder addRows(TransactionBlock b, int from, int to) {
      if (from >= to) {
        return this;
      }
      int count = to - from;
      lineTotals |= b.lineTotals;
      ensureCapacity(count);
      for (int k = 0; k < count; k++) {
        fileIndex[n + k] = fileIdOf(b, from + k);
      }
      System.arraycopy(b.line, from, line, n, count);
      System.arraycopy(b.quantity, from, quantity, n, count);
      System.arraycopy(b.time, from, time, n, count);
      System.arraycopy(b.unitPrice, from, unitPrice, n, count);
      System.arraycopy(b.fingerprintHi, from, fingerprintHi, n, count);
      System.arraycopy(b.fingerprintLo, from, fingerprintLo, n, count);
      raw.addRange(b.raw, from, to);
      invoice.addRange(b.invoice, from, to);
      stockCode.addRange(b.stockCode, from, to);
      customerId.addRange(b.customerId, from, to);
      country.addRange(b.country, from, to);
      n += count;
      return this;
    }

    /** Copies row i of another block. */
    public Builder addRow(TransactionBlock b, int i) {
      lineTotals |= b.lineTotals;
      int fileId = fileIdOf(b, i);
      raw.addFrom(b.raw, i);
      invoice.addFrom(b.invoice, i);
      stockCode.addFrom(b.stockCode, i);
      customerId.addFrom(b.customerId, i);
      country.addFrom(b.country, i);
      addNumbers(
          fileId,
          b.line[i],
          b.quantity[i],
          b.time[i],
          b.unitPrice[i],
          b.fingerprintHi[i],
          b.fingerprintLo[i]);
      return this;
    }

    public int size() {
      return n;
    }

    public TransactionBlock build() {
      return build(false);
    }

    /** Builds a block whose caller guarantees the grouped-by-customer property. */
    public TransactionBlock buildGroupedByCustomer() {
      return build(true);
    }

    private TransactionBlock build(boolean grouped) {
      return new TransactionBlock(
          n,
          files.build(),
          Arrays.copyOf(fileIndex, n),
          Arrays.copyOf(line, n),
          raw.build(),
          invoice.build(),
          stockCode.build(),
          Arrays.copyOf(quantity, n),
          Arrays.copyOf(time, n),
          Arrays.copyOf(unitPrice, n),
          customerId.build(),
          country.build(),
          Arrays.copyOf(fingerprintHi, n),
          Arrays.copyOf(fingerprintLo, n),
          grouped,
          lineTotals);
    }

    /**
     * Like {@link #add}, with the text columns given as ranges {@code [from, to)} of one array of
     * UTF-8 bytes (a negative {@code from} is null), so that the parser makes no Strings.
     */
    public Builder addUtf8(
        String file,
        long line,
        byte[] utf8,
        int rawFrom,
        int rawTo,
        int invoiceFrom,
        int invoiceTo,
        int stockCodeFrom,
        int stockCodeTo,
        long quantity,
        long time,
        double unitPrice,
        int customerIdFrom,
        int customerIdTo,
        int countryFrom,
        int countryTo,
        long fingerprintHi,
        long fingerprintLo) {
      int fileId = fileId(file);
      this.raw.addUtf8(utf8, rawFrom, rawTo);
      this.invoice.addUtf8(utf8, invoiceFrom, invoiceTo);
      this.stockCode.addUtf8(utf8, stockCodeFrom, stockCodeTo);
      this.customerId.addUtf8(utf8, customerIdFrom, customerIdTo);
      this.country.addUtf8(utf8, countryFrom, countryTo);
      addNumbers(fileId, line, quantity, time, unitPrice, fingerprintHi, fingerprintLo);
      return this;
    }
  }

  /** Binary coder: a few bulk array writes per block. */
  public static final class Coder extends AtomicCoder<TransactionBlock> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(TransactionBlock b, OutputStream os) throws IOException {
      encodePlain(b, new DataOutputStream(os));
    }

    @Override
    public TransactionBlock decode(InputStream is) throws IOException {
      return decodePlain(new DataInputStream(is));
    }

    private static void encodePlain(TransactionBlock b, DataOutputStream out) throws IOException {
      int n = b.n;
      out.writeInt(n);
      out.writeBoolean(b.groupedByCustomer);
      out.writeBoolean(b.lineTotals);
      b.files.encode(out);
      BinaryIo.writeIntArray(out, b.fileIndex, n);
      BinaryIo.writeLongs(out, b.line, n);
      b.raw.encode(out);
      b.invoice.encode(out);
      b.stockCode.encode(out);
      BinaryIo.writeLongs(out, b.quantity, n);
      BinaryIo.writeLongs(out, b.time, n);
      BinaryIo.writeDoubles(out, b.unitPrice, n);
      b.customerId.encode(out);
      b.country.encode(out);
      BinaryIo.writeLongs(out, b.fingerprintHi, n);
      BinaryIo.writeLongs(out, b.fingerprintLo, n);
      out.flush();
    }

    private static TransactionBlock decodePlain(DataInputStream in) throws IOException {
      int n = in.readInt();
      boolean grouped = in.readBoolean();
      boolean lineTotals = in.readBoolean();
      Utf8Column files = Utf8Column.decode(in);
      int[] fileIndex = BinaryIo.readIntArray(in, n);
      long[] line = BinaryIo.readLongs(in, n);
      Utf8Column raw = Utf8Column.decode(in);
      Utf8Column invoice = Utf8Column.decode(in);
      Utf8Column stockCode = Utf8Column.decode(in);
      long[] quantity = BinaryIo.readLongs(in, n);
      long[] time = BinaryIo.readLongs(in, n);
      double[] unitPrice = BinaryIo.readDoubles(in, n);
      Utf8Column customerId = Utf8Column.decode(in);
      Utf8Column country = Utf8Column.decode(in);
      long[] fpHi = BinaryIo.readLongs(in, n);
      long[] fpLo = BinaryIo.readLongs(in, n);
      return new TransactionBlock(
          n,
          files,
          fileIndex,
          line,
          raw,
          invoice,
          stockCode,
          quantity,
          time,
          unitPrice,
          customerId,
          country,
          fpHi,
          fpLo,
          grouped,
          lineTotals);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
