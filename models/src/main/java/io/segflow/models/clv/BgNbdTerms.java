// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * The BG/NBD likelihood's data: how many customers share each (x, t_x, T) in days. Customers with
 * the same triple contribute one weighted term, so memory and fitting time follow the distinct
 * triples, not the customers. Mergeable, to be filled in parallel.
 */
public final class BgNbdTerms implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int BITS = 21;
  private static final long MASK = (1L << BITS) - 1;

  /** The longest history a triple can hold: 2^21 days (over 5,700 years). */
  public static final int MAX_DAYS = (int) MASK;

  private final KeyCounts counts = new KeyCounts();

  public BgNbdTerms add(CustomerSummary customer) {
    if (customer.ageDays() > MAX_DAYS) {
      throw new IllegalArgumentException(
          "T = " + customer.ageDays() + " days exceeds " + MAX_DAYS + " days");
    }
    counts.add(
        ((long) customer.frequency() << (2 * BITS))
            | ((long) customer.recencyDays() << BITS)
            | customer.ageDays());
    return this;
  }

  public BgNbdTerms merge(BgNbdTerms other) {
    counts.addAll(other.counts);
    return this;
  }

  /** Customers added. */
  public long customers() {
    return counts.total();
  }

  /** Distinct (x, t_x, T) triples: the likelihood's number of terms. */
  public int distinctTerms() {
    return counts.keys().length;
  }

  /** True when at least one customer bought again: without that BG/NBD has no interior optimum. */
  public boolean hasRepeatBuyers() {
    long[] keys = counts.keys();
    return keys.length > 0 && keys[keys.length - 1] >>> (2 * BITS) > 0;
  }

  BgNbdLikelihood likelihood(ClvTimeUnit unit) {
    long[] keys = counts.keys();
    long[] weights = counts.counts();
    int n = keys.length;
    int[] x = new int[n];
    int[] recencyDays = new int[n];
    int[] ageDays = new int[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (int) (keys[i] >>> (2 * BITS));
      recencyDays[i] = (int) ((keys[i] >>> BITS) & MASK);
      ageDays[i] = (int) (keys[i] & MASK);
      w[i] = weights[i];
    }
    return new BgNbdLikelihood(unit, x, recencyDays, ageDays, w);
  }
}
