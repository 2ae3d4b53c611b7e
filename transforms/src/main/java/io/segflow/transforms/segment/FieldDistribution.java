// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.ExactSum;
import io.segflow.models.QuantileSketch;
import io.segflow.transforms.outliers.FieldSummary;
import java.io.Serializable;

/**
 * One feature's values within a segment, for its mean and median. It starts exact (every distinct
 * value with its count, {@link FieldSummary}) and turns into a bounded-memory {@link
 * QuantileSketch} when {@link #toSketch()} is called; the sum is kept exactly either way ({@link
 * ExactSum}), so the mean never depends on the order in which a runner merges. Whether a merged
 * result is exact depends only on whether any part was turned into a sketch.
 */
final class FieldDistribution implements Serializable {
  private static final long serialVersionUID = 1L;

  private FieldSummary exact = new FieldSummary();
  private QuantileSketch sketch;
  private final ExactSum sum = new ExactSum();
  private long n;

  void add(double v) {
    n++;
    sum.add(v);
    if (sketch != null) {
      sketch.add(v);
    } else {
      exact.add(v);
    }
  }

  void merge(FieldDistribution other) {
    n += other.n;
    sum.merge(other.sum);
    if (sketch == null && other.sketch == null) {
      exact.merge(other.exact);
      return;
    }
    toSketch();
    sketch.merge(other.sketch != null ? other.sketch : sketchOf(other.exact));
  }

  /** Forgets the individual values, keeping a sketch of them (idempotent). */
  void toSketch() {
    if (sketch == null) {
      sketch = sketchOf(exact);
      exact = null;
    }
  }

  boolean isSketch() {
    return sketch != null;
  }

  /** Exact sums add in value order while exact (as the outputs always have), else the exact sum. */
  double sum() {
    return sketch == null ? exact.sum() : sum.value();
  }

  double mean() {
    return n == 0 ? Double.NaN : sum() / n;
  }

  double median() {
    return sketch == null ? exact.quantile(0.5) : sketch.quantile(0.5);
  }

  private static QuantileSketch sketchOf(FieldSummary values) {
    QuantileSketch s = new QuantileSketch();
    values.forEachValue(s::add);
    return s;
  }
}
