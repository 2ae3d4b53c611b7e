// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.ToDoubleBiFunction;

/**
 * What tells a segment apart from the other segments that {@link SegmentNamer}'s rules gave the
 * same name: one word for the name, a sentence for the description and the action that follows from
 * it. The rules that choose it are documented on {@link SegmentNamer}.
 *
 * @param contrast segment score minus the mean score of its namesakes, percentile scale
 */
record Qualifier(Contrast dimension, boolean positive, double contrast) {

  /**
   * A profile dimension in which namesakes can differ, with the words for being ahead or behind in
   * it.
   */
  enum Contrast {
    VALUE(
        SegmentNamer::valueScore,
        "higher value",
        "more orders and more spend than the otherwise similar segment",
        "Worth the most effort in its group: personal outreach and tailored offers",
        "lower value",
        "fewer orders and less spend than the otherwise similar segment",
        "Same aim as its higher-value namesake through cheaper channels: automated rather than personal contact"),
    RECENCY(
        SegmentNamer::engagementScore,
        "recent",
        "bought more recently than the otherwise similar segment",
        "Act while they are warm: next-purchase incentive and cross-sell from the last order",
        "longest inactive",
        "longer since the last purchase than the otherwise similar segment",
        "Reactivate before they drift further: reminder with a time-limited offer"),
    BASKET(
        (p, roles) -> p.meanPercentile(roles.monetary()) - p.meanPercentile(roles.frequency()),
        "big baskets",
        "spend more per order (fewer, larger orders) than the otherwise similar segment",
        "Raise order frequency: replenishment reminders, reorder shortcuts, standing-order offers",
        "small baskets",
        "spend less per order than the otherwise similar segment",
        "Grow the basket: bundles, volume discounts, a free-delivery threshold");

    // Each constant's score is a stateless lambda over its arguments: nothing in it can change.
    @SuppressWarnings("ImmutableEnumChecker")
    private final ToDoubleBiFunction<SegmentProfile, FeatureRoles> score;

    private final String aheadWord;
    private final String aheadSentence;
    private final String aheadAction;
    private final String behindWord;
    private final String behindSentence;
    private final String behindAction;

    Contrast(
        ToDoubleBiFunction<SegmentProfile, FeatureRoles> score,
        String aheadWord,
        String aheadSentence,
        String aheadAction,
        String behindWord,
        String behindSentence,
        String behindAction) {
      this.score = score;
      this.aheadWord = aheadWord;
      this.aheadSentence = aheadSentence;
      this.aheadAction = aheadAction;
      this.behindWord = behindWord;
      this.behindSentence = behindSentence;
      this.behindAction = behindAction;
    }
  }

  String word() {
    return positive ? dimension.aheadWord : dimension.behindWord;
  }

  String sentence() {
    return positive ? dimension.aheadSentence : dimension.behindSentence;
  }

  String action() {
    return positive ? dimension.aheadAction : dimension.behindAction;
  }

  /**
   * The qualifiers {@code p} may be named by, best first. First pass: contrasts of at least {@link
   * SegmentNamer#DISTINCT} where {@code p} is ahead (largest first), then those where it is behind
   * (largest first), ties in declaration order; for low-engagement kinds, basket only after value
   * and recency. Second pass: the same with {@link SegmentNamer#WEAKLY_DISTINCT}, for contrasts not
   * listed yet.
   */
  static List<Qualifier> candidates(
      SegmentProfile p, List<SegmentProfile> namesakes, boolean lowEngagement, FeatureRoles roles) {
    List<List<Contrast>> groups =
        lowEngagement
            ? List.of(List.of(Contrast.VALUE, Contrast.RECENCY), List.of(Contrast.BASKET))
            : List.of(List.of(Contrast.values()));
    List<Qualifier> out = new ArrayList<>();
    for (double threshold : new double[] {SegmentNamer.DISTINCT, SegmentNamer.WEAKLY_DISTINCT}) {
      for (List<Contrast> group : groups) {
        for (Qualifier q : ranked(p, namesakes, roles, group, threshold)) {
          if (out.stream().noneMatch(o -> o.dimension() == q.dimension())) {
            out.add(q);
          }
        }
      }
    }
    return out;
  }

  private static List<Qualifier> ranked(
      SegmentProfile p,
      List<SegmentProfile> namesakes,
      FeatureRoles roles,
      List<Contrast> contrasts,
      double threshold) {
    List<Qualifier> ahead = new ArrayList<>();
    List<Qualifier> behind = new ArrayList<>();
    for (Contrast c : contrasts) {
      double others = 0;
      for (SegmentProfile o : namesakes) {
        others += c.score.applyAsDouble(o, roles);
      }
      double diff = c.score.applyAsDouble(p, roles) - others / namesakes.size();
      // the tolerance keeps a difference like 0.6 − 0.5 (0.0999…98 in binary) on the side it is
      // meant to be
      if (diff >= threshold - 1e-9) {
        ahead.add(new Qualifier(c, true, diff));
      } else if (diff <= -threshold + 1e-9) {
        behind.add(new Qualifier(c, false, diff));
      }
    }
    // stable sorts: equal contrasts keep declaration order (value, recency, basket)
    ahead.sort(Comparator.comparingDouble(q -> -q.contrast()));
    behind.sort(Comparator.comparingDouble(Qualifier::contrast));
    List<Qualifier> out = new ArrayList<>(ahead);
    out.addAll(behind);
    return out;
  }
}
