// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.util.Arrays;

/**
 * One set of 64-bit keys per customer (its rows, invoices and products, salted per kind), each an
 * open-addressing table in a region of large shared chunks. A region that fills up moves to a
 * bigger one at the end of the chunks; the old one is left behind (at most as much again). No
 * object per customer, and memory is touched customer by customer, which keeps the caches warm when
 * a file lists a customer's rows together.
 *
 * <p>Two different keys of one customer would have to be equal in 64 bits to be miscounted: odds of
 * about 10^-17 per customer.
 */
final class KeySets {
  private static final int CHUNK_BITS = 22;
  private static final int CHUNK = 1 << CHUNK_BITS;
  private static final int FIRST_CAPACITY = 32; // ~24 keys: a typical customer never moves

  private long[][] chunks = new long[1][];
  private int chunkCount;
  private int chunkUsed = CHUNK;

  /** Per customer: chunk << CHUNK_BITS | offset of its region; capacity; keys held. */
  private long[] region = new long[1024];

  private int[] capacity = new int[1024];
  private int[] count = new int[1024];

  /** Adds {@code key} to customer {@code c}'s set; false when it was there already. */
  boolean add(int c, long key) {
    if (c >= region.length) {
      int n = Math.max(region.length * 2, c + 1);
      region = Arrays.copyOf(region, n);
      capacity = Arrays.copyOf(capacity, n);
      count = Arrays.copyOf(count, n);
    }
    if (capacity[c] == 0) {
      region[c] = allocate(FIRST_CAPACITY);
      capacity[c] = FIRST_CAPACITY;
    } else if ((count[c] + 1) * 4 > capacity[c] * 3) {
      move(c, capacity[c] * 2);
    }
    long k = key == 0 ? 1 : key; // 0 marks an empty slot
    long[] chunk = chunks[(int) (region[c] >>> CHUNK_BITS)];
    int base = (int) (region[c] & (CHUNK - 1));
    int mask = capacity[c] - 1;
    int i = (int) k & mask;
    while (chunk[base + i] != 0) {
      if (chunk[base + i] == k) {
        return false;
      }
      i = (i + 1) & mask;
    }
    chunk[base + i] = k;
    count[c]++;
    return true;
  }

  private long allocate(int size) {
    if (size > CHUNK) {
      throw new IllegalStateException(
          "a customer with over "
              + CHUNK * 3 / 4
              + " distinct rows, invoices and products: more than this baseline handles");
    }
    if (chunkUsed + size > CHUNK) {
      if (chunkCount == chunks.length) {
        chunks = Arrays.copyOf(chunks, chunkCount * 2);
      }
      chunks[chunkCount++] = new long[CHUNK];
      chunkUsed = 0;
    }
    long at = (long) (chunkCount - 1) << CHUNK_BITS | chunkUsed;
    chunkUsed += size;
    return at;
  }

  private void move(int c, int newCapacity) {
    long[] from = chunks[(int) (region[c] >>> CHUNK_BITS)];
    int fromBase = (int) (region[c] & (CHUNK - 1));
    int oldCapacity = capacity[c];
    long at = allocate(newCapacity);
    long[] to = chunks[(int) (at >>> CHUNK_BITS)];
    int toBase = (int) (at & (CHUNK - 1));
    int mask = newCapacity - 1;
    for (int j = 0; j < oldCapacity; j++) {
      long k = from[fromBase + j];
      if (k != 0) {
        int i = (int) k & mask;
        while (to[toBase + i] != 0) {
          i = (i + 1) & mask;
        }
        to[toBase + i] = k;
      }
    }
    region[c] = at;
    capacity[c] = newCapacity;
  }
}
