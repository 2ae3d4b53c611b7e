// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.util.Arrays;

/**
 * Finds repeated rows by their 128-bit fingerprints: an open-addressing table from fingerprint to
 * the first row (any int id) that had it. Meant to be reused: {@link #clear} sizes it for the next
 * group of rows without new arrays when the old ones are big enough.
 */
public final class FingerprintTable {
  private long[] his = new long[64];
  private long[] los = new long[64];
  private int[] rows = new int[64];
  private int mask = 63;

  /** Empties the table, ready for about {@code expected} rows. */
  public void clear(int expected) {
    int capacity = HashCapacity.forEntries(expected, 16);
    if (capacity > rows.length) {
      his = new long[capacity];
      los = new long[capacity];
      rows = new int[capacity];
    }
    mask = capacity - 1;
    Arrays.fill(rows, 0, capacity, -1);
  }

  /** The row that had fingerprint (hi, lo) first, or -1 after remembering {@code row} for it. */
  public int putIfAbsent(long hi, long lo, int row) {
    int slot = (int) (hi ^ (hi >>> 32)) & mask;
    while (rows[slot] >= 0) {
      if (his[slot] == hi && los[slot] == lo) {
        return rows[slot];
      }
      slot = (slot + 1) & mask;
    }
    his[slot] = hi;
    los[slot] = lo;
    rows[slot] = row;
    return -1;
  }
}
