// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Arrays;

/**
 * Counts of packed {@code long} keys in memory proportional to the distinct keys, not to the number
 * added: keys are buffered, sorted and folded into a sorted (key, count) table whenever the buffer
 * fills. Primitive arrays only, so ten million additions need no boxed objects.
 */
final class KeyCounts implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int MIN_BUFFER = 1 << 10;
  private static final int MAX_BUFFER = 1 << 20;

  private long[] keys = new long[0];
  private long[] counts = new long[0];
  // Folded into the table before serialization, so only distinct keys travel.
  private transient long[] buffer = new long[MIN_BUFFER];
  private transient int buffered;

  void add(long key) {
    buffer[buffered++] = key;
    if (buffered == buffer.length) {
      compact();
      // A buffer as long as the table keeps the folding cost proportional to what is added.
      if (keys.length > buffer.length && buffer.length < MAX_BUFFER) {
        buffer = new long[Math.min(MAX_BUFFER, Integer.highestOneBit(keys.length) << 1)];
      }
    }
  }

  /** Adds every count of {@code other}. */
  void addAll(KeyCounts other) {
    other.compact();
    compact();
    fold(other.keys, other.counts, other.keys.length);
  }

  /** Distinct keys, ascending. */
  long[] keys() {
    compact();
    return keys;
  }

  /** Counts aligned with {@link #keys()}. */
  long[] counts() {
    compact();
    return counts;
  }

  /** Sum of all counts. */
  long total() {
    compact();
    long sum = 0;
    for (long c : counts) {
      sum += c;
    }
    return sum;
  }

  private void compact() {
    if (buffered == 0) {
      return;
    }
    Arrays.sort(buffer, 0, buffered);
    long[] runKeys = new long[buffered];
    long[] runCounts = new long[buffered];
    int runs = 0;
    for (int i = 0; i < buffered; i++) {
      if (runs > 0 && runKeys[runs - 1] == buffer[i]) {
        runCounts[runs - 1]++;
      } else {
        runKeys[runs] = buffer[i];
        runCounts[runs++] = 1;
      }
    }
    buffered = 0;
    fold(runKeys, runCounts, runs);
  }

  /** Merges a sorted run into the sorted table. */
  private void fold(long[] addKeys, long[] addCounts, int n) {
    long[] mergedKeys = new long[keys.length + n];
    long[] mergedCounts = new long[keys.length + n];
    int i = 0;
    int j = 0;
    int m = 0;
    while (i < keys.length || j < n) {
      if (j == n || (i < keys.length && keys[i] < addKeys[j])) {
        mergedKeys[m] = keys[i];
        mergedCounts[m++] = counts[i++];
      } else if (i == keys.length || addKeys[j] < keys[i]) {
        mergedKeys[m] = addKeys[j];
        mergedCounts[m++] = addCounts[j++];
      } else {
        mergedKeys[m] = keys[i];
        mergedCounts[m++] = counts[i++] + addCounts[j++];
      }
    }
    keys = Arrays.copyOf(mergedKeys, m);
    counts = Arrays.copyOf(mergedCounts, m);
  }

  private void writeObject(ObjectOutputStream out) throws IOException {
    compact();
    out.defaultWriteObject();
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    buffer = new long[MIN_BUFFER];
  }
}
