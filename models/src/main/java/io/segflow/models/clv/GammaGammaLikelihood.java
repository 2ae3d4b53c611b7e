// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.util.Arrays;
import org.hipparchus.special.Gamma;

/**
 * The Gamma-Gamma spend log-likelihood (Fader &amp; Hardie, "The Gamma-Gamma model of monetary
 * value", 2013) of the mean repeat spend z̄ over x repeat purchases, over weighted terms. The
 * log-gamma ratio is computed once per distinct x; each term costs one log.
 */
final class GammaGammaLikelihood {
  private final int[] x;
  private final double[] weight;
  private final double[] total;
  private final double[] logMean;
  private final double[] logX;
  private final int[] distinctX;
  private final double totalWeight;

  GammaGammaLikelihood(int[] x, double[] total, double[] weight) {
    this.x = x;
    this.total = total;
    this.weight = weight;
    this.logMean = new double[x.length];
    this.logX = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      logMean[i] = Math.log(total[i] / x[i]);
      logX[i] = Math.log(x[i]);
    }
    this.distinctX = Arrays.stream(x).distinct().sorted().toArray();
    this.totalWeight = Arrays.stream(weight).sum();
  }

  double totalWeight() {
    return totalWeight;
  }

  /** Total log-likelihood at (p, q, v). */
  double value(double[] params) {
    double p = params[0];
    double q = params[1];
    double v = params[2];
    int maxX = distinctX.length == 0 ? 0 : distinctX[distinctX.length - 1];
    double[] gammaRatio = new double[maxX + 1];
    for (int k : distinctX) {
      gammaRatio[k] = Gamma.logGamma(p * k + q) - Gamma.logGamma(p * k);
    }
    double constant = q * Math.log(v) - Gamma.logGamma(q);
    double sum = 0;
    for (int i = 0; i < x.length; i++) {
      double px = p * x[i];
      double term =
          gammaRatio[x[i]]
              + constant
              + (px - 1) * logMean[i]
              + px * logX[i]
              - (px + q) * Math.log(v + total[i]);
      sum += weight[i] * term;
    }
    return sum;
  }
}
