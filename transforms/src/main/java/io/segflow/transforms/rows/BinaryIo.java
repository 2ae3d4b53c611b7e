// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Column-at-a-time binary encoding shared by the block coders: each column is written as one or two
 * byte arrays, so encoding and decoding a block is a few bulk copies rather than millions of small
 * stream calls. That matters because runners copy shuffled blocks through their coders (the
 * DirectRunner clones every grouped value once more). Strings are UTF-8; a null string has length
 * -1; one field may be megabytes long.
 */
final class BinaryIo {
  private BinaryIo() {}

  static void writeString(DataOutputStream out, String s) throws IOException {
    writeStrings(out, new String[] {s}, 1);
  }

  static String readString(DataInputStream in) throws IOException {
    return readStrings(in, 1)[0];
  }

  static void writeStrings(DataOutputStream out, String[] values, int n) throws IOException {
    byte[][] encoded = new byte[n][];
    ByteBuffer lengths = ByteBuffer.allocate(4 * n);
    int total = 0;
    for (int i = 0; i < n; i++) {
      if (values[i] == null) {
        lengths.putInt(-1);
      } else {
        encoded[i] = values[i].getBytes(StandardCharsets.UTF_8);
        lengths.putInt(encoded[i].length);
        total += encoded[i].length;
      }
    }
    out.write(lengths.array());
    out.writeInt(total);
    byte[] all = new byte[total];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      if (encoded[i] != null) {
        System.arraycopy(encoded[i], 0, all, pos, encoded[i].length);
        pos += encoded[i].length;
      }
    }
    out.write(all);
  }

  static String[] readStrings(DataInputStream in, int n) throws IOException {
    byte[] lengthBytes = new byte[4 * n];
    in.readFully(lengthBytes);
    ByteBuffer lengths = ByteBuffer.wrap(lengthBytes);
    byte[] all = new byte[in.readInt()];
    in.readFully(all);
    String[] values = new String[n];
    int pos = 0;
    for (int i = 0; i < n; i++) {
      int len = lengths.getInt();
      if (len >= 0) {
        values[i] = new String(all, pos, len, StandardCharsets.UTF_8);
        pos += len;
      }
    }
    return values;
  }

  static void writeLongs(DataOutputStream out, long[] values, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * n);
    b.asLongBuffer().put(values, 0, n);
    out.write(b.array());
  }

  static long[] readLongs(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[8 * n];
    in.readFully(bytes);
    long[] values = new long[n];
    ByteBuffer.wrap(bytes).asLongBuffer().get(values);
    return values;
  }

  static void writeDoubles(DataOutputStream out, double[] values, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(8 * n);
    b.asDoubleBuffer().put(values, 0, n);
    out.write(b.array());
  }

  static double[] readDoubles(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[8 * n];
    in.readFully(bytes);
    double[] values = new double[n];
    ByteBuffer.wrap(bytes).asDoubleBuffer().get(values);
    return values;
  }

  static void writeInts(DataOutputStream out, int[] values) throws IOException {
    out.writeInt(values.length);
    ByteBuffer b = ByteBuffer.allocate(4 * values.length);
    b.asIntBuffer().put(values);
    out.write(b.array());
  }

  static int[] readInts(DataInputStream in) throws IOException {
    int n = in.readInt();
    byte[] bytes = new byte[4 * n];
    in.readFully(bytes);
    int[] values = new int[n];
    ByteBuffer.wrap(bytes).asIntBuffer().get(values);
    return values;
  }

  static void writeIntArray(DataOutputStream out, int[] values, int n) throws IOException {
    ByteBuffer b = ByteBuffer.allocate(4 * n);
    b.asIntBuffer().put(values, 0, n);
    out.write(b.array());
  }

  static int[] readIntArray(DataInputStream in, int n) throws IOException {
    byte[] bytes = new byte[4 * n];
    in.readFully(bytes);
    int[] values = new int[n];
    ByteBuffer.wrap(bytes).asIntBuffer().get(values);
    return values;
  }
}
