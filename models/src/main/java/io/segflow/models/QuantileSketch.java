// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * Quantiles (medians) of millions of values in bounded memory, the same on every runner. Values
 * fall into logarithmic buckets, as in DDSketch: bucket i holds the magnitudes in (γ^(i−1), γ^i]
 * with γ = (1 + α) / (1 − α), so any value in it is within relative error α = {@value
 * #RELATIVE_ACCURACY} of the bucket's midpoint. Each bucket also keeps the smallest and largest
 * value it saw, so a quantile whose bucket holds a single distinct value (integer features such as
 * frequency or recency) is exact.
 *
 * <p>Memory grows with the spread of the values, not their number: one bucket per factor γ between
 * the smallest and largest magnitude, about 1,400 buckets for values from 1 to 10^6. Merging adds
 * bucket counts, so the result does not depend on the order in which a runner adds and merges
 * (unlike Beam's ApproximateQuantiles once it compacts).
 */
public final class QuantileSketch implements Serializable {
  private static final long serialVersionUID = 1L;
  public static final double RELATIVE_ACCURACY = 0.005;
  private static final double GAMMA = (1 + RELATIVE_ACCURACY) / (1 - RELATIVE_ACCURACY);
  private static final double LOG_GAMMA = StrictMath.log(GAMMA);

  private final TreeMap<Integer, Bucket> positive = new TreeMap<>();
  private final TreeMap<Integer, Bucket> negative =
      new TreeMap<>(); // keyed by the magnitude's bucket
  private long zeros;
  private long n;

  private static final class Bucket implements Serializable {
    private static final long serialVersionUID = 1L;
    long count;
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;

    void add(double v, long times) {
      count += times;
      min = Math.min(min, v);
      max = Math.max(max, v);
    }

    void merge(Bucket other) {
      count += other.count;
      min = Math.min(min, other.min);
      max = Math.max(max, other.max);
    }
  }

  public void add(double v) {
    add(v, 1);
  }

  /** Adds {@code v} {@code times} times. */
  public void add(double v, long times) {
    if (!Double.isFinite(v)) {
      throw new IllegalArgumentException("not finite: " + v);
    }
    if (times < 1) {
      throw new IllegalArgumentException("times must be >= 1: " + times);
    }
    n += times;
    if (v == 0) {
      zeros += times;
      return;
    }
    TreeMap<Integer, Bucket> side = v > 0 ? positive : negative;
    side.computeIfAbsent(bucketOf(Math.abs(v)), i -> new Bucket()).add(v, times);
  }

  public QuantileSketch merge(QuantileSketch other) {
    other.positive.forEach((i, b) -> positive.computeIfAbsent(i, k -> new Bucket()).merge(b));
    other.negative.forEach((i, b) -> negative.computeIfAbsent(i, k -> new Bucket()).merge(b));
    zeros += other.zeros;
    n += other.n;
    return this;
  }

  public long count() {
    return n;
  }

  /** Buckets in use (the memory the sketch holds). */
  public int buckets() {
    return positive.size() + negative.size() + (zeros > 0 ? 1 : 0);
  }

  /**
   * Quantile q in [0, 1] with numpy's linear interpolation between order statistics, each order
   * statistic taken as its bucket's single value, or else its midpoint clamped to the values the
   * bucket saw.
   */
  public double quantile(double q) {
    if (!(q >= 0 && q <= 1)) {
      throw new IllegalArgumentException("q must be in [0, 1]: " + q);
    }
    if (n == 0) {
      return Double.NaN;
    }
    return LinearQuantile.of(n, q, this::valueAt);
  }

  private double valueAt(long rank) {
    long seen = 0;
    for (Map.Entry<Integer, Bucket> e : negative.descendingMap().entrySet()) {
      seen += e.getValue().count;
      if (rank < seen) {
        return estimate(-1, e.getKey(), e.getValue());
      }
    }
    seen += zeros;
    if (rank < seen) {
      return 0;
    }
    for (Map.Entry<Integer, Bucket> e : positive.entrySet()) {
      seen += e.getValue().count;
      if (rank < seen) {
        return estimate(1, e.getKey(), e.getValue());
      }
    }
    throw new IllegalArgumentException("rank " + rank + " of " + n + " values");
  }

  private static double estimate(int sign, int bucket, Bucket b) {
    if (b.min == b.max) {
      return b.min;
    }
    double mid = sign * 2 * StrictMath.pow(GAMMA, bucket) / (GAMMA + 1);
    return Math.max(b.min, Math.min(b.max, mid));
  }

  private static int bucketOf(double magnitude) {
    return (int) Math.ceil(StrictMath.log(magnitude) / LOG_GAMMA);
  }
}
