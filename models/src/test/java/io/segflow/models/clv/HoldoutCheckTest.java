// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.time.LocalDate;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * The CDNOW calibration/holdout check (39 weeks + 39 weeks, the BG/NBD paper's design) on the raw
 * sample and on the full master file equals the scipy oracle's ({@code oracle.py}), which fits and
 * predicts on its own.
 */
public class HoldoutCheckTest {
  static final LocalDate AS_OF = LocalDate.of(1998, 7, 1);
  static final int HOLDOUT_DAYS = 273;

  /** Two independent optimisations agree to about this much. */
  static final double FIT_RELATIVE = 1e-4;

  @Test
  public void sampleHoldoutEqualsTheOracle() {
    assertEqualsOracle(Cdnow.sampleHistories().values(), "oracle_holdout_sample.csv");
  }

  @Test
  public void masterHoldoutEqualsTheOracle() {
    assertEqualsOracle(Cdnow.masterHistories().values(), "oracle_holdout_master.csv");
  }

  static void assertEqualsOracle(Collection<PurchaseHistory> customers, String fixture) {
    Map<String, Double> oracle = new HashMap<>();
    Cdnow.fixture(fixture)
        .forEach(r -> oracle.put(r.get("key"), Double.parseDouble(r.get("value"))));
    HoldoutCheck.Outcome outcome =
        HoldoutCheck.run(customers, AS_OF, HOLDOUT_DAYS, ClvTimeUnit.WEEK);
    assertThat(outcome.calibrationModel().bgNbd().status(), is(FitStatus.CONVERGED));
    HoldoutResult result = outcome.result();
    BgNbdParams p = outcome.calibrationModel().bgNbd().params();
    assertRelative("r", p.r(), oracle.get("r"));
    assertRelative("alpha", p.alpha(), oracle.get("alpha"));
    assertRelative("a", p.a(), oracle.get("a"));
    assertRelative("b", p.b(), oracle.get("b"));
    assertThat(result.customers(), is(oracle.get("customers").longValue()));
    assertThat(result.calibrationDays(), is(273L));
    assertThat(result.holdoutDays(), is(273L));
    assertRelative("mean predicted", result.meanPredicted(), oracle.get("mean_predicted"));
    assertThat(result.meanActual(), closeTo(oracle.get("mean_actual"), 1e-12));
    assertRelative("MAE", result.meanAbsoluteError(), oracle.get("mean_absolute_error"));
    assertRelative("correlation", result.correlation(), oracle.get("correlation"));
    List<HoldoutResult.FrequencyRow> rows = result.byFrequency();
    assertThat(rows, hasSize(8));
    for (HoldoutResult.FrequencyRow row : rows) {
      int k = row.frequency();
      assertThat("and above", row.andAbove(), is(k == 7));
      assertThat("customers " + k, row.customers(), is(oracle.get("customers_" + k).longValue()));
      assertThat("actual " + k, row.meanActual(), closeTo(oracle.get("mean_actual_" + k), 1e-12));
      assertRelative("predicted " + k, row.meanPredicted(), oracle.get("mean_predicted_" + k));
    }
  }

  @Test
  public void aHoldoutLongerThanTheHistoryNamesTheProblem() {
    PurchaseHistory one = new PurchaseHistory().add(LocalDate.of(2024, 3, 1), 10);
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> HoldoutCheck.run(List.of(one), LocalDate.of(2024, 4, 1), 60, ClvTimeUnit.DAY));
    assertThat(e.getMessage(), containsString("shorten the holdout"));
  }

  @Test
  public void evaluationsMergeToTheSameResult() {
    HoldoutEvaluation whole = HoldoutEvaluation.create(2);
    HoldoutEvaluation left = HoldoutEvaluation.create(2);
    HoldoutEvaluation right = HoldoutEvaluation.create(2);
    double[][] rows = {{0, 0.2, 0}, {1, 0.8, 2}, {3, 2.5, 1}, {5, 4.0, 6}, {0, 0.1, 1}};
    for (int i = 0; i < rows.length; i++) {
      double[] r = rows[i];
      whole.add((int) r[0], r[1], (int) r[2]);
      (i % 2 == 0 ? left : right).add((int) r[0], r[1], (int) r[2]);
    }
    HoldoutResult expected = whole.result(10, 5);
    HoldoutResult merged = left.merge(right).result(10, 5);
    assertThat(merged.byFrequency(), is(expected.byFrequency()));
    assertThat(merged.correlation(), closeTo(expected.correlation(), 1e-12));
    // by hand: |errors| 0.2, 1.2, 1.5, 2.0, 0.9; x >= 2 pooled: predicted (2.5 + 4) / 2
    assertThat(merged.meanAbsoluteError(), closeTo(5.8 / 5, 1e-12));
    assertThat(merged.byFrequency().get(2).meanPredicted(), closeTo(3.25, 1e-12));
  }

  /**
   * A distributed combine adds and merges in any order: the result must be the same to the bit, so
   * that a run's clv.json is the same bytes every time.
   */
  @Test
  public void anyOrderOfAddingAndMergingGivesTheSameBits() {
    java.util.Random random = new java.util.Random(42);
    int n = 5_000;
    int[] x = new int[n];
    double[] predicted = new double[n];
    int[] actual = new int[n];
    for (int i = 0; i < n; i++) {
      x[i] = random.nextInt(12);
      predicted[i] = random.nextDouble() * (x[i] + 1) * 1e-1 + 1e-9 * random.nextDouble();
      actual[i] = random.nextInt(x[i] + 2);
    }
    HoldoutEvaluation forward = HoldoutEvaluation.create(7);
    for (int i = 0; i < n; i++) {
      forward.add(x[i], predicted[i], actual[i]);
    }
    HoldoutEvaluation[] parts = new HoldoutEvaluation[7];
    for (int k = 0; k < parts.length; k++) {
      parts[k] = HoldoutEvaluation.create(7);
    }
    for (int i = n - 1; i >= 0; i--) {
      parts[(i * 31) % parts.length].add(x[i], predicted[i], actual[i]);
    }
    HoldoutEvaluation shuffled = HoldoutEvaluation.create(7);
    for (int k = parts.length - 1; k >= 0; k--) {
      shuffled.merge(parts[k]);
    }
    assertThat(shuffled.result(100, 50), is(forward.result(100, 50)));
  }

  static void assertRelative(String what, double actual, double expected) {
    assertThat(what, actual, closeTo(expected, Math.abs(expected) * FIT_RELATIVE));
  }
}
