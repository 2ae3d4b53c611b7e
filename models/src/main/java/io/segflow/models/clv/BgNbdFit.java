// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * A BG/NBD fit as model.json records it.
 *
 * @param params the maximum-likelihood parameters; null when {@link FitStatus#NOT_FITTED}
 * @param logLikelihood the log-likelihood at {@code params}; NaN when not fitted
 * @param customers customers behind the likelihood
 * @param distinctTerms distinct (x, t_x, T) triples the likelihood summed over
 * @param evaluations likelihood evaluations spent
 * @param note why the fit is not {@link FitStatus#CONVERGED}; empty when it is
 */
public record BgNbdFit(
    BgNbdParams params,
    double logLikelihood,
    FitStatus status,
    long customers,
    int distinctTerms,
    int evaluations,
    String note)
    implements Serializable {

  public boolean converged() {
    return status == FitStatus.CONVERGED;
  }
}
