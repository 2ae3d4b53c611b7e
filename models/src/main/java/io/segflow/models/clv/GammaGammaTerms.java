// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * The Gamma-Gamma likelihood's data: repeat buyers grouped by (x, total repeat spend in hundredths
 * of the currency). Amounts are currency, so the grouping is exact for them and keeps memory
 * proportional to the distinct pairs. Customers without repeat purchases, or whose repeat days sum
 * to zero or less, carry no spend information for the model and are only counted.
 */
public final class GammaGammaTerms implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int X_BITS = 21;
  private static final int SPEND_BITS = 63 - X_BITS;

  /** The largest repeat spend one customer can carry, in hundredths: 2^42 - 1. */
  public static final long MAX_HUNDREDTHS = (1L << SPEND_BITS) - 1;

  private final KeyCounts counts = new KeyCounts();
  private long withoutRepeats;
  private long nonPositiveSpend;

  public GammaGammaTerms add(CustomerSummary customer) {
    if (customer.frequency() == 0) {
      withoutRepeats++;
      return this;
    }
    long hundredths = Math.round(customer.repeatSpend() * 100);
    if (hundredths <= 0) {
      nonPositiveSpend++;
      return this;
    }
    if (hundredths > MAX_HUNDREDTHS || customer.frequency() >= 1 << X_BITS) {
      throw new IllegalArgumentException(
          "repeat spend "
              + customer.repeatSpend()
              + " over x="
              + customer.frequency()
              + " is too large to group");
    }
    counts.add(((long) customer.frequency() << SPEND_BITS) | hundredths);
    return this;
  }

  public GammaGammaTerms merge(GammaGammaTerms other) {
    counts.addAll(other.counts);
    withoutRepeats += other.withoutRepeats;
    nonPositiveSpend += other.nonPositiveSpend;
    return this;
  }

  /** Repeat buyers with positive repeat spend: the customers the model is fitted on. */
  public long customers() {
    return counts.total();
  }

  public long withoutRepeats() {
    return withoutRepeats;
  }

  /** Repeat buyers left out because their repeat days sum to zero or less. */
  public long nonPositiveSpend() {
    return nonPositiveSpend;
  }

  public int distinctTerms() {
    return counts.keys().length;
  }

  GammaGammaLikelihood likelihood() {
    long[] keys = counts.keys();
    long[] weights = counts.counts();
    int n = keys.length;
    int[] x = new int[n];
    double[] total = new double[n];
    double[] w = new double[n];
    for (int i = 0; i < n; i++) {
      x[i] = (int) (keys[i] >>> SPEND_BITS);
      total[i] = (keys[i] & MAX_HUNDREDTHS) / 100.0;
      w[i] = weights[i];
    }
    return new GammaGammaLikelihood(x, total, w);
  }
}
