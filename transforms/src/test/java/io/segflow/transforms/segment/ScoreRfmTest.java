// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.RfmCustomers.N;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.models.RfmRule;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.models.ScoreRange;
import io.segflow.schemas.CustomerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Classic RFM scoring on {@link RfmCustomers}: 100 customers whose quintile cut points are known by
 * hand. Expected scores and segments come from the test's own arithmetic, not from the models
 * library.
 */
@RunWith(JUnit4.class)
public class ScoreRfmTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private PCollection<CustomerRecord> input(List<CustomerRecord> customers) {
    return p.apply(Create.of(customers).withCoder(AvroCoder.specific(CustomerRecord.class)));
  }

  @Test
  public void everyCustomerGetsTheHandComputedQuintileScoresAndSegment() {
    PCollection<CustomerRecord> scored = input(RfmCustomers.all()).apply(ScoreRfm.create());

    Set<String> expectedSegments = new TreeSet<>();
    for (int i = 1; i <= N; i++) {
      int[] s = RfmCustomers.expectedScores(i);
      expectedSegments.add(RfmCustomers.defaultSegment(s[0], s[1], s[2]));
    }
    // The data reach most of the table, so a wrong rule order would show.
    assertThat(expectedSegments.size(), greaterThan(7));

    PAssert.that(scored)
        .satisfies(
            all -> {
              Set<Integer> seen = new HashSet<>();
              for (CustomerRecord c : all) {
                int i = RfmCustomers.index(c);
                assertThat("customer " + i + " twice", seen.add(i), is(true));
                int[] e = RfmCustomers.expectedScores(i);
                String id = "customer " + i + " ";
                assertThat(id + "R", c.getRfmRecencyScore(), equalTo(e[0]));
                assertThat(id + "F", c.getRfmFrequencyScore(), equalTo(e[1]));
                assertThat(id + "M", c.getRfmMonetaryScore(), equalTo(e[2]));
                assertThat(id + "code", c.getRfmScore(), equalTo("" + e[0] + e[1] + e[2]));
                assertThat(
                    id + "segment",
                    c.getRfmSegment(),
                    equalTo(RfmCustomers.defaultSegment(e[0], e[1], e[2])));
                // The features are passed through untouched.
                assertThat(c.getRecencyDays(), equalTo(RfmCustomers.recency(i)));
                assertThat(c.getMonetary(), equalTo(RfmCustomers.monetary(i)));
              }
              assertThat(seen.size(), equalTo(N));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /**
   * Recency and monetary are distinct, so their quintiles hold exactly 20 customers each; the 35
   * one-order customers all share F = 1, and frequency 4 (equal to the top cut) scores 4, not 5.
   */
  @Test
  public void tiesShareAScoreAndAValueOnACutGetsTheLowerScore() {
    PCollection<CustomerRecord> scored = input(RfmCustomers.all()).apply(ScoreRfm.create());
    PAssert.that(scored)
        .satisfies(
            all -> {
              Map<Integer, Set<Integer>> fScoresByFrequency = new TreeMap<>();
              Map<Integer, Integer> rCounts = new TreeMap<>();
              Map<Integer, Integer> mCounts = new TreeMap<>();
              Map<Integer, Integer> fCounts = new TreeMap<>();
              for (CustomerRecord c : all) {
                fScoresByFrequency
                    .computeIfAbsent(c.getFrequency(), k -> new HashSet<>())
                    .add(c.getRfmFrequencyScore());
                rCounts.merge(c.getRfmRecencyScore(), 1, Integer::sum);
                mCounts.merge(c.getRfmMonetaryScore(), 1, Integer::sum);
                fCounts.merge(c.getRfmFrequencyScore(), 1, Integer::sum);
                if (c.getRecencyDays() == 20 || c.getRecencyDays() == 21) {
                  // 20 is the first cut: still among the most recent; 21 is past it
                  assertThat(c.getRfmRecencyScore(), equalTo(c.getRecencyDays() == 20 ? 5 : 4));
                }
              }
              Map<Integer, Set<Integer>> expected =
                  new TreeMap<>(
                      Map.of(
                          1, Set.of(1), 2, Set.of(2), 3, Set.of(3), 4, Set.of(4), 5, Set.of(5), 8,
                          Set.of(5)));
              assertThat(fScoresByFrequency, equalTo(expected));
              Map<Integer, Integer> even = new TreeMap<>(Map.of(1, 20, 2, 20, 3, 20, 4, 20, 5, 20));
              assertThat(rCounts, equalTo(even));
              assertThat(mCounts, equalTo(even));
              assertThat(
                  fCounts, equalTo(new TreeMap<>(Map.of(1, 35, 2, 20, 3, 15, 4, 10, 5, 20))));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** Every customer with the same recency: all cuts equal that value, nobody is past one. */
  @Test
  public void identicalValuesAllShareOneScore() {
    List<CustomerRecord> same = new ArrayList<>();
    for (int i = 1; i <= 30; i++) {
      same.add(RfmCustomers.customer(RfmCustomers.id(i), 7, 3, 99.5));
    }
    PAssert.that(input(same).apply(ScoreRfm.create()))
        .satisfies(
            all -> {
              for (CustomerRecord c : all) {
                // recency: no cut strictly below 7 → 5; frequency and monetary: none below → 1
                assertThat(c.getRfmScore(), equalTo("511"));
                assertThat(c.getRfmSegment(), equalTo(RfmCustomers.defaultSegment(5, 1, 1)));
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** Hand-made thresholds, chosen so that many customers score differently than on their own. */
  private static final double[] R_CUTS = {10, 30, 50, 70};

  private static final double[] F_CUTS = {1, 1, 2, 5};
  private static final double[] M_CUTS = {100, 300, 500, 900};

  private static int[] scoresUnderHandMadeThresholds(int i) {
    return new int[] {
      6 - RfmCustomers.score(RfmCustomers.recency(i), R_CUTS),
      RfmCustomers.score(RfmCustomers.frequency(i), F_CUTS),
      RfmCustomers.score(RfmCustomers.monetary(i), M_CUTS)
    };
  }

  @Test
  public void withThresholdsScoresAgainstTheSuppliedCutPoints() {
    int differing = 0;
    for (int i = 1; i <= N; i++) {
      if (!java.util.Arrays.equals(
          scoresUnderHandMadeThresholds(i), RfmCustomers.expectedScores(i))) {
        differing++;
      }
    }
    assertThat("the thresholds must make a difference", differing, greaterThan(40));

    PCollectionView<RfmThresholds> view =
        p.apply(
                "HandMadeThresholds",
                Create.of(RfmThresholds.of(R_CUTS, F_CUTS, M_CUTS))
                    .withCoder(SerializableCoder.of(RfmThresholds.class)))
            .apply(View.asSingleton());
    PCollection<CustomerRecord> scored =
        input(RfmCustomers.all()).apply(ScoreRfm.create().withThresholds(view));
    PAssert.that(scored)
        .satisfies(
            all -> {
              int n = 0;
              for (CustomerRecord c : all) {
                int i = RfmCustomers.index(c);
                int[] e = scoresUnderHandMadeThresholds(i);
                assertThat("customer " + i, c.getRfmScore(), equalTo("" + e[0] + e[1] + e[2]));
                assertThat(
                    "customer " + i,
                    c.getRfmSegment(),
                    equalTo(RfmCustomers.defaultSegment(e[0], e[1], e[2])));
                n++;
              }
              assertThat(n, equalTo(N));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** A three-rule table: recent first, then big spenders, then everyone else. */
  static RfmSegmentRules threeRules() {
    return RfmSegmentRules.of(
        List.of(
            RfmRule.onRfm(
                "Recent", "R 4-5", "Thank", ScoreRange.of(4, 5), ScoreRange.ANY, ScoreRange.ANY),
            RfmRule.onRfm(
                "Big but lapsing",
                "R 1-3, M 4-5",
                "Call",
                ScoreRange.of(1, 3),
                ScoreRange.ANY,
                ScoreRange.of(4, 5)),
            RfmRule.onRfm(
                "Others",
                "R 1-3, M 1-3",
                "Wait",
                ScoreRange.of(1, 3),
                ScoreRange.ANY,
                ScoreRange.of(1, 3))));
  }

  static String threeRuleSegment(int r, int m) {
    return r >= 4 ? "Recent" : m >= 4 ? "Big but lapsing" : "Others";
  }

  @Test
  public void withRulesNamesSegmentsFromTheGivenTable() {
    PCollection<CustomerRecord> scored =
        input(RfmCustomers.all()).apply(ScoreRfm.create().withRules(threeRules()));
    PAssert.that(scored)
        .satisfies(
            all -> {
              Map<String, Integer> sizes = new HashMap<>();
              for (CustomerRecord c : all) {
                int[] e = RfmCustomers.expectedScores(RfmCustomers.index(c));
                // the scores do not depend on the rules
                assertThat(c.getRfmScore(), equalTo("" + e[0] + e[1] + e[2]));
                assertThat(c.getRfmSegment(), equalTo(threeRuleSegment(e[0], e[2])));
                sizes.merge(c.getRfmSegment(), 1, Integer::sum);
              }
              assertThat(sizes.get("Recent"), equalTo(40)); // R 4-5 = recency 1..40
              assertThat(sizes.size(), equalTo(3));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void nullRulesAndNullThresholdsAreRejected() {
    IllegalArgumentException rules =
        assertThrows(IllegalArgumentException.class, () -> ScoreRfm.create().withRules(null));
    assertThat(rules.getMessage(), containsString("rules"));
    IllegalArgumentException view =
        assertThrows(IllegalArgumentException.class, () -> ScoreRfm.create().withThresholds(null));
    assertThat(view.getMessage(), containsString("thresholds"));
  }
}
