// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.nio.ByteBuffer;
import java.util.Arrays;

/**
 * A growable byte buffer that writes Avro's binary encoding of longs (zig-zag varints) and raw
 * bytes: enough to encode a record of strings and longs field by field, with the bytes Avro's own
 * {@code BinaryEncoder} writes, without building the record. {@link #clear} reuses it.
 */
public final class AvroBuffer {
  private byte[] bytes = new byte[256];
  private int size;

  public void clear() {
    size = 0;
  }

  public int size() {
    return size;
  }

  /** The bytes written since the last {@link #clear}, not copied. */
  public ByteBuffer contents() {
    return ByteBuffer.wrap(bytes, 0, size);
  }

  private void reserve(int more) {
    if (size + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + more));
    }
  }

  /** Avro's {@code long}: zig-zag, then 7 bits a byte, low bits first. */
  public void writeLong(long value) {
    reserve(10);
    long n = (value << 1) ^ (value >> 63);
    while ((n & ~0x7FL) != 0) {
      bytes[size++] = (byte) ((n & 0x7F) | 0x80);
      n >>>= 7;
    }
    bytes[size++] = (byte) n;
  }

  public void write(byte[] src, int from, int len) {
    reserve(len);
    System.arraycopy(src, from, bytes, size, len);
    size += len;
  }
}
