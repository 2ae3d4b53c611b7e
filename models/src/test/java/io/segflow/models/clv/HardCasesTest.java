// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import java.util.Map;
import org.junit.Test;

/** Data that cannot identify a model give a result that says so, never an exception. */
public class HardCasesTest {
  final ClvFitter fitter = ClvFitter.create(ClvTimeUnit.WEEK);

  @Test
  public void noRepeatBuyersLeaveGammaGammaNotFittedAndBgNbdAtABound() {
    ClvTerms terms = new ClvTerms();
    for (int age = 0; age < 300; age++) {
      terms.add(new CustomerSummary(0, 0, age, 0));
    }
    ClvModel model = fitter.fit(terms);
    assertThat(model.gammaGamma().status(), is(FitStatus.NOT_FITTED));
    assertThat(model.gammaGamma().params(), nullValue());
    assertThat(model.gammaGamma().note(), containsString("no repeat buyer"));
    assertThat(model.bgNbd().status(), is(FitStatus.NOT_CONVERGED));
    assertThat(model.bgNbd().note(), containsString("no customer bought twice"));
    assertThat(model.bgNbd().note(), containsString("bound"));

    Map<String, Object> json = model.toJsonMap();
    @SuppressWarnings("unchecked")
    Map<String, Object> gg = (Map<String, Object>) json.get("gamma_gamma");
    assertThat(gg.get("p"), nullValue());
    assertThat(gg.get("converged"), is(false));
    assertThat(gg.get("status"), is("NOT_FITTED"));
    assertThat(json.get("time_unit"), is("week"));

    ClvScore score = ClvScorer.of(model).score(new CustomerSummary(0, 0, 100, 0));
    assertThat(score.clv(), nullValue());
    assertThat(score.pAlive(), is(1.0));
  }

  @Test
  public void oneCustomerOnlyIsReportedNotThrown() {
    ClvTerms terms = new ClvTerms().add(new CustomerSummary(3, 60, 90, 75));
    ClvModel model = fitter.fit(terms);
    assertThat(model.bgNbd().customers(), is(1L));
    assertThat(model.gammaGamma().customers(), is(1L));
    // A single history cannot pin down four (or three) parameters: the optimum is a ridge.
    assertThat(model.bgNbd().status(), is(FitStatus.NOT_CONVERGED));
    assertThat(model.bgNbd().note(), containsString("do not identify"));
    assertThat(model.gammaGamma().status(), is(not(FitStatus.CONVERGED)));
  }

  @Test
  public void noCustomersAtAll() {
    ClvModel model = fitter.fit(new ClvTerms());
    assertThat(model.bgNbd().status(), is(FitStatus.NOT_FITTED));
    assertThat(model.gammaGamma().status(), is(FitStatus.NOT_FITTED));
    assertThat(model.toJsonMap(), notNullValue());
  }

  @Test
  public void anExhaustedBudgetIsNotConvergedButKeepsTheBestPoint() {
    ClvTerms terms = new ClvTerms();
    Cdnow.publishedSummary().forEach(p -> terms.add(Cdnow.inDays(p)));
    ClvModel model = fitter.withMaxEvaluations(40).fit(terms);
    assertThat(model.bgNbd().status(), is(FitStatus.NOT_CONVERGED));
    assertThat(model.bgNbd().converged(), is(false));
    assertThat(model.bgNbd().note(), containsString("40 likelihood evaluations"));
    assertThat(model.bgNbd().params(), notNullValue());
    assertThat(model.bgNbd().evaluations(), is(40));
    assertThat(model.gammaGamma().status(), is(FitStatus.NOT_CONVERGED));
  }

  @Test
  public void aDegenerateFitGivesNoPredictionInsteadOfHanging() {
    // alpha near 0 and a customer first seen on the last day: z = t / (alpha + t) is 1 - 2e-10
    BgNbdParams degenerate = new BgNbdParams(0.3, 1e-8, 0.8, 2.5);
    long start = System.nanoTime();
    assertThat(Double.isNaN(degenerate.expectedPurchases(52, 0, 0, 0)), is(true));
    assertThat((System.nanoTime() - start) / 1e9 < 5, is(true));
    ClvScore score =
        ClvScorer.of(ClvTimeUnit.WEEK, degenerate, new GammaGammaParams(6, 3.7, 15))
            .score(new CustomerSummary(0, 0, 0, 0));
    assertThat(score.clv(), nullValue());
    assertThat(score.pAlive(), is(1.0));
    // a sane alpha at the same age sums quickly
    assertThat(new BgNbdParams(0.3, 4, 0.8, 2.5).expectedPurchases(52, 0, 0, 0) > 0, is(true));
  }

  @Test
  public void repeatBuyersWithoutPositiveSpendAreCountedAndLeftOut() {
    GammaGammaTerms terms =
        new GammaGammaTerms()
            .add(new CustomerSummary(2, 10, 20, 0))
            .add(new CustomerSummary(1, 5, 20, -3))
            .add(new CustomerSummary(0, 0, 20, 0));
    GammaGammaFit fit = fitter.fitGammaGamma(terms);
    assertThat(fit.status(), is(FitStatus.NOT_FITTED));
    assertThat(fit.excludedNonPositiveSpend(), is(2L));
    assertThat(terms.withoutRepeats(), is(1L));
  }
}
