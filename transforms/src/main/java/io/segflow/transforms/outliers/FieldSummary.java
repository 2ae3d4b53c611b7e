// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import io.segflow.models.LinearQuantile;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.ObjLongConsumer;

/**
 * Exact distribution of one numeric field, kept as counts of distinct values: mergeable in any
 * order with the same result (so fences do not depend on the runner), and small for fields such as
 * quantity and price whose values repeat a lot. Memory grows with the number of distinct values.
 */
public final class FieldSummary implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Written by {@link #writeObject} as value-count pairs, not as boxed objects. */
  private transient TreeMap<Double, Long> counts = new TreeMap<>();

  private long n;

  public void add(double v) {
    counts.merge(v, 1L, Long::sum);
    n++;
  }

  public void merge(FieldSummary other) {
    other.counts.forEach((v, c) -> counts.merge(v, c, Long::sum));
    n += other.n;
  }

  public long count() {
    return n;
  }

  /** Each distinct value with its count, in ascending value order. */
  public void forEachValue(ObjLongConsumer<Double> action) {
    counts.forEach(action::accept);
  }

  /** Sum of all values, added in value order (so the same for any merge order). */
  public double sum() {
    double sum = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      sum += e.getKey() * e.getValue();
    }
    return sum;
  }

  public double mean() {
    return n == 0 ? Double.NaN : sum() / n;
  }

  /** Population standard deviation. */
  public double std() {
    double mean = mean();
    double ss = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      double d = e.getKey() - mean;
      ss += d * d * e.getValue();
    }
    return n == 0 ? Double.NaN : Math.sqrt(ss / n);
  }

  /** Quantile q in [0, 1], linear interpolation between order statistics (numpy's default). */
  public double quantile(double q) {
    if (n == 0) {
      return Double.NaN;
    }
    return LinearQuantile.of(n, q, this::valueAt);
  }

  /** The value of 0-based rank {@code rank} among all values, in increasing order. */
  public double valueAt(long rank) {
    long seen = 0;
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      seen += e.getValue();
      if (rank < seen) {
        return e.getKey();
      }
    }
    return counts.lastKey();
  }

  /**
   * The distinct values and their counts as primitive pairs, in value order. Java serialization of
   * the map itself writes two boxed objects per value with a handle-table lookup each; a segment
   * profile of tens of thousands of customers crosses a coder several times per run.
   */
  private void writeObject(ObjectOutputStream out) throws IOException {
    out.defaultWriteObject();
    out.writeInt(counts.size());
    for (Map.Entry<Double, Long> e : counts.entrySet()) {
      out.writeDouble(e.getKey());
      out.writeLong(e.getValue());
    }
  }

  private void readObject(ObjectInputStream in) throws IOException, ClassNotFoundException {
    in.defaultReadObject();
    int size = in.readInt();
    counts = new TreeMap<>();
    for (int i = 0; i < size; i++) {
      counts.put(in.readDouble(), in.readLong());
    }
  }
}
