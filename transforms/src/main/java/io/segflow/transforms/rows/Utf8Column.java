// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * An immutable column of nullable strings kept as one UTF-8 byte array plus offsets. Copying or
 * encoding a column is then a couple of array copies, whatever the number of rows, which is what
 * runners do to every shuffled block (the DirectRunner even clones grouped values); strings are
 * only materialised when a stage reads them.
 */
public final class Utf8Column {
  private final byte[] data;

  /**
   * Start of value i; {@code offsets[n]} is the end. A null value has start == -(previous end)-1.
   */
  private final int[] offsets;

  private final int n;

  private Utf8Column(byte[] data, int[] offsets, int n) {
    this.data = data;
    this.offsets = offsets;
    this.n = n;
  }

  public int size() {
    return n;
  }

  public boolean isNull(int i) {
    return offsets[i] < 0;
  }

  private int start(int i) {
    int s = offsets[i];
    return s < 0 ? -s - 1 : s;
  }

  private int end(int i) {
    int e = offsets[i + 1];
    return e < 0 ? -e - 1 : e;
  }

  public String get(int i) {
    if (isNull(i)) {
      return null;
    }
    int s = start(i);
    return new String(data, s, end(i) - s, StandardCharsets.UTF_8);
  }

  /**
   * Appends value i to {@code out} as Avro encodes a string: its UTF-8 length as a zig-zag varint,
   * then the bytes. The bytes are those of {@link #get}'s string re-encoded, as an Avro writer
   * given that string would write them: ASCII values are copied as they are, any other value goes
   * through its string (so bytes that are not valid UTF-8 come out as Avro would write their
   * decoding).
   *
   * @throws NullPointerException when value i is null (Avro's writers refuse a null string too)
   */
  public void writeAvroString(int i, AvroBuffer out) {
    if (isNull(i)) {
      throw new NullPointerException("null value in row " + i + " of a non-null string field");
    }
    int s = start(i);
    int e = end(i);
    for (int k = s; k < e; k++) {
      if (data[k] < 0) {
        byte[] utf8 = get(i).getBytes(StandardCharsets.UTF_8);
        out.writeLong(utf8.length);
        out.write(utf8, 0, utf8.length);
        return;
      }
    }
    out.writeLong(e - s);
    out.write(data, s, e - s);
  }

  /** Whether value i equals value j of this column (nulls equal each other). */
  public boolean equalsAt(int i, int j) {
    return equalsAt(i, this, j);
  }

  /** Whether value i is non-null and its first byte is {@code b}. */
  public boolean startsWith(int i, byte b) {
    return !isNull(i) && end(i) > start(i) && data[start(i)] == b;
  }

  /** True when value i equals value j of {@code other} (nulls equal each other). */
  public boolean equalsAt(int i, Utf8Column other, int j) {
    if (isNull(i) || other.isNull(j)) {
      return isNull(i) && other.isNull(j);
    }
    return Arrays.equals(data, start(i), end(i), other.data, other.start(j), other.end(j));
  }

  /**
   * Orders by unsigned UTF-8 bytes, which is code point order; nulls first. Deterministic across
   * JVMs and runners, which is all the callers need.
   */
  public int compareAt(int i, Utf8Column other, int j) {
    if (isNull(i) || other.isNull(j)) {
      return Boolean.compare(!isNull(i), !other.isNull(j));
    }
    return Arrays.compareUnsigned(data, start(i), end(i), other.data, other.start(j), other.end(j));
  }

  /** A hash of value i's bytes (stable across JVMs). */
  public int hashAt(int i) {
    if (isNull(i)) {
      return 0;
    }
    int h = 1;
    for (int k = start(i), e = end(i); k < e; k++) {
      h = 31 * h + data[k];
    }
    return h;
  }

  /**
   * How many distinct values rows [from, to) hold (null counts as one value), as a set of their
   * strings would say, without making the strings: values are valid UTF-8, so equal bytes and equal
   * strings are the same thing.
   */
  public int distinctIn(int from, int to) {
    return distinct(from, to, null);
  }

  /**
   * Appends the distinct values of rows [from, to) to {@code out}, each once, in the order they
   * first occur; returns how many it appended.
   */
  public int addDistinctTo(int from, int to, Builder out) {
    return distinct(null, from, to, out);
  }

  /**
   * As {@link #addDistinctTo(int, int, Builder)} for the values of rows {@code rows[from, to)} (in
   * that order; null: rows from to to themselves).
   */
  public int addDistinctTo(int[] rows, int from, int to, Builder out) {
    return distinct(rows, from, to, out);
  }

  private int distinct(int from, int to, Builder out) {
    return distinct(null, from, to, out);
  }

  private int distinct(int[] rows, int from, int to, Builder out) {
    int n = to - from;
    if (n <= 1) {
      if (out != null && n == 1) {
        out.addFrom(this, rows == null ? from : rows[from]);
      }
      return Math.max(n, 0);
    }
    int capacity = HashCapacity.forEntries(n, 4);
    int mask = capacity - 1;
    int[] slots = new int[capacity]; // row + 1; 0 = empty
    int distinct = 0;
    for (int k = from; k < to; k++) {
      int i = rows == null ? k : rows[k];
      int slot = HashCapacity.spread(hashAt(i)) & mask;
      while (true) {
        int row = slots[slot] - 1;
        if (row < 0) {
          slots[slot] = i + 1;
          distinct++;
          if (out != null) {
            out.addFrom(this, i);
          }
          break;
        }
        if (equalsAt(row, this, i)) {
          break;
        }
        slot = (slot + 1) & mask;
      }
    }
    return distinct;
  }

  /** Whether rows [from, to) all hold the value of row {@code from} (nulls equal each other). */
  public boolean sameIn(int from, int to) {
    for (int i = from + 1; i < to; i++) {
      if (!equalsAt(from, this, i)) {
        return false;
      }
    }
    return true;
  }

  void encode(DataOutputStream out) throws IOException {
    out.writeInt(n);
    BinaryIo.writeIntArray(out, offsets, n + 1);
    int len = offsets[n];
    out.writeInt(len);
    out.write(data, 0, len);
  }

  static Utf8Column decode(DataInputStream in) throws IOException {
    int n = in.readInt();
    int[] offsets = BinaryIo.readIntArray(in, n + 1);
    byte[] data = new byte[in.readInt()];
    in.readFully(data);
    return new Utf8Column(data, offsets, n);
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof Utf8Column c)) {
      return false;
    }
    if (c.n != n) {
      return false;
    }
    for (int i = 0; i < n; i++) {
      if (!equalsAt(i, c, i)) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    int h = n;
    for (int i = 0; i < n; i++) {
      h = 31 * h + hashAt(i);
    }
    return h;
  }

  /** Appends values; {@link #build} freezes them. */
  public static final class Builder {
    private byte[] data;
    private int[] offsets;
    private int n;
    private int pos;

    public Builder(int expectedRows, int expectedBytes) {
      data = new byte[Math.max(16, expectedBytes)];
      offsets = new int[Math.max(2, expectedRows + 1)];
    }

    private void reserve(int bytes) {
      reserve(1, bytes);
    }

    private void reserve(int rows, int bytes) {
      if (n + rows + 1 > offsets.length) {
        offsets = Arrays.copyOf(offsets, Math.max(offsets.length * 2, n + rows + 1));
      }
      if (pos + bytes > data.length) {
        data = Arrays.copyOf(data, Math.max(data.length * 2, pos + bytes));
      }
    }

    public Builder add(String value) {
      if (value == null) {
        reserve(0);
        offsets[n] = -pos - 1;
        n++;
        offsets[n] = pos;
        return this;
      }
      byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
      return addBytes(bytes, 0, bytes.length);
    }

    /**
     * Appends the UTF-8 bytes {@code src[from, to)} as one value (null when {@code from} is
     * negative), without decoding them.
     */
    public Builder addUtf8(byte[] src, int from, int to) {
      return from < 0 ? add(null) : addBytes(src, from, to - from);
    }

    private Builder addBytes(byte[] src, int from, int len) {
      reserve(len);
      System.arraycopy(src, from, data, pos, len);
      offsets[n] = pos;
      pos += len;
      n++;
      offsets[n] = pos;
      return this;
    }

    /** Copies values [from, to) of another column with one array copy. */
    public Builder addRange(Utf8Column c, int from, int to) {
      if (from >= to) {
        return this;
      }
      int count = to - from;
      int s = c.start(from);
      int len = c.end(to - 1) - s;
      reserve(count, len);
      System.arraycopy(c.data, s, data, pos, len);
      int shift = pos - s;
      for (int k = 0; k < count; k++) {
        int o = c.offsets[from + k];
        offsets[n + k] = o < 0 ? o - shift : o + shift; // a null's -(start)-1 moves the other way
      }
      n += count;
      pos += len;
      offsets[n] = pos;
      return this;
    }

    /** Copies value i of another column without decoding it. */
    public Builder addFrom(Utf8Column c, int i) {
      if (c.isNull(i)) {
        return add(null);
      }
      int s = c.start(i);
      return addBytes(c.data, s, c.end(i) - s);
    }

    public int size() {
      return n;
    }

    public Utf8Column build() {
      int[] finalOffsets = Arrays.copyOf(offsets, n + 1);
      finalOffsets[n] = pos;
      return new Utf8Column(Arrays.copyOf(data, pos), finalOffsets, n);
    }
  }
}
