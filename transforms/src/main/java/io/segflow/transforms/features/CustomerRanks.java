// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.rows.HashCapacity;
import io.segflow.transforms.rows.Utf8Column;
import java.util.Arrays;
import java.util.List;

/**
 * The rank of every row's customer among the distinct customers of some columns of customer ids
 * (one per block), in customer id order: the key of the counting sorts that group rows ({@link
 * GroupRowsByCustomer}) or per-block customer summaries ({@link MergeCustomerPartials}). Distinct
 * ids are found with an open-addressing table over the ids' bytes (no strings, no boxing per row);
 * only the distinct ids are sorted.
 */
final class CustomerRanks {
  private final int[][] rankOfRow;
  private final int count;

  private CustomerRanks(int[][] rankOfRow, int count) {
    this.rankOfRow = rankOfRow;
    this.count = count;
  }

  int count() {
    return count;
  }

  int rank(int part, int row) {
    return rankOfRow[part][row];
  }

  static CustomerRanks of(List<Utf8Column> parts) {
    int total = parts.stream().mapToInt(Utf8Column::size).sum();
    int capacity = HashCapacity.forEntries(total, 4);
    long[] table =
        new long[capacity]; // first row of a customer as (part << 32 | row) + 1; 0 = empty
    int[] idOfSlot = new int[capacity];
    long[] firstRowOfId = new long[Math.max(4, total)];
    int distinct = 0;
    int[][] idOfRow = new int[parts.size()][];
    for (int p = 0; p < parts.size(); p++) {
      Utf8Column part = parts.get(p);
      idOfRow[p] = new int[part.size()];
      for (int i = 0; i < part.size(); i++) {
        int slot = HashCapacity.spread(part.hashAt(i)) & (capacity - 1);
        while (true) {
          long ref = table[slot];
          if (ref == 0) {
            table[slot] = (((long) p << 32) | i) + 1;
            idOfSlot[slot] = distinct;
            firstRowOfId[distinct++] = ((long) p << 32) | i;
            idOfRow[p][i] = idOfSlot[slot];
            break;
          }
          long first = ref - 1;
          if (parts.get((int) (first >>> 32)).equalsAt((int) first, part, i)) {
            idOfRow[p][i] = idOfSlot[slot];
            break;
          }
          slot = (slot + 1) & (capacity - 1);
        }
      }
    }
    Integer[] ids = new Integer[distinct];
    for (int d = 0; d < distinct; d++) {
      ids[d] = d;
    }
    Arrays.sort(
        ids,
        (a, b) -> {
          long x = firstRowOfId[a];
          long y = firstRowOfId[b];
          return parts
              .get((int) (x >>> 32))
              .compareAt((int) x, parts.get((int) (y >>> 32)), (int) y);
        });
    int[] rankOfId = new int[distinct];
    for (int r = 0; r < distinct; r++) {
      rankOfId[ids[r]] = r;
    }
    for (int[] rows : idOfRow) {
      for (int i = 0; i < rows.length; i++) {
        rows[i] = rankOfId[rows[i]];
      }
    }
    return new CustomerRanks(idOfRow, distinct);
  }
}
