// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Maps RFM scores to the named segments marketers know from the classic RFM playbook, with an
 * ordered, configurable rule table: the <b>first</b> rule whose ranges all contain the customer's
 * scores decides. Published tables overlap and leave gaps; ordering makes overlaps harmless. {@link
 * #of} rejects a table that leaves any of the 125 (R, F, M) combinations unmatched or has a rule
 * that no combination reaches (it is always shadowed by earlier rules); a table from a run
 * configuration ({@link #configured}) sends the unmatched combinations to a fallback segment
 * ("Others", as the R rfm package does) and reports unreachable rules for a warning.
 *
 * <p>The {@link #defaults()} follow the common R × FM convention (FM = (F + M) / 2), with "New" and
 * "Promising" on F = 1 (one order so far) rather than on low FM, so that a one-order big spender is
 * not called loyal:
 *
 * <table>
 *   <caption>Default rules, in order; "reaches" lists the cells left to the rule by the rules above it</caption>
 *   <tr><th>#</th><th>Segment</th><th>Rule</th><th>Reaches</th></tr>
 *   <tr><td>1</td><td>Champions</td><td>R 4–5, FM 4–5</td><td>the same</td></tr>
 *   <tr><td>2</td><td>New customers</td><td>R 5, F 1</td><td>the same</td></tr>
 *   <tr><td>3</td><td>Promising</td><td>R 3–4, F 1</td><td>the same</td></tr>
 *   <tr><td>4</td><td>Loyal</td><td>R 3–5, FM 3–5</td><td>F ≥ 2; R 3 all FM ≥ 3, R 4–5 FM 3–3.5</td></tr>
 *   <tr><td>5</td><td>Potential loyalist</td><td>R 4–5, FM 1–3</td><td>F ≥ 2, FM 1.5–2.5</td></tr>
 *   <tr><td>6</td><td>Cannot lose them</td><td>R 1, FM 4–5</td><td>the same</td></tr>
 *   <tr><td>7</td><td>At risk</td><td>R 1–2, FM 3–5</td><td>R 2 FM ≥ 3, R 1 FM 3–3.5</td></tr>
 *   <tr><td>8</td><td>Needs attention</td><td>R 2–3, FM 2–3</td><td>FM 2–2.5 (R 3 only with F ≥ 2)</td></tr>
 *   <tr><td>9</td><td>About to sleep</td><td>R 2–3, FM 1–2</td><td>R 2 FM 1–1.5, R 3 F 2 M 1</td></tr>
 *   <tr><td>10</td><td>Hibernating</td><td>R 1, FM 2–3</td><td>R 1 FM 2–2.5</td></tr>
 *   <tr><td>11</td><td>Lost</td><td>R 1, FM 1–1.5</td><td>the same</td></tr>
 * </table>
 */
public final class RfmSegmentRules implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The segment name of customers no rule matches, unless the configuration names another. */
  public static final String DEFAULT_FALLBACK = "Others";

  private final List<RfmRule> rules;
  private final int bins;
  private final RfmRule fallback;
  private final List<String> unreachable;

  private RfmSegmentRules(
      List<RfmRule> rules, int bins, RfmRule fallback, List<String> unreachable) {
    this.rules = rules;
    this.bins = bins;
    this.fallback = fallback;
    this.unreachable = unreachable;
  }

  /** The default table above. */
  public static RfmSegmentRules defaults() {
    ScoreRange any = ScoreRange.ANY;
    return of(
        List.of(
            RfmRule.onRAndFm(
                "Champions",
                "Bought recently, buy often and spend the most",
                "Reward: early access, loyalty perks, ask for reviews and referrals; no discounts needed",
                ScoreRange.of(4, 5),
                ScoreRange.of(4, 5)),
            RfmRule.onRfm(
                "New customers",
                "First and only order, very recently",
                "Onboard: welcome series and a second-purchase incentive",
                ScoreRange.of(5, 5),
                ScoreRange.of(1, 1),
                any),
            RfmRule.onRfm(
                "Promising",
                "One order, fairly recently",
                "Build the relationship: free delivery or a small offer on the second order",
                ScoreRange.of(3, 4),
                ScoreRange.of(1, 1),
                any),
            RfmRule.onRAndFm(
                "Loyal",
                "Buy regularly and spend well, not long ago",
                "Upsell higher-value products, invite to the loyalty programme, ask for reviews",
                ScoreRange.of(3, 5),
                ScoreRange.of(3, 5)),
            RfmRule.onRAndFm(
                "Potential loyalist",
                "Recent repeat buyers with average orders and spend",
                "Offer membership or loyalty benefits; personalised recommendations",
                ScoreRange.of(4, 5),
                ScoreRange.of(1, 3)),
            RfmRule.onRAndFm(
                "Cannot lose them",
                "Were among the best customers, but have not bought for the longest time",
                "Win back personally: outreach, an exclusive offer; find out why they left",
                ScoreRange.of(1, 1),
                ScoreRange.of(4, 5)),
            RfmRule.onRAndFm(
                "At risk",
                "Bought often or spent well, but long ago",
                "Personalised reactivation: reminders of what they bought, renewed offers",
                ScoreRange.of(1, 2),
                ScoreRange.of(3, 5)),
            RfmRule.onRAndFm(
                "Needs attention",
                "Average orders and spend, and slipping",
                "Limited-time offer and recommendations based on past purchases",
                ScoreRange.of(2, 3),
                ScoreRange.of(2, 3)),
            RfmRule.onRAndFm(
                "About to sleep",
                "Some time since a small purchase",
                "Reconnect with popular products and a modest discount",
                ScoreRange.of(2, 3),
                ScoreRange.of(1, 2)),
            RfmRule.onRAndFm(
                "Hibernating",
                "Last purchase long ago, few orders, low spend",
                "Occasional low-cost offers; otherwise let them rest",
                ScoreRange.of(1, 1),
                ScoreRange.of(2, 3)),
            RfmRule.onRAndFm(
                "Lost",
                "Lowest recency, orders and spend",
                "No paid marketing; at most an automated win-back email",
                ScoreRange.of(1, 1),
                ScoreRange.of(1, 1.5))));
  }

  /**
   * A table for five bins that must match every score by itself: rejects duplicate names, any (R,
   * F, M) combination that no rule matches, and any rule that is never the first match
   * (unreachable).
   */
  public static RfmSegmentRules of(List<RfmRule> rules) {
    RfmSegmentRules table = configured(rules, 5, null);
    List<String> unmatched = new ArrayList<>();
    for (RfmScore s : allScores(5)) {
      if (table.firstMatch(s) == null) {
        unmatched.add(s.code());
      }
    }
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException("no rule matches the RFM scores " + unmatched);
    }
    if (!table.unreachable.isEmpty()) {
      throw new IllegalArgumentException(
          "rule '"
              + table.unreachable.get(0)
              + "' is unreachable: earlier rules match all its cells");
    }
    return table;
  }

  /**
   * A table from a run configuration, for scores 1..{@code bins}: customers no rule matches get the
   * segment {@code fallbackName}. Rejects blank or duplicate names and score ranges beyond {@code
   * bins}; rules that are never the first match are kept and listed by {@link #unreachable()}, so
   * that the caller can warn.
   *
   * @param fallbackName the segment of customers no rule matches; null: every score must match
   */
  @SuppressWarnings("ReferenceEquality") // ANY is a sentinel range, recognised by identity
  public static RfmSegmentRules configured(List<RfmRule> rules, int bins, String fallbackName) {
    RfmScore.requireBins(bins);
    List<RfmRule> copy = List.copyOf(rules);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("a rule table needs at least one rule");
    }
    Set<String> names = new HashSet<>();
    for (RfmRule rule : copy) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("duplicate segment name: " + rule.name());
      }
      for (ScoreRange range : new ScoreRange[] {rule.r(), rule.f(), rule.m()}) {
        if (range != ScoreRange.ANY && range.max() > bins) {
          throw new IllegalArgumentException(
              "rule '" + rule.name() + "': score range " + range + " goes beyond 1.." + bins);
        }
      }
    }
    RfmRule fallback = null;
    if (fallbackName != null) {
      if (fallbackName.isBlank() || names.contains(fallbackName)) {
        throw new IllegalArgumentException(
            "the fallback segment needs a name of its own, got '" + fallbackName + "'");
      }
      fallback =
          RfmRule.onRfm(
              fallbackName,
              "Matched no rule of the table",
              "",
              ScoreRange.ANY,
              ScoreRange.ANY,
              ScoreRange.ANY);
    }
    RfmSegmentRules table = new RfmSegmentRules(copy, bins, fallback, List.of());
    Set<RfmRule> reached = new HashSet<>();
    for (RfmScore s : allScores(bins)) {
      RfmRule first = table.firstMatch(s);
      if (first != null) {
        reached.add(first);
      }
    }
    List<String> unreachable = new ArrayList<>();
    for (RfmRule rule : copy) {
      if (!reached.contains(rule)) {
        unreachable.add(rule.name());
      }
    }
    return new RfmSegmentRules(copy, bins, fallback, List.copyOf(unreachable));
  }

  /** The 125 score combinations 111..555, in code order. */
  public static List<RfmScore> allScores() {
    return allScores(5);
  }

  /** The bins³ score combinations, in code order. */
  public static List<RfmScore> allScores(int bins) {
    List<RfmScore> out = new ArrayList<>(bins * bins * bins);
    for (int r = 1; r <= bins; r++) {
      for (int f = 1; f <= bins; f++) {
        for (int m = 1; m <= bins; m++) {
          out.add(new RfmScore(r, f, m));
        }
      }
    }
    return out;
  }

  /** The rules in the order they are checked. */
  public List<RfmRule> rules() {
    return rules;
  }

  /** Every segment a customer can get: the rules in order, then the fallback if there is one. */
  public List<RfmRule> segments() {
    if (fallback == null) {
      return rules;
    }
    List<RfmRule> all = new ArrayList<>(rules);
    all.add(fallback);
    return List.copyOf(all);
  }

  /** The number of scores per dimension the table is for. */
  public int bins() {
    return bins;
  }

  /** The segment of customers no rule matches, or null if every score matches a rule. */
  public RfmRule fallback() {
    return fallback;
  }

  /** Names of the rules that never decide, because earlier rules match every score they match. */
  public List<String> unreachable() {
    return unreachable;
  }

  /** The segment of {@code score}: the first rule that matches, else the fallback. */
  public RfmRule segmentOf(RfmScore score) {
    RfmRule first = firstMatch(score);
    if (first == null) {
      if (fallback == null) {
        throw new IllegalArgumentException("no rule matches the RFM scores " + score.code());
      }
      return fallback;
    }
    return first;
  }

  private RfmRule firstMatch(RfmScore score) {
    for (RfmRule rule : rules) {
      if (rule.matches(score)) {
        return rule;
      }
    }
    return null;
  }
}
