// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * Fitted BG/NBD parameters and the per-customer predictions of Fader, Hardie &amp; Lee (2005).
 * Times (t, t_x, T) are in the unit the parameters were fitted in.
 *
 * @param r shape of the gamma mixing distribution of purchase rates
 * @param alpha scale of the gamma mixing distribution (in time units)
 * @param a first shape of the beta distribution of drop-out probabilities
 * @param b second shape of the beta distribution of drop-out probabilities
 */
public record BgNbdParams(double r, double alpha, double a, double b) implements Serializable {
  private static final double SERIES_TOLERANCE = 1e-17;

  /** Enough for z up to 1 − 1e-4 (horizons up to ~10,000 × (alpha + T)) at a few ms. */
  private static final int MAX_SERIES_TERMS = 1_000_000;

  public BgNbdParams {
    if (!(r > 0 && alpha > 0 && a > 0 && b > 0) || !Double.isFinite(r + alpha + a + b)) {
      throw new IllegalArgumentException(
          "BG/NBD parameters must be positive and finite: "
              + r
              + ", "
              + alpha
              + ", "
              + a
              + ", "
              + b);
    }
  }

  /** P(alive | x, t_x, T) (eq. 11); 1 for customers who never bought again, as in the paper. */
  public double probabilityAlive(int x, double recency, double age) {
    return 1 / (1 + dropOutOdds(x, recency, age));
  }

  /**
   * E[Y(t) | x, t_x, T]: expected purchases in the next {@code t} time units (eq. 10). The paper's
   * (1 - z)^{r+x} 2F1(r+x, b+x; a+b+x-1; z) with z = t / (alpha + T + t) is rewritten with Euler's
   * transformation as (1 - z)^{a-1} 2F1(a+b-1-r, a-1; a+b+x-1; z): the same value, but a series
   * whose terms shrink with x instead of overflowing for frequent buyers. Its first term and (a -
   * 1) are then divided out together, so a near 1 loses no precision. NaN when the series cannot be
   * summed: a horizon so long against alpha + T that z is within about 1e-4 of 1, which only a
   * degenerate fit (alpha near 0) produces.
   */
  public double expectedPurchases(double t, int x, double recency, double age) {
    if (t < 0 || !Double.isFinite(t)) {
      throw new IllegalArgumentException("horizon must be finite and >= 0: " + t);
    }
    if (t == 0) {
      return 0;
    }
    double logOneMinusZ = -Math.log1p(t / (alpha + age));
    double z = t / (alpha + age + t);
    double c = a + b + x - 1;
    double u = (a - 1) * logOneMinusZ;
    double expm1OverU = u == 0 ? 1 : Math.expm1(u) / u;
    // [1 - (1-z)^{a-1} 2F1(A, a-1; c; z)] / (a-1), with A = a+b-1-r
    double bracket = -logOneMinusZ * expm1OverU - Math.exp(u) * seriesTailOverAMinusOne(c, z);
    return c * bracket / (1 + dropOutOdds(x, recency, age));
  }

  /**
   * Σ_{k≥1} (A)_k (a)_{k-1} z^k / ((c)_k k!): the 2F1(A, a-1; c; z) series minus its leading 1,
   * divided by (a - 1). Hipparchus has no Gauss hypergeometric function; for 0 <= z < 1 the power
   * series converges, and terms are summed until they stop changing the sum.
   */
  private double seriesTailOverAMinusOne(double c, double z) {
    double bigA = a + b - 1 - r;
    double term = bigA * z / c;
    double sum = term;
    for (int k = 2; k <= MAX_SERIES_TERMS; k++) {
      term *= (bigA + k - 1) * (a + k - 2) * z / ((c + k - 1) * k);
      sum += term;
      if (Math.abs(term) <= SERIES_TOLERANCE * Math.abs(sum) || term == 0) {
        return sum;
      }
    }
    return Double.NaN;
  }

  /** (a / (b + x - 1)) ((alpha + T) / (alpha + t_x))^{r+x} for x > 0, else 0; in logs. */
  private double dropOutOdds(int x, double recency, double age) {
    if (x < 0 || recency < 0 || age < recency) {
      throw new IllegalArgumentException(
          "need x >= 0 and 0 <= t_x <= T; got " + x + ", " + recency + ", " + age);
    }
    if (x == 0) {
      return 0;
    }
    return Math.exp(
        Math.log(a / (b + x - 1)) + (r + x) * Math.log((alpha + age) / (alpha + recency)));
  }
}
