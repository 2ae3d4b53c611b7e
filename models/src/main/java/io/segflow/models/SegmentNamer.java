// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Turns segment profiles into business segments: an id ordered by value, a name a marketer uses, a one-line
 * description and a recommended action. Names come from the profile, never from the cluster index, so the same
 * customers get the same name whatever label k-means happened to give them.
 *
 * <p>Scores use the profile's mean percentiles (0..1, whole population = 0.5), which are robust to the extreme skew of
 * spend:
 *
 * <ul>
 *   <li><b>value</b> = (monetary percentile + frequency percentile) / 2;
 *   <li><b>engagement</b> = 1 − recency percentile (recent buyers score high).
 * </ul>
 *
 * <b>Ids</b>: 1 = highest value, then descending; ties → higher engagement, then the smaller cluster label. The noise
 * label {@code -1} becomes "Unusual / outliers" with id {@link Segment#NOISE_ID} and is listed last.
 *
 * <p><b>Names</b>, first rule that matches (thresholds on the percentile scale):
 *
 * <ol>
 *   <li>monetary ≥ 0.70 and frequency ≤ monetary − 0.20: "Big spenders" (spend far above what their order count
 *       suggests: few, large orders);
 *   <li>value ≥ 0.70: "High-value loyal" if engagement ≥ 0.60, "High-value at risk" if engagement &lt; 0.35, else
 *       "High-value, needs attention";
 *   <li>engagement ≥ 0.70 and frequency &lt; 0.40 (and tenure &lt; 0.40 if a tenure feature exists): "New customers";
 *   <li>engagement &lt; 0.35: "At-risk / lapsed" if value &lt; 0.35, else "Mid-value lapsing";
 *   <li>value ≥ 0.35: "Mid-value regular"; otherwise "Low-value occasional".
 * </ol>
 *
 * Duplicate names get " (2)", " (3)", … in id order, so names stay unique within a model.
 */
public final class SegmentNamer {
  private static final double HIGH = 0.70;
  private static final double ENGAGED = 0.60;
  private static final double LOW = 0.35;
  private static final double SPEND_OVER_ORDERS = 0.20;
  /** Few orders / short tenure so far, for "New customers". */
  private static final double FEW = 0.40;

  private SegmentNamer() {}

  /** What a segment is, with the words and the action shown to marketers. */
  enum Kind {
    OUTLIERS(
        "Unusual / outliers",
        "Customers unlike any segment (density-clustering noise): wholesale accounts, one-off bulk orders or data errors",
        "Review individually; keep out of segment campaigns"),
    HIGH_VALUE_LOYAL(
        "High-value loyal",
        "Buy often, spend the most and bought recently",
        "Retain and reward: loyalty programme, early access, personal account care; avoid blanket discounts"),
    HIGH_VALUE_NEEDS_ATTENTION(
        "High-value, needs attention",
        "Valuable customers whose purchases are slowing down",
        "Re-engage before they lapse: personalised recommendations, loyalty reminders, service check-in"),
    HIGH_VALUE_AT_RISK(
        "High-value at risk",
        "Used to buy often and spend a lot, but have not bought for a long time",
        "Win back personally before they churn: outreach, tailored offer, ask for feedback"),
    BIG_SPENDERS(
        "Big spenders",
        "Few but large orders",
        "Turn into repeat buyers: replenishment reminders, bundles, account follow-up after each order"),
    NEW_CUSTOMERS(
        "New customers",
        "Bought recently but only a few times so far",
        "Onboard: welcome series and a second-purchase incentive"),
    MID_VALUE_REGULAR(
        "Mid-value regular",
        "Buy now and then with moderate spend",
        "Grow the basket: cross-sell, personalised offers, nudge towards the loyalty programme"),
    MID_VALUE_LAPSING(
        "Mid-value lapsing",
        "Moderate buyers whose last purchase is getting long ago",
        "Reactivate with a personalised reminder and a time-limited offer"),
    AT_RISK_LAPSED(
        "At-risk / lapsed",
        "Bought once or twice, little, long ago",
        "Low-cost reactivation campaign; otherwise lowest marketing priority"),
    LOW_VALUE_OCCASIONAL(
        "Low-value occasional",
        "Occasional small purchases",
        "Low-cost automated campaigns; test upsell offers");

    final String label;
    final String description;
    final String action;

    Kind(String label, String description, String action) {
      this.label = label;
      this.description = description;
      this.action = action;
    }
  }

  /** Names and numbers the segments of {@code profiles}; the result is ordered by id (noise last). */
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
    List<Segment> out = new ArrayList<>();
    Map<Kind, Integer> seen = new HashMap<>();
    for (int r = 0; r < ranked.size(); r++) {
      SegmentProfile p = ranked.get(r);
      out.add(segment(r + 1, p, kindOf(p, roles, features), roles, seen));
    }
    if (noise != null) {
      out.add(segment(Segment.NOISE_ID, noise, Kind.OUTLIERS, roles, seen));
    }
    return List.copyOf(out);
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
      int id, SegmentProfile p, Kind kind, FeatureRoles roles, Map<Kind, Integer> seen) {
    int occurrence = seen.merge(kind, 1, Integer::sum);
    String name = occurrence == 1 ? kind.label : kind.label + " (" + occurrence + ")";
    String description =
        String.format(
            Locale.ROOT,
            "%s: on average %.1f orders, %,.0f spent, last purchase %.0f days ago; %,d customers (%.1f%%), %.1f%% of revenue",
            kind.description,
            p.mean(roles.frequency()),
            p.mean(roles.monetary()),
            p.mean(roles.recency()),
            p.size(),
            100 * p.customerShare(),
            100 * p.revenueShare());
    return new Segment(
        id, p.label(), name, description, kind.action, valueScore(p, roles), engagementScore(p, roles), p);
  }
}
