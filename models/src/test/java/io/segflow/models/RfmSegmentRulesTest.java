// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class RfmSegmentRulesTest {
  private static final RfmSegmentRules DEFAULTS = RfmSegmentRules.defaults();

  @Test
  public void defaultsAreTheElevenConventionalSegmentsInOrder() {
    assertThat(
        DEFAULTS.rules().stream().map(RfmRule::name).toList(),
        contains(
            "Champions",
            "New customers",
            "Promising",
            "Loyal",
            "Potential loyalist",
            "Cannot lose them",
            "At risk",
            "Needs attention",
            "About to sleep",
            "Hibernating",
            "Lost"));
    for (RfmRule rule : DEFAULTS.rules()) {
      assertThat(rule.description().isBlank() || rule.action().isBlank(), is(false));
    }
  }

  /**
   * All 125 combinations, enumerated here independently: each has a first match, and every rule is
   * someone's.
   */
  @Test
  public void everyCombinationHasExactlyOneSegmentAndNoRuleIsUnreachable() {
    Map<String, List<String>> cellsByRule = new LinkedHashMap<>();
    int combinations = 0;
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
          RfmScore s = new RfmScore(r, f, m);
          List<RfmRule> matching =
              DEFAULTS.rules().stream().filter(rule -> rule.matches(s)).toList();
          assertThat(s.code() + " matches no rule", matching.isEmpty(), is(false));
          assertThat(DEFAULTS.segmentOf(s), is(matching.get(0)));
          cellsByRule.computeIfAbsent(matching.get(0).name(), k -> new ArrayList<>()).add(s.code());
          combinations++;
        }
      }
    }
    assertThat(combinations, is(125));
    assertThat(cellsByRule.values().stream().mapToInt(List::size).sum(), is(125));
    for (RfmRule rule : DEFAULTS.rules()) {
      assertThat(rule.name() + " is unreachable", cellsByRule.containsKey(rule.name()), is(true));
    }
  }

  /** Spot checks against the Javadoc table, by hand. */
  @Test
  public void typicalCodes() {
    Map<String, String> expected = new HashMap<>();
    expected.put("555", "Champions");
    expected.put("515", "New customers"); // one big first order: still new, not loyal
    expected.put("315", "Promising");
    expected.put("433", "Loyal");
    expected.put("422", "Potential loyalist");
    expected.put("155", "Cannot lose them");
    expected.put("233", "At risk");
    expected.put("133", "At risk");
    expected.put("322", "Needs attention");
    expected.put("211", "About to sleep");
    expected.put("321", "About to sleep");
    expected.put("122", "Hibernating");
    expected.put("111", "Lost");
    expected.put("121", "Lost");
    for (Map.Entry<String, String> e : expected.entrySet()) {
      String c = e.getKey();
      RfmScore s = new RfmScore(c.charAt(0) - '0', c.charAt(1) - '0', c.charAt(2) - '0');
      assertThat(c, DEFAULTS.segmentOf(s).name(), is(e.getValue()));
    }
  }

  @Test
  public void customTablesWithGapsOrDeadRulesAreRejected() {
    RfmRule recent = RfmRule.onRAndFm("Recent", "d", "a", ScoreRange.of(3, 5), ScoreRange.ANY);
    RfmRule old = RfmRule.onRAndFm("Old", "d", "a", ScoreRange.of(1, 2), ScoreRange.ANY);
    RfmRule shadowed =
        RfmRule.onRfm("Shadowed", "d", "a", ScoreRange.of(4, 5), ScoreRange.ANY, ScoreRange.ANY);
    assertThat(RfmSegmentRules.of(List.of(recent, old)).rules().size(), is(2));
    IllegalArgumentException gap =
        assertThrows(IllegalArgumentException.class, () -> RfmSegmentRules.of(List.of(recent)));
    assertThat(gap.getMessage(), containsString("111"));
    IllegalArgumentException dead =
        assertThrows(
            IllegalArgumentException.class,
            () -> RfmSegmentRules.of(List.of(recent, shadowed, old)));
    assertThat(dead.getMessage(), containsString("Shadowed"));
    assertThrows(
        IllegalArgumentException.class, () -> RfmSegmentRules.of(List.of(recent, old, recent)));
  }

  /** A configured table keeps gaps (they go to the fallback) and shadowed rules (for a warning). */
  @Test
  public void configuredTablesSendGapsToTheFallbackAndListDeadRules() {
    RfmRule top = RfmRule.onRfm("Top", "", "", ScoreRange.of(3, 3), ScoreRange.ANY, ScoreRange.ANY);
    RfmRule shadowed =
        RfmRule.onRfm("Shadowed", "", "", ScoreRange.of(3, 3), ScoreRange.of(1, 2), ScoreRange.ANY);
    RfmRule low = RfmRule.onRfm("Low", "", "", ScoreRange.of(1, 1), ScoreRange.ANY, ScoreRange.ANY);
    RfmSegmentRules t = RfmSegmentRules.configured(List.of(top, shadowed, low), 3, "Rest");
    assertThat(t.bins(), is(3));
    assertThat(t.unreachable(), contains("Shadowed"));
    assertThat(t.segmentOf(new RfmScore(3, 1, 1)).name(), is("Top"));
    assertThat(t.segmentOf(new RfmScore(1, 3, 3)).name(), is("Low"));
    assertThat(t.segmentOf(new RfmScore(2, 3, 3)).name(), is("Rest"));
    assertThat(t.segments().size(), is(4));
    assertThat(t.segments().get(3).name(), is("Rest"));
    // ten bins: a score of 10 is scored and matched
    RfmRule tens =
        RfmRule.onRfm("Tens", "", "", ScoreRange.of(10, 10), ScoreRange.ANY, ScoreRange.ANY);
    RfmSegmentRules ten = RfmSegmentRules.configured(List.of(tens), 10, "Others");
    assertThat(ten.segmentOf(new RfmScore(10, 1, 10)).name(), is("Tens"));
    assertThat(ten.segmentOf(new RfmScore(9, 10, 10)).name(), is("Others"));
  }

  @Test
  public void configuredTablesRejectRangesBeyondTheBinsAndBadNames() {
    RfmRule four =
        RfmRule.onRfm("Four", "", "", ScoreRange.of(4, 4), ScoreRange.ANY, ScoreRange.ANY);
    IllegalArgumentException beyond =
        assertThrows(
            IllegalArgumentException.class,
            () -> RfmSegmentRules.configured(List.of(four), 3, "Others"));
    assertThat(beyond.getMessage(), containsString("1..3"));
    assertThrows(
        IllegalArgumentException.class, () -> RfmSegmentRules.configured(List.of(four), 5, "Four"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RfmSegmentRules.configured(List.of(four, four), 5, "Others"));
    assertThrows(
        IllegalArgumentException.class, () -> RfmSegmentRules.configured(List.of(four), 11, "x"));
    assertThrows(
        IllegalArgumentException.class,
        () -> RfmRule.onRfm(" ", "", "", ScoreRange.ANY, ScoreRange.ANY, ScoreRange.ANY));
  }

  /**
   * Segment sizes on the committed sample and the reference customers equal an independent pandas
   * if-chain.
   */
  @Test
  public void segmentSizesMatchTheOracle() {
    checkSizes(TestData.sampleCustomers(), TestData.expectedSegments().get("sample600"));
  }

  @Test
  public void referenceSegmentSizesMatchTheOracle() {
    Map<String, Integer> sizes =
        checkSizes(TestData.referenceCustomers(), TestData.expectedSegments().get("reference"));
    System.out.println("RFM segments of the 4,338 reference customers: " + sizes);
  }

  private static Map<String, Integer> checkSizes(double[][] raw, Map<String, Double> expected) {
    RfmScorer scorer = RfmScorer.fit(raw, TestData.FEATURES, FeatureRoles.DEFAULT);
    Map<String, Integer> sizes = new TreeMap<>();
    for (double[] row : raw) {
      sizes.merge(DEFAULTS.segmentOf(scorer.score(row)).name(), 1, Integer::sum);
    }
    Map<String, Integer> want = new TreeMap<>();
    expected.forEach(
        (k, v) -> {
          if (k.startsWith("rfm_segment_")) {
            want.put(k.substring("rfm_segment_".length()), v.intValue());
          }
        });
    assertThat(sizes, is(want));
    return sizes;
  }
}
