// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;

/**
 * Everything both likelihoods need, accumulated one customer at a time and mergeable: the shape of
 * a combiner's accumulator. Memory follows the distinct histories, not the customers.
 */
public final class ClvTerms implements Serializable {
  private static final long serialVersionUID = 1L;

  private final BgNbdTerms bgNbd = new BgNbdTerms();
  private final GammaGammaTerms gammaGamma = new GammaGammaTerms();

  public ClvTerms add(CustomerSummary customer) {
    bgNbd.add(customer);
    gammaGamma.add(customer);
    return this;
  }

  public ClvTerms merge(ClvTerms other) {
    bgNbd.merge(other.bgNbd);
    gammaGamma.merge(other.gammaGamma);
    return this;
  }

  public BgNbdTerms bgNbd() {
    return bgNbd;
  }

  public GammaGammaTerms gammaGamma() {
    return gammaGamma;
  }
}
