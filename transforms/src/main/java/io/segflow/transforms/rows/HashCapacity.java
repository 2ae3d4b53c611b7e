// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

/** Table sizes for the open-addressing hash tables over rows (grouping, duplicates). */
public final class HashCapacity {
  private HashCapacity() {}

  /**
   * A power of two at least twice {@code max(minimum, entries)} (then at most half the slots are
   * used, so linear probing stays short), for masking with {@code capacity - 1}.
   */
  public static int forEntries(int entries, int minimum) {
    return Integer.highestOneBit(Math.max(minimum, entries) * 2 - 1) * 2;
  }
}
