// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;
import java.util.function.ToDoubleFunction;

/**
 * Checks of the classic RFM outputs (customer scores, segments of kind "rfm", model.json's rfm
 * section) written from the documented contract, sharing no code with segflow.
 */
public final class RfmAssertions {
  private RfmAssertions() {}

  /** The default rule table's segment names in rule order (segment id = position + 1). */
  public static final List<String> DEFAULT_SEGMENTS =
      List.of(
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
          "Lost");

  /** Scores 1..5, the code is their concatenation, and the segment is a default-table name. */
  public static void assertEveryCustomerScored(List<CustomerRecord> customers) {
    for (CustomerRecord c : customers) {
      String id = "customer " + c.getCustomerId() + " ";
      Integer r = c.getRfmRecencyScore();
      Integer f = c.getRfmFrequencyScore();
      Integer m = c.getRfmMonetaryScore();
      for (Integer s : new Integer[] {r, f, m}) {
        assertThat(id + "score", s, notNullValue());
        assertThat(id + "score", s, greaterThanOrEqualTo(1));
        assertThat(id + "score", s, lessThanOrEqualTo(5));
      }
      assertThat(id + "rfm_score", c.getRfmScore(), equalTo("" + r + f + m));
      assertThat(id + "rfm_segment", c.getRfmSegment(), notNullValue());
      assertThat(
          id + "rfm_segment " + c.getRfmSegment(),
          DEFAULT_SEGMENTS.contains(c.getRfmSegment()),
          is(true));
    }
  }

  /**
   * segments/ holds exactly the model's records ({@code modelKind}) and the RFM records; within
   * each kind the sizes sum to the customers and equal the customers' own labels, ids are unique,
   * shares are size / customers; RFM ids are the rule positions.
   */
  public static void assertSegmentKinds(SegflowOutput out, String modelKind) {
    List<SegmentRecord> segments = out.segments();
    List<CustomerRecord> customers = out.customers;
    Map<String, Long> kinds = new TreeMap<>();
    segments.forEach(s -> kinds.merge(s.getKind(), s.getSize(), Long::sum));
    long n = customers.size();
    assertThat("kinds and their total sizes", kinds, equalTo(Map.of(modelKind, n, "rfm", n)));

    Map<Integer, Long> byModelId = counts(customers, CustomerRecord::getSegmentId);
    Map<Integer, Long> byRfmId =
        counts(customers, c -> DEFAULT_SEGMENTS.indexOf(c.getRfmSegment()) + 1);
    Map<Integer, Long> modelRecords = new TreeMap<>();
    Map<Integer, Long> rfmRecords = new TreeMap<>();
    for (SegmentRecord s : segments) {
      Map<Integer, Long> target = s.getKind().equals("rfm") ? rfmRecords : modelRecords;
      assertThat(
          s.getKind() + " segment " + s.getSegmentId() + " twice",
          target.put(s.getSegmentId(), s.getSize()),
          equalTo(null));
      assertThat(s.getCustomerShare(), closeTo((double) s.getSize() / n, 1e-12));
      if (s.getKind().equals("rfm")) {
        assertThat(s.getSegmentName(), equalTo(DEFAULT_SEGMENTS.get(s.getSegmentId() - 1)));
      }
    }
    assertThat("model segment sizes = customers per segment_id", modelRecords, equalTo(byModelId));
    assertThat("rfm segment sizes = customers per rfm_segment", rfmRecords, equalTo(byRfmId));
  }

  private static Map<Integer, Long> counts(
      List<CustomerRecord> customers, Function<CustomerRecord, Integer> key) {
    Map<Integer, Long> out = new TreeMap<>();
    customers.forEach(c -> out.merge(key.apply(c), 1L, Long::sum));
    return out;
  }

  /** model.json's rfm section: four ascending cut points per dimension and the rule order. */
  public static double[][] assertRfmSection(JsonNode model) {
    JsonNode rfm = model.path("rfm");
    assertThat("model.json has an rfm section", rfm.isObject(), is(true));
    double[][] cuts = new double[3][];
    String[] keys = {"recency_cuts", "frequency_cuts", "monetary_cuts"};
    for (int d = 0; d < 3; d++) {
      JsonNode array = rfm.path(keys[d]);
      assertThat(keys[d], array.size(), equalTo(4));
      cuts[d] = new double[4];
      for (int i = 0; i < 4; i++) {
        cuts[d][i] = array.get(i).asDouble();
        if (i > 0) {
          assertThat(keys[d] + " ascending", cuts[d][i], greaterThanOrEqualTo(cuts[d][i - 1]));
        }
      }
    }
    assertThat(rfm.path("segments_in_rule_order").size(), equalTo(DEFAULT_SEGMENTS.size()));
    for (int i = 0; i < DEFAULT_SEGMENTS.size(); i++) {
      assertThat(
          rfm.path("segments_in_rule_order").get(i).asText(), equalTo(DEFAULT_SEGMENTS.get(i)));
    }
    return cuts;
  }

  /**
   * Score of {@code value}: 1 + cut points strictly below it (reversed = 6 − that, for recency).
   */
  public static int score(double value, double[] cuts, boolean reversed) {
    int s = 1 + (int) Arrays.stream(cuts).filter(c -> c < value).count();
    return reversed ? 6 - s : s;
  }

  /** Every customer's scores follow the cut points model.json publishes, exactly. */
  public static void assertScoresFollowPublishedCuts(
      List<CustomerRecord> customers, double[][] cuts) {
    for (CustomerRecord c : customers) {
      String id = "customer " + c.getCustomerId() + " ";
      assertThat(
          id + "R", c.getRfmRecencyScore(), equalTo(score(c.getRecencyDays(), cuts[0], true)));
      assertThat(
          id + "F", c.getRfmFrequencyScore(), equalTo(score(c.getFrequency(), cuts[1], false)));
      assertThat(
          id + "M", c.getRfmMonetaryScore(), equalTo(score(c.getMonetary(), cuts[2], false)));
    }
  }

  /**
   * Each cut point is a customer's value whose rank is the quintile's, give or take one: at most
   * q·n customers lie below it and at least q·n − 1 at or below it (what an exact order statistic
   * satisfies).
   */
  public static void assertCutsAreOrderStatistics(List<CustomerRecord> customers, double[][] cuts) {
    List<ToDoubleFunction<CustomerRecord>> features =
        List.of(
            CustomerRecord::getRecencyDays,
            CustomerRecord::getFrequency,
            CustomerRecord::getMonetary);
    String[] names = {"recency", "frequency", "monetary"};
    int n = customers.size();
    for (int d = 0; d < 3; d++) {
      double[] values = customers.stream().mapToDouble(features.get(d)).sorted().toArray();
      for (int i = 0; i < 4; i++) {
        double cut = cuts[d][i];
        double q = 0.2 * (i + 1);
        long below = Arrays.stream(values).filter(v -> v < cut).count();
        long atOrBelow = Arrays.stream(values).filter(v -> v <= cut).count();
        String what =
            names[d]
                + " cut "
                + (i + 1)
                + " = "
                + cut
                + " ("
                + below
                + " customers below, "
                + atOrBelow
                + " at or below, q·n = "
                + q * n
                + ")";
        assertThat(
            what + " is a customer's value",
            Arrays.stream(values).anyMatch(v -> v == cut),
            is(true));
        assertThat(what, (double) below, lessThanOrEqualTo(q * n));
        assertThat(what, (double) atOrBelow, greaterThanOrEqualTo(q * n - 1));
      }
    }
  }

  /** numpy's default (linear) quantile of sorted values. */
  public static double linearQuantile(double[] sorted, double q) {
    double h = (sorted.length - 1) * q;
    int lo = (int) Math.floor(h);
    int hi = Math.min(lo + 1, sorted.length - 1);
    return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
  }

  /** Exact 20/40/60/80 % cut points of one feature over all customers. */
  public static double[] exactCuts(
      List<CustomerRecord> customers, ToDoubleFunction<CustomerRecord> feature) {
    double[] sorted = customers.stream().mapToDouble(feature).sorted().toArray();
    double[] cuts = new double[4];
    for (int i = 0; i < 4; i++) {
      cuts[i] = linearQuantile(sorted, 0.2 * (i + 1));
    }
    return cuts;
  }

  /**
   * Share of customers whose three written scores all equal the scores against exact
   * (linear-interpolated) quintiles.
   */
  public static double shareAgreeingWithExactQuintiles(List<CustomerRecord> customers) {
    double[] r = exactCuts(customers, CustomerRecord::getRecencyDays);
    double[] f = exactCuts(customers, CustomerRecord::getFrequency);
    double[] m = exactCuts(customers, CustomerRecord::getMonetary);
    long agree =
        customers.stream()
            .filter(
                c ->
                    c.getRfmRecencyScore() == score(c.getRecencyDays(), r, true)
                        && c.getRfmFrequencyScore() == score(c.getFrequency(), f, false)
                        && c.getRfmMonetaryScore() == score(c.getMonetary(), m, false))
            .count();
    return (double) agree / customers.size();
  }
}
