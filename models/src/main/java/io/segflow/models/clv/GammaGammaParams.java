// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * Fitted Gamma-Gamma spend parameters (Fader &amp; Hardie 2013): a customer's purchase values are
 * gamma(p, ν) with ν ~ gamma(q, v).
 */
public record GammaGammaParams(double p, double q, double v) implements Serializable {
  public GammaGammaParams {
    if (!(p > 0 && q > 0 && v > 0) || !Double.isFinite(p + q + v)) {
      throw new IllegalArgumentException(
          "Gamma-Gamma parameters must be positive and finite: " + p + ", " + q + ", " + v);
    }
  }

  /** The mean purchase value of the population, p v / (q - 1); infinite when q <= 1. */
  public double populationMean() {
    return q > 1 ? p * v / (q - 1) : Double.POSITIVE_INFINITY;
  }

  /**
   * E[Z | z̄, x] = p (v + x z̄) / (p x + q - 1): a weighted mean of the population mean and the
   * customer's own mean repeat spend; the population mean for x = 0. A negative mean spend (net
   * refunds) counts as 0.
   */
  public double expectedAverageValue(int x, double meanRepeatSpend) {
    if (x == 0) {
      return populationMean();
    }
    double denominator = p * x + q - 1;
    return denominator > 0
        ? p * (v + x * Math.max(0, meanRepeatSpend)) / denominator
        : Double.POSITIVE_INFINITY;
  }
}
