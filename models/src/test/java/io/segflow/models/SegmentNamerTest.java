// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.junit.Test;

public class SegmentNamerTest {
  private static final List<String> NAMES = List.of("recency_days", "frequency", "monetary");

  /** A profile whose mean percentiles are the given ones (recency, frequency, monetary); means are illustrative. */
  private static SegmentProfile profile(int label, double recency, double frequency, double monetary) {
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
        contains("High-value loyal", "Big spenders", "Mid-value regular", "New customers", "At-risk / lapsed"));
    for (int i = 0; i < s.size(); i++) {
      assertThat(s.get(i).id(), is(i + 1));
    }
    assertThat(s.get(0).clusterLabel(), is(2));
    assertThat(s.get(0).valueScore(), is(0.85));
    assertThat(s.get(0).engagementScore(), is(0.8));
    assertThat(s.get(0).action().isEmpty(), is(false));
    assertThat(s.get(0).description(), containsString("on average 17.0 orders, 8,500 spent, last purchase 60 days ago"));
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
        contains("High-value, needs attention", "High-value at risk", "Mid-value lapsing", "Low-value occasional"));
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

  @Test
  public void duplicateNamesAreNumberedInIdOrderAndValueTiesGoToEngagement() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(0, 0.6, 0.5, 0.5), profile(1, 0.4, 0.5, 0.5), profile(2, 0.5, 0.6, 0.6)),
            FeatureRoles.DEFAULT);
    assertThat(names(s), contains("Mid-value regular", "Mid-value regular (2)", "Mid-value regular (3)"));
    assertThat(s.get(1).clusterLabel(), is(1)); // same value as label 0, but more recent
    assertThat(s.get(2).clusterLabel(), is(0));
  }

  @Test
  public void noiseBecomesUnusualOutliersWithIdZeroListedLast() {
    List<Segment> s =
        SegmentNamer.name(
            List.of(profile(-1, 0.1, 0.99, 0.99), profile(0, 0.8, 0.2, 0.2), profile(1, 0.2, 0.9, 0.9)),
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
    assertThat(SegmentNamer.name(List.of(p), FeatureRoles.DEFAULT).get(0).name(), is("New customers"));
  }

  @Test
  public void missingRoleFeatureIsRejected() {
    FeatureRoles roles = new FeatureRoles("recency", "frequency", "monetary", null);
    assertThrows(IllegalArgumentException.class, () -> SegmentNamer.name(List.of(profile(0, 1, 1, 1)), roles));
  }
}
