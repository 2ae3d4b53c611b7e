// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Customer ids (as bytes) to dense numbers 0, 1, 2, ... in order of first appearance: an
 * open-addressing table over one byte pool, so that millions of customers cost a few arrays rather
 * than millions of strings and map entries for the garbage collector to copy.
 */
final class CustomerIds {
  private byte[] pool = new byte[1 << 16];
  private int poolUsed;
  private int[] offset = new int[1024];
  private int[] length = new int[1024];
  private int[] hash = new int[1024];

  /** Customer number + 1 per slot; 0 = empty. */
  private int[] slots = new int[2048];

  private int size;

  int size() {
    return size;
  }

  /** The number of the customer whose id is {@code b[from, to)}, added when new. */
  int numberOf(byte[] b, int from, int to) {
    int h = (int) ByteHash.of(b, from, to);
    int mask = slots.length - 1;
    int i = h & mask;
    while (slots[i] != 0) {
      int c = slots[i] - 1;
      if (hash[c] == h && Arrays.equals(pool, offset[c], offset[c] + length[c], b, from, to)) {
        return c;
      }
      i = (i + 1) & mask;
    }
    int c = append(b, from, to, h);
    slots[i] = c + 1;
    if (size * 4 > slots.length * 3) {
      rehash();
    }
    return c;
  }

  String id(int customer) {
    return new String(pool, offset[customer], length[customer], StandardCharsets.UTF_8);
  }

  private int append(byte[] b, int from, int to, int h) {
    int n = to - from;
    if (poolUsed + n > pool.length) {
      pool = Arrays.copyOf(pool, Math.max(pool.length * 2, poolUsed + n));
    }
    System.arraycopy(b, from, pool, poolUsed, n);
    if (size == offset.length) {
      offset = Arrays.copyOf(offset, size * 2);
      length = Arrays.copyOf(length, size * 2);
      hash = Arrays.copyOf(hash, size * 2);
    }
    offset[size] = poolUsed;
    length[size] = n;
    hash[size] = h;
    poolUsed += n;
    return size++;
  }

  private void rehash() {
    slots = new int[slots.length * 2];
    int mask = slots.length - 1;
    for (int c = 0; c < size; c++) {
      int i = hash[c] & mask;
      while (slots[i] != 0) {
        i = (i + 1) & mask;
      }
      slots[i] = c + 1;
    }
  }
}
