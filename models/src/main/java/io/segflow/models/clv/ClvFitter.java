// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

/**
 * Fits BG/NBD and Gamma-Gamma by maximum likelihood on the grouped terms of {@link ClvTerms}. Data
 * that cannot identify a model (no customers; no repeat buyers for Gamma-Gamma) give a {@link
 * FitStatus#NOT_FITTED} result with a note instead of an exception.
 */
public final class ClvFitter {
  /** Ample for both models: CDNOW needs a few hundred evaluations. */
  public static final int DEFAULT_MAX_EVALUATIONS = 20_000;

  private static final String[] BG_NBD_NAMES = {"r", "alpha", "a", "b"};
  private static final String[] GAMMA_GAMMA_NAMES = {"p", "q", "v"};

  private final ClvTimeUnit unit;
  private final int maxEvaluations;

  private ClvFitter(ClvTimeUnit unit, int maxEvaluations) {
    this.unit = unit;
    this.maxEvaluations = maxEvaluations;
  }

  public static ClvFitter create(ClvTimeUnit unit) {
    return new ClvFitter(unit, DEFAULT_MAX_EVALUATIONS);
  }

  /** The likelihood-evaluation budget of each model's fit. */
  public ClvFitter withMaxEvaluations(int maxEvaluations) {
    if (maxEvaluations < 1) {
      throw new IllegalArgumentException("maxEvaluations must be >= 1: " + maxEvaluations);
    }
    return new ClvFitter(unit, maxEvaluations);
  }

  public ClvModel fit(ClvTerms terms) {
    return new ClvModel(unit, fitBgNbd(terms.bgNbd()), fitGammaGamma(terms.gammaGamma()));
  }

  public BgNbdFit fitBgNbd(BgNbdTerms terms) {
    long customers = terms.customers();
    if (customers == 0) {
      return new BgNbdFit(
          null, Double.NaN, FitStatus.NOT_FITTED, 0, 0, 0, "no customers to fit on");
    }
    BgNbdLikelihood likelihood = terms.likelihood(unit);
    MaximumLikelihood.Estimate e =
        MaximumLikelihood.maximize(
            likelihood::value,
            BG_NBD_NAMES,
            new double[] {1, 1, 1, 1},
            likelihood.totalWeight(),
            maxEvaluations);
    String note = e.note();
    if (!terms.hasRepeatBuyers()) {
      note = "no customer bought twice, so purchase rates cannot be estimated; " + note;
    }
    BgNbdParams params =
        e.params() == null
            ? null
            : new BgNbdParams(e.params()[0], e.params()[1], e.params()[2], e.params()[3]);
    return new BgNbdFit(
        params,
        e.logLikelihood(),
        e.status(),
        customers,
        terms.distinctTerms(),
        e.evaluations(),
        note);
  }

  public GammaGammaFit fitGammaGamma(GammaGammaTerms terms) {
    long customers = terms.customers();
    if (customers == 0) {
      return new GammaGammaFit(
          null,
          Double.NaN,
          FitStatus.NOT_FITTED,
          0,
          terms.nonPositiveSpend(),
          0,
          "no repeat buyer with positive repeat spend: average order values cannot be predicted");
    }
    GammaGammaLikelihood likelihood = terms.likelihood();
    MaximumLikelihood.Estimate e =
        MaximumLikelihood.maximize(
            likelihood::value,
            GAMMA_GAMMA_NAMES,
            new double[] {1, 1, 1},
            likelihood.totalWeight(),
            maxEvaluations);
    GammaGammaParams params =
        e.params() == null
            ? null
            : new GammaGammaParams(e.params()[0], e.params()[1], e.params()[2]);
    String note = e.note();
    if (params != null && params.q() <= 1) {
      note =
          (note.isEmpty() ? "" : note + "; ")
              + "q <= 1: the population mean value is infinite, customers without repeats get none";
    }
    return new GammaGammaFit(
        params,
        e.logLikelihood(),
        e.status(),
        customers,
        terms.nonPositiveSpend(),
        e.evaluations(),
        note);
  }
}
