// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.util.Arrays;
import org.hipparchus.special.Beta;
import org.hipparchus.special.Gamma;

/**
 * The BG/NBD log-likelihood (Fader, Hardie &amp; Lee 2005, eq. 6) over weighted (x, t_x, T) terms.
 * Everything that depends on x only (log-gamma and log-beta ratios) is computed once per distinct
 * x, and log(alpha + t) once per distinct day count, so an evaluation costs a few table lookups,
 * one exp and one log1p per term.
 */
final class BgNbdLikelihood {
  private final int[] x;
  private final int[] recencySlot;
  private final int[] ageSlot;
  private final double[] weight;
  private final double[] times;
  private final int[] distinctX;
  private final double totalWeight;

  BgNbdLikelihood(ClvTimeUnit unit, int[] x, int[] recencyDays, int[] ageDays, double[] weight) {
    this.x = x;
    this.weight = weight;
    int[] days = Arrays.stream(concat(recencyDays, ageDays)).distinct().sorted().toArray();
    this.times = Arrays.stream(days).mapToDouble(unit::fromDays).toArray();
    this.recencySlot = Arrays.stream(recencyDays).map(d -> Arrays.binarySearch(days, d)).toArray();
    this.ageSlot = Arrays.stream(ageDays).map(d -> Arrays.binarySearch(days, d)).toArray();
    this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
    this.totalWeight = Arrays.stream(weight).sum();
  }

  double totalWeight() {
    return totalWeight;
  }

  /** Total log-likelihood at (r, alpha, a, b). */
  double value(double[] params) {
    double r = params[0];
    double alpha = params[1];
    double a = params[2];
    double b = params[3];
    double[] logAlphaPlus = new double[times.length];
    for (int i = 0; i < times.length; i++) {
      logAlphaPlus[i] = Math.log(alpha + times[i]);
    }
    int maxX = distinctX.length == 0 ? 0 : distinctX[distinctX.length - 1];
    // per x: ln[Γ(r+x) α^r / Γ(r)] + ln[B(a, b+x) / B(a, b)], and ln[a / (b+x-1)]
    double[] shared = new double[maxX + 1];
    double[] dropOut = new double[maxX + 1];
    double logGammaR = Gamma.logGamma(r);
    double logBetaAB = Beta.logBeta(a, b);
    double rLogAlpha = r * Math.log(alpha);
    for (int k : distinctX) {
      shared[k] =
          Gamma.logGamma(r + k) - logGammaR + rLogAlpha + Beta.logBeta(a, b + k) - logBetaAB;
      dropOut[k] = k > 0 ? Math.log(a) - Math.log(b + k - 1) : 0;
    }
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      int k = x[i];
      double survived = -(r + k) * logAlphaPlus[ageSlot[i]];
      double term;
      if (k == 0) {
        term = survived;
      } else {
        double died = dropOut[k] - (r + k) * logAlphaPlus[recencySlot[i]];
        double max = Math.max(survived, died);
        term = max + Math.log1p(Math.exp(Math.min(survived, died) - max));
      }
      sum += weight[i] * (shared[k] + term);
    }
    return sum;
  }

  private static int[] concat(int[] first, int[] second) {
    int[] out = Arrays.copyOf(first, first.length + second.length);
    System.arraycopy(second, 0, out, first.length, second.length);
    return out;
  }
}
