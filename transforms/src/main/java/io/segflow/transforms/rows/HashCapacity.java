// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

/**
 * Table sizes and slot hashing for the open-addressing hash tables over rows (grouping ranks,
 * duplicates, distinct values).
 */
public final class HashCapacity {
  private HashCapacity() {}

  /**
   * A power of two at least twice {@code max(minimum, entries)} (then at most half the slots are
   * used, so linear probing stays short), for masking with {@code capacity - 1}.
   */
  public static int forEntries(int entries, int minimum) {
    return Integer.highestOneBit(Math.max(minimum, entries) * 2 - 1) * 2;
  }

  /**
   * A hash with its bits spread (Fibonacci multiply, high half folded in), so that the slot a
   * power-of-two mask picks depends on all of the hash's bits, not only its lowest.
   */
  public static int spread(int hash) {
    int h = hash * 0x9E3779B1;
    return h ^ (h >>> 16);
  }
}
