// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import org.junit.Test;

public class SegmentNamerTest {
  private static final List<String> NAMES = List.of("recency_days", "frequency", "monetary");

  /**
   * A profile whose mean percentiles are the given ones (recency, frequency, monetary); means are
   * illustrative.
   */
  private static SegmentProfile profile(
      int label, double recency, double frequency, double monetary) {
    double[] pct = {recency, frequency, monetary};
    double[] means = {300 * recency, 20 * frequency, 10_000 * monetary};
    return new SegmentProfile(label, 100, 0.2, NAMES, means, means, pct, means[2] * 100, 0.2);
  }

  private static List<String> names(List<Segment> segments) {
    return segments.stream().map(Segment::name).toList();
  }

  @Test
  public void namesFromBehaviourAndIdsByValue() {
    List<SegmentProfile> profiles =
        List.of(
            profile(0, 0.80, 0.20, 0.20), // long ago, little → at risk
            profile(1, 0.50, 0.50, 0.50), // average → mid-value regular
            profile(2, 0.20, 0.85, 0.85), // recent, often, much → high-value loyal
            profile(3, 0.15, 0.25, 0.30), // very recent, few orders → new
            profile(4, 0.55, 0.45, 0.80)); // few, large orders → big spenders
    List<Segment> s = SegmentNamer.name(profiles, FeatureRoles.DEFAULT);
    assertThat(
        names(s),
        contains(
            "High-value loyal",
            "Big spenders",
            "Mid-value regular",
            "New customers",
            "At-risk / lapsed"));
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.get(i).id(), is(i + 1));
    }
    assertThat(s.get(0).clusterLabel(), is(2));
    assertThat(s.get(0).valueScore(), is(0.85));
    assertThat(s.get(0).engagementScore(), is(0.8));
    assertThat(s.get(0).action().isEmpty(), is(false));
    assertThat(
        s.get(0).description(),
        containsString("on average 17.0 orders, 8,500 spent, last purchase 60 days ago"));
  }

  @Test
  public void highValueSplitsByEngagementAndLowValueByRecency() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(
                profile(0, 0.50, 0.80, 0.80),
                profile(1, 0.70, 0.75, 0.75),
                profile(2, 0.70, 0.40, 0.40),
                profile(3, 0.45, 0.20, 0.25)),
            FeatureRoles.DEFAULT);
    assertThat(
        names(s),
        contains(
            "High-value, needs attention",
            "High-value at risk",
            "Mid-value lapsing",
            "Low-value occasional"));
  }

  @Test
  public void sameProfilesGiveSameSegmentsWhateverTheClusterOrder() {
    List<SegmentProfile> profiles = new ArrayList<>();
    profiles.add(profile(0, 0.8, 0.2, 0.2));
    profiles.add(profile(1, 0.2, 0.9, 0.9));
    profiles.add(profile(2, 0.5, 0.5, 0.5));
    List<String> first = names(SegmentNamer.name(profiles, FeatureRoles.DEFAULT));
    Collections.reverse(profiles);
    assertThat(names(SegmentNamer.name(profiles, FeatureRoles.DEFAULT)), is(first));
  }

  /**
   * Percentiles of the two "Mid-value regular" segments of k=5 on the reference customers
   * (rounded).
   */
  @Test
  public void midValueNamesakesAreToldApartByWhatEachHasMoreOf() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(7, 0.52, 0.61, 0.78), profile(3, 0.27, 0.61, 0.52)),
            FeatureRoles.DEFAULT);
    // label 7: basket (m − f) 0.17 vs −0.09 → +0.26 beats value +0.13; recency is behind (−0.25)
    // label 3: recency (1 − r) 0.73 vs 0.48 → +0.25 is its only lead
    assertThat(names(s), contains("Mid-value, big baskets", "Mid-value, recent"));
    assertThat(
        s.get(0).description(),
        startsWith("Buy now and then with moderate spend; spend more per order"));
    assertThat(s.get(0).action(), startsWith("Raise order frequency"));
    assertThat(
        s.get(1).description(),
        containsString("bought more recently than the otherwise similar segment"));
    assertThat(s.get(1).action(), startsWith("Act while they are warm"));
  }

  /**
   * Percentiles of the two "At-risk / lapsed" segments of k=5 on the reference customers (rounded).
   */
  @Test
  public void atRiskNamesakesSplitIntoAtRiskAndLapsedByValueBeforeBasket() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(0, 0.68, 0.26, 0.11), profile(1, 0.72, 0.29, 0.38)),
            FeatureRoles.DEFAULT);
    // label 1: value 0.335 vs 0.185 → +0.15; its basket lead (+0.24) is larger but low-engagement
    // kinds try value first
    // label 0: recency lead 0.04 < 0.10 (and < 0.05), so it is named by what it lacks: value −0.15
    assertThat(names(s), contains("At-risk, higher value", "Lapsed, lower value"));
    assertThat(s.get(0).clusterLabel(), is(1));
    assertThat(s.get(1).action(), containsString("automated rather than personal contact"));
  }

  @Test
  public void basketTellsLapsingNamesakesApartWhenValueAndRecencyDoNot() {
    // value 0.245 vs 0.155 (+0.09) and recency 0.19 vs 0.27 (−0.08): below 0.10; basket −0.03 vs
    // −0.19: +0.16
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(0, 0.81, 0.26, 0.23), profile(1, 0.73, 0.25, 0.06)),
            FeatureRoles.DEFAULT);
    assertThat(names(s), contains("At-risk, big baskets", "Lapsed, small baskets"));
  }

  @Test
  public void weakContrastsAreUsedOnlyWhenNoStrongOneExists() {
    // top-end compression: value 0.975 vs 0.885 (+0.09), recency 0.89 vs 0.81 (+0.08), basket +0.04
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(0, 0.19, 0.90, 0.87), profile(1, 0.11, 0.97, 0.98)),
            FeatureRoles.DEFAULT);
    assertThat(
        names(s), contains("High-value loyal, higher value", "High-value loyal, lower value"));
  }

  @Test
  public void threeNamesakesGetThreeDifferentQualifiersAndValueTiesGoToEngagement() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(
                profile(0, 0.6, 0.5, 0.5), profile(1, 0.4, 0.5, 0.5), profile(2, 0.5, 0.6, 0.6)),
            FeatureRoles.DEFAULT);
    // id 1 = label 2: value 0.6 vs mean 0.5 → +0.10; id 2 = label 1 (same value as label 0, more
    // recent):
    // recency 0.6 vs 0.45 → +0.15; id 3 = label 0: leads nothing, recency 0.4 vs 0.55 → −0.15
    assertThat(
        names(s),
        contains("Mid-value, higher value", "Mid-value, recent", "Mid-value, longest inactive"));
    assertThat(s.get(1).clusterLabel(), is(1));
    assertThat(s.get(2).clusterLabel(), is(0));
  }

  @Test
  public void numbersAreTheLastResortForAlikeProfilesInIdOrder() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(
                profile(0, 0.5, 0.5, 0.5), profile(1, 0.5, 0.5, 0.5), profile(2, 0.52, 0.51, 0.52)),
            FeatureRoles.DEFAULT);
    assertThat(
        names(s), contains("Mid-value regular", "Mid-value regular (2)", "Mid-value regular (3)"));
    assertThat(s.get(0).clusterLabel(), is(2)); // highest value (0.515)
    assertThat(
        s.get(0).action(), startsWith("Grow the basket: cross-sell")); // the rule's own action
  }

  @Test
  public void qualifiedNamesDoNotDependOnClusterOrder() {
    List<SegmentProfile> profiles =
        new ArrayList<>(
            List.of(
                profile(0, 0.16, 0.92, 0.90),
                profile(1, 0.52, 0.61, 0.78),
                profile(2, 0.27, 0.61, 0.52),
                profile(3, 0.72, 0.29, 0.38),
                profile(4, 0.68, 0.26, 0.11)));
    List<String> first = names(SegmentNamer.name(profiles, FeatureRoles.DEFAULT));
    Collections.reverse(profiles);
    assertThat(names(SegmentNamer.name(profiles, FeatureRoles.DEFAULT)), is(first));
    assertThat(new HashSet<>(first), hasSize(5));
  }

  @Test
  public void noiseBecomesUnusualOutliersWithIdZeroListedLast() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(
                profile(-1, 0.1, 0.99, 0.99), profile(0, 0.8, 0.2, 0.2), profile(1, 0.2, 0.9, 0.9)),
            FeatureRoles.DEFAULT);
    assertThat(names(s), contains("High-value loyal", "At-risk / lapsed", "Unusual / outliers"));
    Segment noise = s.get(2);
    assertThat(noise.id(), is(Segment.NOISE_ID));
    assertThat(noise.isNoise(), is(true));
    assertThat(noise.clusterLabel(), is(Segment.NOISE_LABEL));
  }

  @Test
  public void longTenureRulesOutNewCustomers() {
    List<String> withTenure = List.of("recency_days", "frequency", "monetary", "tenure_days");
    double[] pct = {0.15, 0.25, 0.30, 0.9};
    SegmentProfile p = new SegmentProfile(0, 10, 1, withTenure, pct, pct, pct, 1, 1);
    FeatureRoles roles = new FeatureRoles("recency_days", "frequency", "monetary", "tenure_days");
    assertThat(SegmentNamer.name(List.of(p), roles).get(0).name(), is("Low-value occasional"));
    assertThat(
        SegmentNamer.name(List.of(p), FeatureRoles.DEFAULT).get(0).name(), is("New customers"));
  }

  @Test
  public void missingRoleFeatureIsRejected() {
    FeatureRoles roles = new FeatureRoles("recency", "frequency", "monetary", null);
    assertThrows(
        IllegalArgumentException.class,
        () -> SegmentNamer.name(List.of(profile(0, 1, 1, 1)), roles));
  }
}
