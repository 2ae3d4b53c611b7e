// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

/**
 * Segflow's RFM scoring and rule tables against the R rfm package on its own sample orders (4,906
 * orders of 995 customers, analysis date 2006-12-31). The expected scores, cut points and segments
 * were written by the package itself (fixtures/rfm-package/make_rfm_package_fixtures.R); the
 * customers' recency, frequency and monetary values are computed here from the orders, as the
 * package defines them: days from the last order to the analysis date, number of orders, revenue
 * summed.
 */
public class RfmPackageOracleTest {
  private static final String DIR = "/fixtures/rfm-package/";
  private static final LocalDate ANALYSIS_DATE = LocalDate.parse("2006-12-31");

  /** The ten-segment table of the package's rfm_segment() documentation example. */
  static final List<String> NAMES =
      List.of(
          "Champions",
          "Potential Loyalist",
          "Loyal Customers",
          "Promising",
          "New Customers",
          "Can't Lose Them",
          "At Risk",
          "Need Attention",
          "About To Sleep",
          "Lost");

  private static final int[][] BOUNDS = {
    {5, 3, 2, 3, 4, 1, 1, 1, 2, 1}, // recency lower
    {5, 5, 4, 4, 5, 2, 2, 3, 3, 1}, // recency upper
    {5, 3, 2, 1, 1, 3, 2, 3, 1, 1}, // frequency lower
    {5, 5, 4, 3, 3, 4, 5, 5, 3, 5}, // frequency upper
    {5, 2, 2, 3, 1, 4, 4, 3, 1, 1}, // monetary lower
    {5, 5, 4, 5, 5, 5, 5, 5, 4, 5} // monetary upper
  };

  /** One customer's values as computed here from the orders. */
  private record Customer(String id, double recencyDays, double orders, double revenue) {}

  /** One row of an expected file. */
  private record Expected(
      String id,
      double recencyDays,
      double orders,
      double amount,
      RfmScore score,
      String segment) {}

  @Test
  public void customerValuesMatchThePackage() {
    Map<String, Customer> customers = customers();
    List<Expected> expected = expected("expected_rfm_package.csv");
    assertThat(customers.size(), is(995));
    assertThat(expected.size(), is(995));
    for (Expected e : expected) {
      Customer c = customers.get(e.id());
      assertThat(e.id(), c.recencyDays(), is(e.recencyDays()));
      assertThat(e.id(), c.orders(), is(e.orders()));
      assertThat(e.id(), c.revenue(), is(e.amount()));
    }
  }

  @Test
  public void rfmPackageCutPointsAreThePackagesBreaks() {
    RfmThresholds t = rfmPackageThresholds();
    List<String[]> th = rows("thresholds.csv");
    // the upper bounds of bins 1..4 are the cut points; the last one is the maximum + 1
    for (int d = 0; d < 3; d++) {
      double[] cuts =
          d == 0 ? t.recency().cuts() : d == 1 ? t.frequency().cuts() : t.monetary().cuts();
      for (int i = 0; i < 4; i++) {
        assertThat(
            "dimension " + d + " cut " + i, cuts[i], is(Double.parseDouble(th.get(i)[2 + 2 * d])));
      }
    }
    assertThat(th.get(0)[0], is("rfm_package"));
    // R's double exactly (type-7 level 3 · 0.2 = 0.6000000000000001), not 297.4
    assertThat(t.recency().cuts()[2], is(297.4000000000001));
  }

  @Test
  public void rfmPackageScoresAreThePackagesScores() {
    checkScores(rfmPackageThresholds(), expected("expected_rfm_package.csv"));
  }

  @Test
  public void fixedCutPointsGiveThePackagesScoresForThoseThresholds() {
    RfmThresholds fixed =
        RfmThresholds.of(
            RfmMethod.FIXED,
            new double[] {115, 181, 297, 482},
            new double[] {4, 5, 6, 8},
            new double[] {256, 382, 506, 666});
    List<Expected> expected = expected("expected_fixed.csv");
    checkScores(fixed, expected);
    // a value on a cut point goes to the upper bin: 297 days is in [297, 482), R 2 (recency
    // reversed); with the package's own break 297.4 it is in [181, 297.4), R 3
    Expected onCut = find(expected, "Katlyn Mann");
    assertThat(onCut.recencyDays(), is(297.0));
    assertThat(onCut.score().r(), is(2));
    assertThat(find(expected("expected_rfm_package.csv"), "Katlyn Mann").score().r(), is(3));
  }

  @Test
  public void tenSegmentTableGivesThePackagesSegments() {
    RfmSegmentRules rules = tenSegmentTable();
    assertThat(rules.unreachable(), is(empty()));
    for (String file : List.of("expected_rfm_package.csv", "expected_fixed.csv")) {
      for (Expected e : expected(file)) {
        assertThat(file + " " + e.id(), rules.segmentOf(e.score()).name(), equalTo(e.segment()));
      }
    }
  }

  /** The table leaves scores to the fallback, e.g. R 1 with F 1..2 and M 1..3 apart from Lost. */
  @Test
  public void scoresNoRuleMatchesGetTheFallback() {
    RfmSegmentRules rules = tenSegmentTable();
    List<String> others = new ArrayList<>();
    for (RfmScore s : RfmSegmentRules.allScores(5)) {
      if (rules.segmentOf(s).name().equals("Others")) {
        others.add(s.code());
      }
    }
    // the package's loop gives "Others" to exactly the codes no rule contains
    List<String> unmatched = new ArrayList<>();
    for (RfmScore s : RfmSegmentRules.allScores(5)) {
      boolean any = false;
      for (int i = 0; i < NAMES.size(); i++) {
        any |= within(s.r(), i, 0) && within(s.f(), i, 2) && within(s.m(), i, 4);
      }
      if (!any) {
        unmatched.add(s.code());
      }
    }
    assertThat(others, equalTo(unmatched));
    assertThat(others.contains("211"), is(false)); // About To Sleep
    assertThat(others.contains("215"), is(true)); // R 2, F 1, M 5: no rule
    assertThat(rules.segments().get(10).name(), is("Others"));
  }

  private static boolean within(int score, int rule, int row) {
    return score >= BOUNDS[row][rule] && score <= BOUNDS[row + 1][rule];
  }

  static RfmSegmentRules tenSegmentTable() {
    List<RfmRule> rules = new ArrayList<>();
    for (int i = 0; i < NAMES.size(); i++) {
      rules.add(
          RfmRule.onRfm(
              NAMES.get(i),
              "",
              "",
              ScoreRange.of(BOUNDS[0][i], BOUNDS[1][i]),
              ScoreRange.of(BOUNDS[2][i], BOUNDS[3][i]),
              ScoreRange.of(BOUNDS[4][i], BOUNDS[5][i])));
    }
    return RfmSegmentRules.configured(rules, 5, "Others");
  }

  private static void checkScores(RfmThresholds t, List<Expected> expected) {
    Map<String, Customer> customers = customers();
    for (Expected e : expected) {
      Customer c = customers.get(e.id());
      RfmScore s = t.score(c.recencyDays(), c.orders(), c.revenue());
      assertThat(e.id(), s, equalTo(e.score()));
    }
  }

  private static RfmThresholds rfmPackageThresholds() {
    List<Customer> all = new ArrayList<>(customers().values());
    double[] r = new double[all.size()];
    double[] f = new double[all.size()];
    double[] m = new double[all.size()];
    for (int i = 0; i < r.length; i++) {
      r[i] = all.get(i).recencyDays();
      f[i] = all.get(i).orders();
      m[i] = all.get(i).revenue();
    }
    return RfmThresholds.rfmPackage(r, f, m, 5);
  }

  private static Expected find(List<Expected> rows, String id) {
    return rows.stream().filter(e -> e.id().equals(id)).findFirst().orElseThrow();
  }

  /** Each customer's values from the orders. */
  private static Map<String, Customer> customers() {
    Map<String, LocalDate> last = new TreeMap<>();
    Map<String, Integer> orders = new TreeMap<>();
    Map<String, Double> revenue = new TreeMap<>();
    List<String[]> rows = rows("rfm_data_orders.csv");
    assertThat(rows.size(), is(4906));
    for (String[] row : rows) {
      String id = row[0];
      LocalDate date = LocalDate.parse(row[1]);
      last.merge(id, date, (a, b) -> a.isAfter(b) ? a : b);
      orders.merge(id, 1, Integer::sum);
      revenue.merge(id, Double.parseDouble(row[2]), Double::sum);
    }
    Map<String, Customer> out = new TreeMap<>();
    for (String id : last.keySet()) {
      out.put(
          id,
          new Customer(
              id,
              ChronoUnit.DAYS.between(last.get(id), ANALYSIS_DATE),
              orders.get(id),
              revenue.get(id)));
    }
    return out;
  }

  private static List<Expected> expected(String file) {
    List<Expected> out = new ArrayList<>();
    for (String[] row : rows(file)) {
      out.add(
          new Expected(
              row[0],
              Double.parseDouble(row[1]),
              Double.parseDouble(row[2]),
              Double.parseDouble(row[3]),
              new RfmScore(
                  Integer.parseInt(row[4]), Integer.parseInt(row[5]), Integer.parseInt(row[6])),
              row[7]));
    }
    return out;
  }

  /** The rows of an R write.csv file after its header; fields may be quoted, none holds a comma. */
  private static List<String[]> rows(String file) {
    try (InputStream in = RfmPackageOracleTest.class.getResourceAsStream(DIR + file);
        BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String[]> out = new ArrayList<>();
      r.readLine();
      for (String line = r.readLine(); line != null; line = r.readLine()) {
        String[] cells = line.split(",", -1);
        for (int i = 0; i < cells.length; i++) {
          cells[i] = cells[i].replaceAll("^\"|\"$", "");
        }
        out.add(cells);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  public void theTablesSegmentsComeInRuleOrderWithTheFallbackLast() {
    List<String> names = new ArrayList<>();
    tenSegmentTable().segments().forEach(s -> names.add(s.name()));
    List<String> expected = new ArrayList<>(NAMES);
    expected.add("Others");
    assertThat(names, contains(expected.toArray()));
  }
}
