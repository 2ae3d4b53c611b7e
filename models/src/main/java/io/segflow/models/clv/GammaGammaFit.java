// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * A Gamma-Gamma fit as model.json records it.
 *
 * @param params the maximum-likelihood parameters; null when {@link FitStatus#NOT_FITTED}
 * @param logLikelihood the log-likelihood at {@code params}; NaN when not fitted
 * @param customers repeat buyers with positive repeat spend the model was fitted on
 * @param excludedNonPositiveSpend repeat buyers left out because their repeat days sum to <= 0
 * @param evaluations likelihood evaluations spent
 * @param note why the fit is not {@link FitStatus#CONVERGED}; empty when it is
 */
public record GammaGammaFit(
    GammaGammaParams params,
    double logLikelihood,
    FitStatus status,
    long customers,
    long excludedNonPositiveSpend,
    int evaluations,
    String note)
    implements Serializable {

  public boolean converged() {
    return status == FitStatus.CONVERGED;
  }
}
