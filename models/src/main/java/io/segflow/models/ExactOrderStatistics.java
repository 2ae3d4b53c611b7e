// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import java.util.SortedMap;
import java.util.function.LongToDoubleFunction;

/**
 * Exact order statistics of a large multiset of doubles in two passes over the data, with memory
 * bounded by a fixed number of buckets plus the values near the wanted ranks, and the same result
 * in any element order and any merge order.
 *
 * <ol>
 *   <li>Pass 1: a {@link Histogram}: counts per bucket, a bucket being the top {@code bits} bits of
 *       the value's sortable bit pattern ({@link #sortableBits}: ordered as {@link
 *       Double#compare}). Merging adds counts, so it does not depend on order.
 *   <li>From it a {@link Plan}: for each wanted 0-based rank, the bucket that holds it and how many
 *       values lie in lower buckets.
 *   <li>Pass 2: the values that fall in the wanted buckets, as counts per distinct value (one entry
 *       for a heavily tied value), and from them each wanted rank's value ({@link Plan#select}).
 * </ol>
 *
 * <p>With 20 bits a bucket spans 1/256 of a power of two (integers below 512 each have a bucket of
 * their own), so pass 1 holds at most 2<sup>20</sup> counts and in practice a few hundred.
 */
public final class ExactOrderStatistics {
  /** Default bucket width: the sign, the 11 exponent bits and 8 mantissa bits. */
  public static final int DEFAULT_BUCKET_BITS = 20;

  private ExactOrderStatistics() {}

  /** The bits of {@code v} as a long whose signed order is {@link Double#compare}'s. */
  public static long sortableBits(double v) {
    long bits = Double.doubleToLongBits(v);
    return bits ^ ((bits >> 63) & Long.MAX_VALUE);
  }

  /** The bucket of {@code v}: the top {@code bits} bits of its sortable bit pattern, signed. */
  public static long bucketOf(double v, int bits) {
    return sortableBits(v) >> (64 - bits);
  }

  /**
   * The 0-based ranks of the {@code numQuantiles − 2} inner quantiles that Beam's {@code
   * ApproximateQuantiles} returns over {@code n} values when it holds them all (no buffer
   * collapsed): with {@code step = n / (numQuantiles − 1)} and {@code offset = (n − 1) /
   * (numQuantiles − 1)} in doubles, quantile j (from 0) is the first value whose 1-based rank
   * exceeds {@code j·step + offset}, or the last value. The arithmetic is Beam's, so that a target
   * on an integer falls on the same side.
   */
  public static long[] beamQuantileRanks(long n, int numQuantiles) {
    if (n < 1 || numQuantiles < 2) {
      throw new IllegalArgumentException("need n >= 1 and numQuantiles >= 2");
    }
    double step = 1.0 * n / (numQuantiles - 1);
    double offset = (1.0 * n - 1) / (numQuantiles - 1);
    long[] ranks = new long[numQuantiles - 2];
    for (int j = 0; j < ranks.length; j++) {
      double target = j * step + offset;
      long oneBased = Math.max(1, (long) Math.floor(target) + 1);
      ranks[j] = Math.min(n, oneBased) - 1;
    }
    return ranks;
  }

  /** Pass 1: counts per bucket; mergeable in any order. Not thread-safe. */
  public static final class Histogram implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int bits;
    private final HashMap<Long, long[]> counts = new HashMap<>();
    private long n;

    public Histogram(int bits) {
      if (bits < 1 || bits > 64) {
        throw new IllegalArgumentException("bucket bits must be 1..64, not " + bits);
      }
      this.bits = bits;
    }

    /** A histogram from its buckets and their counts (as {@link #buckets} and {@link #counts}). */
    public static Histogram of(int bits, long[] buckets, long[] counts) {
      Histogram h = new Histogram(bits);
      for (int i = 0; i < buckets.length; i++) {
        h.addToBucket(buckets[i], counts[i]);
      }
      return h;
    }

    public int bits() {
      return bits;
    }

    /** Number of values added. */
    public long count() {
      return n;
    }

    /** Number of non-empty buckets. */
    public int size() {
      return counts.size();
    }

    public void add(double v) {
      addToBucket(bucketOf(v, bits), 1);
    }

    private void addToBucket(long bucket, long c) {
      long[] cell = counts.get(bucket);
      if (cell == null) {
        counts.put(bucket, new long[] {c});
      } else {
        cell[0] += c;
      }
      n += c;
    }

    public void merge(Histogram other) {
      if (other.bits != bits) {
        throw new IllegalArgumentException("bucket bits differ: " + bits + " vs " + other.bits);
      }
      other.counts.forEach((b, c) -> addToBucket(b, c[0]));
    }

    /** The non-empty buckets, ascending. */
    public long[] buckets() {
      long[] buckets = new long[counts.size()];
      int i = 0;
      for (Long b : counts.keySet()) {
        buckets[i++] = b;
      }
      Arrays.sort(buckets);
      return buckets;
    }

    /** The counts of {@code buckets} (as returned by {@link #buckets}), in the same order. */
    public long[] counts(long[] buckets) {
      long[] out = new long[buckets.length];
      for (int i = 0; i < buckets.length; i++) {
        long[] cell = counts.get(buckets[i]);
        out[i] = cell == null ? 0 : cell[0];
      }
      return out;
    }

    /** The plan of pass 2 for these 0-based ranks (each below {@link #count}). */
    public Plan plan(long[] ranks) {
      long[] buckets = buckets();
      long[] counts = counts(buckets);
      long[] rankBucket = new long[ranks.length];
      long[] rankBelow = new long[ranks.length];
      for (int r = 0; r < ranks.length; r++) {
        if (ranks[r] < 0 || ranks[r] >= n) {
          throw new IllegalArgumentException("rank " + ranks[r] + " outside 0.." + (n - 1));
        }
        long below = 0;
        int i = 0;
        while (below + counts[i] <= ranks[r]) {
          below += counts[i];
          i++;
        }
        rankBucket[r] = buckets[i];
        rankBelow[r] = below;
      }
      return new Plan(bits, ranks.clone(), rankBucket, rankBelow);
    }
  }

  /** Which buckets pass 2 keeps, and how to read the wanted ranks from what it kept. */
  public static final class Plan implements Serializable {
    private static final long serialVersionUID = 1L;
    private final int bits;
    private final long[] ranks;
    private final long[] rankBucket;
    private final long[] rankBelow;
    private final long[] wanted;

    private Plan(int bits, long[] ranks, long[] rankBucket, long[] rankBelow) {
      this.bits = bits;
      this.ranks = ranks;
      this.rankBucket = rankBucket;
      this.rankBelow = rankBelow;
      this.wanted = Arrays.stream(rankBucket).distinct().sorted().toArray();
    }

    /** Whether pass 2 must keep {@code v}: it lies in a bucket that holds a wanted rank. */
    public boolean wants(double v) {
      return Arrays.binarySearch(wanted, bucketOf(v, bits)) >= 0;
    }

    /** Number of buckets pass 2 keeps. */
    public int wantedBuckets() {
      return wanted.length;
    }

    /**
     * The wanted ranks' values from pass 2's counts of the kept values (every value for which
     * {@link #wants} holds, each with its count).
     *
     * @return the value of each wanted 0-based rank; asking for another rank throws
     */
    public LongToDoubleFunction select(SortedMap<Double, Long> kept) {
      Map<Long, Double> values = new HashMap<>();
      for (int r = 0; r < ranks.length; r++) {
        long seen = rankBelow[r];
        Double value = null;
        for (Map.Entry<Double, Long> e : kept.entrySet()) {
          if (bucketOf(e.getKey(), bits) != rankBucket[r]) {
            continue;
          }
          seen += e.getValue();
          if (ranks[r] < seen) {
            value = e.getKey();
            break;
          }
        }
        if (value == null) {
          throw new IllegalStateException(
              "pass 2 kept too few values for rank " + ranks[r] + " (not the plan's data?)");
        }
        values.put(ranks[r], value);
      }
      return rank -> {
        Double v = values.get(rank);
        if (v == null) {
          throw new IllegalArgumentException("rank " + rank + " was not planned");
        }
        return v;
      };
    }
  }
}
