// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Maps RFM scores to the named segments marketers know from the classic RFM playbook, with an
 * ordered, configurable rule table: the <b>first</b> rule whose ranges all contain the customer's
 * scores decides. Published tables overlap and leave gaps; ordering makes overlaps harmless, and
 * {@link #of} rejects a table that leaves any of the 125 (R, F, M) combinations unmatched or has a
 * rule that no combination reaches (it is always shadowed by earlier rules), so a mistake in a
 * configured table fails at start-up rather than as customers without a segment.
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

  private final List<RfmRule> rules;

  private RfmSegmentRules(List<RfmRule> rules) {
    this.rules = rules;
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
   * A custom table. Rejects duplicate names, any (R, F, M) combination that no rule matches, and
   * any rule that is never the first match (unreachable).
   */
  public static RfmSegmentRules of(List<RfmRule> rules) {
    List<RfmRule> copy = List.copyOf(rules);
    Set<String> names = new HashSet<>();
    for (RfmRule rule : copy) {
      if (!names.add(rule.name())) {
        throw new IllegalArgumentException("duplicate segment name: " + rule.name());
      }
    }
    RfmSegmentRules table = new RfmSegmentRules(copy);
    Map<RfmRule, List<String>> cells = new LinkedHashMap<>();
    List<String> unmatched = new ArrayList<>();
    for (RfmScore s : allScores()) {
      RfmRule first = table.firstMatch(s);
      if (first == null) {
        unmatched.add(s.code());
      } else {
        cells.computeIfAbsent(first, k -> new ArrayList<>()).add(s.code());
      }
    }
    if (!unmatched.isEmpty()) {
      throw new IllegalArgumentException("no rule matches the RFM scores " + unmatched);
    }
    for (RfmRule rule : copy) {
      if (!cells.containsKey(rule)) {
        throw new IllegalArgumentException(
            "rule '" + rule.name() + "' is unreachable: earlier rules match all its cells");
      }
    }
    return table;
  }

  /** The 125 score combinations 111..555, in code order. */
  public static List<RfmScore> allScores() {
    List<RfmScore> out = new ArrayList<>(125);
    for (int r = 1; r <= 5; r++) {
      for (int f = 1; f <= 5; f++) {
        for (int m = 1; m <= 5; m++) {
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

  /**
   * The segment of {@code score}: the first rule that matches (every score matches one, see {@link
   * #of}).
   */
  public RfmRule segmentOf(RfmScore score) {
    return firstMatch(score);
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
