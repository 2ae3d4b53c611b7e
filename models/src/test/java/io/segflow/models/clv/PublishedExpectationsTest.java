// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.both;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import java.util.List;
import org.junit.Test;

/**
 * The published Gamma-Gamma conditional expectations of CDNOW customers 1–10, from our fit on the
 * published summary, to their printed precision. The printed values are cut, not rounded, after two
 * decimals (customer 1's 24.6586 prints as 24.65), so each value must lie in [printed, printed +
 * 0.01).
 */
public class PublishedExpectationsTest {
  static final double[] PUBLISHED = {
    24.65, 18.91, 35.17, 35.17, 35.17, 71.46, 18.91, 35.17, 27.28, 35.17
  };

  @Test
  public void customersOneToTenMatchThePrintedValues() {
    List<Cdnow.Published> summary = Cdnow.publishedSummary();
    GammaGammaTerms terms = new GammaGammaTerms();
    summary.forEach(p -> terms.add(Cdnow.inDays(p)));
    GammaGammaParams fit = ClvFitter.create(ClvTimeUnit.WEEK).fitGammaGamma(terms).params();
    for (int id = 1; id <= 10; id++) {
      Cdnow.Published p = summary.get(id - 1);
      CustomerSummary c = Cdnow.inDays(p);
      double expected = fit.expectedAverageValue(c.frequency(), c.meanRepeatSpend());
      assertThat(
          "customer " + p.id(),
          expected,
          both(greaterThanOrEqualTo(PUBLISHED[id - 1])).and(lessThan(PUBLISHED[id - 1] + 0.01)));
    }
  }
}
