// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Turns segment profiles into business segments: an id ordered by value, a name a marketer uses, a
 * one-line description and a recommended action. Names come from the profile, never from the
 * cluster index, so the same customers get the same name whatever label k-means happened to give
 * them.
 *
 * <p>Scores use the profile's mean percentiles (0..1, whole population = 0.5), which are robust to
 * the extreme skew of spend:
 *
 * <ul>
 *   <li><b>value</b> = (monetary percentile + frequency percentile) / 2;
 *   <li><b>engagement</b> = 1 − recency percentile (recent buyers score high).
 * </ul>
 *
 * <b>Ids</b>: 1 = highest value, then descending; ties → higher engagement, then the smaller
 * cluster label. The noise label {@code -1} becomes "Unusual / outliers" with id {@link
 * Segment#NOISE_ID} and is listed last.
 *
 * <p><b>Names</b>, first rule that matches (thresholds on the percentile scale):
 *
 * <ol>
 *   <li>monetary ≥ 0.70 and frequency ≤ monetary − 0.20: "Big spenders" (spend far above what their
 *       order count suggests: few, large orders);
 *   <li>value ≥ 0.70: "High-value loyal" if engagement ≥ 0.60, "High-value at risk" if engagement
 *       &lt; 0.35, else "High-value, needs attention";
 *   <li>engagement ≥ 0.70 and frequency &lt; 0.40 (and tenure &lt; 0.40 if a tenure feature
 *       exists): "New customers";
 *   <li>engagement &lt; 0.35: "At-risk / lapsed" if value &lt; 0.35, else "Mid-value lapsing";
 *   <li>value ≥ 0.35: "Mid-value regular"; otherwise "Low-value occasional".
 * </ol>
 *
 * <p><b>Telling apart segments that get the same name.</b> When several segments fall under the
 * same rule above (with k=5 on the reference customers: two "Mid-value regular" and two "At-risk /
 * lapsed"), a number would tell a marketer nothing, so each of them is qualified by what
 * distinguishes it from its namesakes. For each segment of such a group and each <em>contrast</em>
 * below, the contrast score is the segment's score minus the mean score of the other segments of
 * the group (percentile scale):
 *
 * <ul>
 *   <li><b>value</b> (the value score): "higher value" / "lower value";
 *   <li><b>recency</b> (the engagement score): "recent" / "longest inactive";
 *   <li><b>basket</b> = monetary percentile − frequency percentile, i.e. spend relative to the
 *       number of orders: "big baskets" / "small baskets".
 * </ul>
 *
 * Rules, applied to the group's segments in id order:
 *
 * <ol>
 *   <li>Only contrasts of at least {@value #DISTINCT} count at first. If none of them gives a free
 *       name, contrasts of at least {@value #WEAKLY_DISTINCT} are tried the same way (at the top of
 *       the percentile scale, where values are compressed, 0.09 is still a large difference in
 *       spend); smaller differences are noise.
 *   <li>A segment is named by its strongest <em>positive</em> contrast (what it has more of); a
 *       segment that is ahead in no contrast by its strongest negative one (what it lacks). Ties go
 *       to value, then recency, then basket.
 *   <li>For segments already named for low engagement ("At-risk / lapsed", "Mid-value lapsing",
 *       "High-value at risk") value and recency are tried before basket: for lapsing customers the
 *       decision is how much a win-back is worth, not how they used to fill their baskets.
 *   <li>The name is the rule's short stem plus the qualifier, e.g. "Mid-value, big baskets" and
 *       "Mid-value, recent". "At-risk / lapsed" splits into "At-risk, …" for a positive qualifier
 *       and "Lapsed, …" for a negative one, e.g. "At-risk, higher value" and "Lapsed, lower value".
 *   <li>The description gets the qualifier's sentence appended, and the recommended action becomes
 *       the qualifier's action, which says what to do differently from the namesakes.
 *   <li>If that name is taken (three or more namesakes), the segment's next candidate is tried;
 *       only when none is left (near-identical profiles) does the rule's name get " (2)", " (3)", …
 *       in id order.
 * </ol>
 *
 * Names therefore stay unique within a model and depend only on the profiles, never on the cluster
 * labels.
 */
public final class SegmentNamer {
  private static final double HIGH = 0.70;
  private static final double ENGAGED = 0.60;
  private static final double LOW = 0.35;
  private static final double SPEND_OVER_ORDERS = 0.20;

  /** Few orders / short tenure so far, for "New customers". */
  private static final double FEW = 0.40;

  /** Smallest contrast (percentile scale) that may tell two namesake segments apart. */
  static final double DISTINCT = 0.10;

  /**
   * Second pass when no contrast of {@link #DISTINCT} gives a free name; below this, profiles count
   * as alike.
   */
  static final double WEAKLY_DISTINCT = 0.05;

  private SegmentNamer() {}

  /** What a segment is, with the words and the action shown to marketers. */
  enum Kind {
    OUTLIERS(
        "Unusual / outliers",
        "Unusual / outliers",
        "Customers unlike any segment (density-clustering noise): wholesale accounts, one-off bulk orders or data errors",
        "Review individually; keep out of segment campaigns"),
    HIGH_VALUE_LOYAL(
        "High-value loyal",
        "High-value loyal",
        "Buy often, spend the most and bought recently",
        "Retain and reward: loyalty programme, early access, personal account care; avoid blanket discounts"),
    HIGH_VALUE_NEEDS_ATTENTION(
        "High-value, needs attention",
        "High-value slowing",
        "Valuable customers whose purchases are slowing down",
        "Re-engage before they lapse: personalised recommendations, loyalty reminders, service check-in"),
    HIGH_VALUE_AT_RISK(
        "High-value at risk",
        "High-value at risk",
        "Used to buy often and spend a lot, but have not bought for a long time",
        "Win back personally before they churn: outreach, tailored offer, ask for feedback"),
    BIG_SPENDERS(
        "Big spenders",
        "Big spenders",
        "Few but large orders",
        "Turn into repeat buyers: replenishment reminders, bundles, account follow-up after each order"),
    NEW_CUSTOMERS(
        "New customers",
        "New customers",
        "Bought recently but only a few times so far",
        "Onboard: welcome series and a second-purchase incentive"),
    MID_VALUE_REGULAR(
        "Mid-value regular",
        "Mid-value",
        "Buy now and then with moderate spend",
        "Grow the basket: cross-sell, personalised offers, nudge towards the loyalty programme"),
    MID_VALUE_LAPSING(
        "Mid-value lapsing",
        "Mid-value lapsing",
        "Moderate buyers whose last purchase is getting long ago",
        "Reactivate with a personalised reminder and a time-limited offer"),
    AT_RISK_LAPSED(
        "At-risk / lapsed",
        "At-risk",
        "Bought once or twice, little, long ago",
        "Low-cost reactivation campaign; otherwise lowest marketing priority"),
    LOW_VALUE_OCCASIONAL(
        "Low-value occasional",
        "Low-value",
        "Occasional small purchases",
        "Low-cost automated campaigns; test upsell offers");

    final String label;

    /** Start of a qualified name ("Mid-value" in "Mid-value, recent"). */
    final String stem;

    final String description;
    final String action;

    Kind(String label, String stem, String description, String action) {
      this.label = label;
      this.stem = stem;
      this.description = description;
      this.action = action;
    }

    /**
     * Stem for a qualified name; "At-risk / lapsed" splits into "At-risk" (ahead) and "Lapsed"
     * (behind).
     */
    String stem(boolean positive) {
      return this == AT_RISK_LAPSED && !positive ? "Lapsed" : stem;
    }

    /**
     * Kinds already named for low engagement, whose namesakes are told apart by value and recency
     * only.
     */
    boolean lowEngagement() {
      return this == AT_RISK_LAPSED || this == MID_VALUE_LAPSING || this == HIGH_VALUE_AT_RISK;
    }
  }

  /**
   * Names and numbers the segments of {@code profiles}; the result is ordered by id (noise last).
   */
  public static List<Segment> name(List<SegmentProfile> profiles, FeatureRoles roles) {
    if (profiles.isEmpty()) {
      throw new IllegalArgumentException("no segment profiles");
    }
    List<String> features = profiles.get(0).featureNames();
    roles.requirePresentIn(features);
    List<SegmentProfile> ranked = new ArrayList<>();
    SegmentProfile noise = null;
    for (SegmentProfile p : profiles) {
      if (p.label() == Segment.NOISE_LABEL) {
        noise = p;
      } else {
        ranked.add(p);
      }
    }
    ranked.sort(
        Comparator.comparingDouble((SegmentProfile p) -> -valueScore(p, roles))
            .thenComparingDouble(p -> -engagementScore(p, roles))
            .thenComparingInt(SegmentProfile::label));
    List<Kind> kinds = new ArrayList<>();
    for (SegmentProfile p : ranked) {
      kinds.add(kindOf(p, roles, features));
    }
    List<Segment> out = new ArrayList<>();
    Set<String> taken = new HashSet<>();
    for (Kind k : kinds) {
      taken.add(k.label);
    }
    Map<Kind, Integer> seen = new HashMap<>();
    for (int r = 0; r < ranked.size(); r++) {
      Kind kind = kinds.get(r);
      List<SegmentProfile> namesakes = new ArrayList<>();
      for (int o = 0; o < ranked.size(); o++) {
        if (o != r && kinds.get(o) == kind) {
          namesakes.add(ranked.get(o));
        }
      }
      out.add(segment(r + 1, ranked.get(r), kind, namesakes, roles, taken, seen));
    }
    if (noise != null) {
      out.add(segment(Segment.NOISE_ID, noise, Kind.OUTLIERS, List.of(), roles, taken, seen));
    }
    return List.copyOf(out);
  }

  /**
   * The "Unusual / outliers" segment of a density model whose training data had no noise: new
   * customers can still be noise when scored. Its profile is empty (size 0, NaN statistics).
   */
  static Segment emptyNoiseSegment(List<String> featureNames) {
    double[] nan = new double[featureNames.size()];
    Arrays.fill(nan, Double.NaN);
    SegmentProfile empty =
        new SegmentProfile(Segment.NOISE_LABEL, 0, 0, featureNames, nan, nan, nan, 0, 0);
    Kind k = Kind.OUTLIERS;
    return new Segment(
        Segment.NOISE_ID,
        Segment.NOISE_LABEL,
        k.label,
        k.description + ": none among the training customers",
        k.action,
        Double.NaN,
        Double.NaN,
        empty);
  }

  static double valueScore(SegmentProfile p, FeatureRoles roles) {
    return (p.meanPercentile(roles.monetary()) + p.meanPercentile(roles.frequency())) / 2;
  }

  static double engagementScore(SegmentProfile p, FeatureRoles roles) {
    return 1 - p.meanPercentile(roles.recency());
  }

  static Kind kindOf(SegmentProfile p, FeatureRoles roles, List<String> features) {
    double value = valueScore(p, roles);
    double engagement = engagementScore(p, roles);
    double monetary = p.meanPercentile(roles.monetary());
    double frequency = p.meanPercentile(roles.frequency());
    if (monetary >= HIGH && frequency <= monetary - SPEND_OVER_ORDERS) {
      return Kind.BIG_SPENDERS;
    }
    if (value >= HIGH) {
      if (engagement >= ENGAGED) {
        return Kind.HIGH_VALUE_LOYAL;
      }
      return engagement < LOW ? Kind.HIGH_VALUE_AT_RISK : Kind.HIGH_VALUE_NEEDS_ATTENTION;
    }
    boolean shortTenure = !roles.hasTenureIn(features) || p.meanPercentile(roles.tenure()) < FEW;
    if (engagement >= HIGH && frequency < FEW && shortTenure) {
      return Kind.NEW_CUSTOMERS;
    }
    if (engagement < LOW) {
      return value < LOW ? Kind.AT_RISK_LAPSED : Kind.MID_VALUE_LAPSING;
    }
    return value >= LOW ? Kind.MID_VALUE_REGULAR : Kind.LOW_VALUE_OCCASIONAL;
  }

  private static Segment segment(
      int id,
      SegmentProfile p,
      Kind kind,
      List<SegmentProfile> namesakes,
      FeatureRoles roles,
      Set<String> taken,
      Map<Kind, Integer> seen) {
    String name = null;
    String description = kind.description;
    String action = kind.action;
    if (!namesakes.isEmpty()) {
      for (Qualifier q : Qualifier.candidates(p, namesakes, kind.lowEngagement(), roles)) {
        String candidate = kind.stem(q.positive()) + ", " + q.word();
        if (taken.add(candidate)) {
          name = candidate;
          description = kind.description + "; " + q.sentence();
          action = q.action();
          break;
        }
      }
    }
    if (name == null) {
      int occurrence = seen.merge(kind, 1, Integer::sum);
      name = occurrence == 1 ? kind.label : kind.label + " (" + occurrence + ")";
    }
    String text =
        String.format(
            Locale.ROOT,
            "%s: on average %.1f orders, %,.0f spent, last purchase %.0f days ago; %,d customers (%.1f%%), %.1f%% of revenue",
            description,
            p.mean(roles.frequency()),
            p.mean(roles.monetary()),
            p.mean(roles.recency()),
            p.size(),
            100 * p.customerShare(),
            100 * p.revenueShare());
    return new Segment(
        id, p.label(), name, text, action, valueScore(p, roles), engagementScore(p, roles), p);
  }
}
