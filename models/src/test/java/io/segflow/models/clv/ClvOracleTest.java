// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/**
 * Per-customer predictions equal an independent evaluation of the papers' formulas with scipy
 * ({@code src/test/resources/clv/oracle.py}, which says how to re-run it) for fourteen CDNOW
 * customers, in weeks and in days, at the published parameters.
 */
public class ClvOracleTest {
  static final double RELATIVE = 1e-6;
  static final BgNbdParams PUBLISHED_WEEKS =
      new BgNbdParams(0.242593, 4.413532, 0.792886, 2.425752);
  static final BgNbdParams PUBLISHED_DAYS =
      new BgNbdParams(0.242593, 4.413532 * 7, 0.792886, 2.425752);
  static final GammaGammaParams PUBLISHED_SPEND = new GammaGammaParams(6.25, 3.74, 15.44);

  final List<Map<String, String>> rows = Cdnow.fixture("oracle_customers.csv");

  @Test
  public void fixtureHoldsTheDozenCustomersInBothUnits() {
    assertThat(rows, hasSize(28));
  }

  @Test
  public void predictionsEqualTheOracle() {
    for (Map<String, String> row : rows) {
      ClvTimeUnit unit = ClvTimeUnit.parse(row.get("unit"));
      BgNbdParams params = unit == ClvTimeUnit.WEEK ? PUBLISHED_WEEKS : PUBLISHED_DAYS;
      CustomerSummary c = summary(row);
      String who = unit.key() + " customer " + row.get("id");
      double recency = c.recency(unit);
      double age = c.age(unit);
      assertRelative(
          who + " P(alive)",
          params.probabilityAlive(c.frequency(), recency, age),
          value(row, "p_alive"));
      assertRelative(
          who + " E[Y(273 days)]",
          params.expectedPurchases(unit.fromDays(273), c.frequency(), recency, age),
          value(row, "expected_273_days"));

      ClvScore score = ClvScorer.of(unit, params, PUBLISHED_SPEND).score(c);
      assertRelative(who + " P(alive) scored", score.pAlive(), value(row, "p_alive"));
      assertRelative(
          who + " E[Y(365 days)]", score.expectedPurchases(), value(row, "expected_365_days"));
      assertRelative(who + " E[Z]", score.expectedAvgOrderValue(), value(row, "gg_expectation"));
      assertRelative(who + " CLV", score.clv(), value(row, "clv_12_months"));
    }
  }

  @Test
  public void marginAndDiscountRateChangeTheLifetimeValueAsDefined() {
    Map<String, String> row = rows.get(0);
    CustomerSummary c = summary(row);
    ClvScorer scorer = ClvScorer.of(ClvTimeUnit.WEEK, PUBLISHED_WEEKS, PUBLISHED_SPEND);
    double base = scorer.score(c).clv();
    assertRelative("margin", scorer.withMargin(0.3).score(c).clv(), 0.3 * base);
    // Without discounting the CLV is value × expected purchases over the 12 months (52.14 weeks).
    double undiscounted = scorer.withDiscountRate(0).score(c).clv();
    double purchases =
        PUBLISHED_WEEKS.expectedPurchases(
            12 * 4.345, c.frequency(), c.recency(ClvTimeUnit.WEEK), c.age(ClvTimeUnit.WEEK));
    assertRelative("undiscounted", undiscounted, purchases * value(row, "gg_expectation"));
    assertThat(scorer.withHorizonDays(730).clvMonths(), is(24));
  }

  @Test
  public void withoutASpendModelValueAndClvAreAbsent() {
    ClvScore score =
        ClvScorer.of(ClvTimeUnit.WEEK, PUBLISHED_WEEKS, null).score(summary(rows.get(0)));
    assertThat(score.expectedAvgOrderValue() == null && score.clv() == null, is(true));
    assertRelative("P(alive)", score.pAlive(), value(rows.get(0), "p_alive"));
  }

  @Test
  public void aScorerTravelsSerializedAndScoresTheSame() throws Exception {
    ClvScorer scorer =
        ClvScorer.of(ClvTimeUnit.DAY, PUBLISHED_DAYS, PUBLISHED_SPEND).withHorizonDays(200);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(scorer);
    }
    ClvScorer copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ClvScorer) in.readObject();
    }
    CustomerSummary c = summary(rows.get(5));
    assertThat(copy.score(c), is(scorer.score(c)));
  }

  @Test
  public void theMemoScoresAsTheScorerAndTheOracleWhereCustomersShareATriple() {
    for (ClvTimeUnit unit : ClvTimeUnit.values()) {
      BgNbdParams params = unit == ClvTimeUnit.WEEK ? PUBLISHED_WEEKS : PUBLISHED_DAYS;
      ClvScorer scorer = ClvScorer.of(unit, params, PUBLISHED_SPEND);
      ClvScorer.Memo memo = new ClvScorer.Memo(scorer);
      for (Map<String, String> row : rows) {
        if (!ClvTimeUnit.parse(row.get("unit")).equals(unit)) {
          continue;
        }
        CustomerSummary c = summary(row);
        // the same triple with half the spend: the purchase part is shared, the value is not
        CustomerSummary cheaper =
            new CustomerSummary(c.frequency(), c.recencyDays(), c.ageDays(), c.repeatSpend() / 2);
        for (int pass = 0; pass < 2; pass++) {
          assertThat(memo.score(c), is(scorer.score(c)));
          assertThat(memo.score(cheaper), is(scorer.score(cheaper)));
        }
        assertRelative(
            unit.key() + " customer " + row.get("id") + " memo CLV",
            memo.score(c).clv(),
            value(row, "clv_12_months"));
      }
    }
  }

  static CustomerSummary summary(Map<String, String> row) {
    int x = Integer.parseInt(row.get("x"));
    return new CustomerSummary(
        x,
        Integer.parseInt(row.get("tx_days")),
        Integer.parseInt(row.get("T_days")),
        x * Double.parseDouble(row.get("zbar")));
  }

  static double value(Map<String, String> row, String key) {
    return Double.parseDouble(row.get(key));
  }

  static void assertRelative(String what, double actual, double expected) {
    assertThat(what, actual, closeTo(expected, Math.abs(expected) * RELATIVE));
  }
}
