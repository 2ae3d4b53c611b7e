// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.RfmCustomers.N;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.models.RfmRule;
import io.segflow.models.RfmSegmentRules;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code ProfileSegments.withRfmSegments}: one SegmentRecord of kind "rfm" per RFM segment that has
 * customers, id = the rule's position in the table (from 1). The customers come with their RFM
 * segment already set (by the test's own rule arithmetic), so only the profiling is under test.
 */
@RunWith(JUnit4.class)
public class ProfileRfmSegmentsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** The 100 customers of {@link RfmCustomers}, each labelled by {@code segmentOf(r, f, m)}. */
  private static List<CustomerRecord> labelled(SegmentOf segmentOf) {
    List<CustomerRecord> out = new ArrayList<>();
    for (int i = 1; i <= N; i++) {
      int[] s = RfmCustomers.expectedScores(i);
      out.add(
          CustomerRecord.newBuilder(RfmCustomers.customer(i))
              .setRfmRecencyScore(s[0])
              .setRfmFrequencyScore(s[1])
              .setRfmMonetaryScore(s[2])
              .setRfmScore("" + s[0] + s[1] + s[2])
              .setRfmSegment(segmentOf.apply(s[0], s[1], s[2]))
              .build());
    }
    return out;
  }

  interface SegmentOf {
    String apply(int r, int f, int m);
  }

  private PCollection<SegmentRecord> profile(
      List<CustomerRecord> customers, RfmSegmentRules rules) {
    return p.apply(Create.of(customers).withCoder(AvroCoder.specific(CustomerRecord.class)))
        .apply(ProfileSegments.create().withRfmSegments(rules));
  }

  /** Expected size and revenue per segment name, from the labelled customers. */
  private static void assertProfiles(
      Iterable<SegmentRecord> records,
      List<CustomerRecord> customers,
      List<String> namesInRuleOrder,
      RfmSegmentRules rules) {
    Map<String, Long> size = new TreeMap<>();
    Map<String, Double> revenue = new TreeMap<>();
    Map<String, Double> recencySum = new TreeMap<>();
    double total = 0;
    for (CustomerRecord c : customers) {
      size.merge(c.getRfmSegment(), 1L, Long::sum);
      revenue.merge(c.getRfmSegment(), c.getMonetary(), Double::sum);
      recencySum.merge(c.getRfmSegment(), (double) c.getRecencyDays(), Double::sum);
      total += c.getMonetary();
    }
    Map<String, SegmentRecord> byName = new TreeMap<>();
    long sizes = 0;
    for (SegmentRecord s : records) {
      assertThat(
          "segment " + s.getSegmentName() + " twice",
          byName.put(s.getSegmentName(), s) == null,
          is(true));
      sizes += s.getSize();
    }
    assertThat("one record per segment with customers", byName.keySet(), equalTo(size.keySet()));
    assertThat("sizes sum to the customers", sizes, equalTo((long) N));
    for (SegmentRecord s : byName.values()) {
      String name = s.getSegmentName();
      int position = namesInRuleOrder.indexOf(name);
      RfmRule rule = rules.rules().get(position);
      assertThat(name, s.getKind(), equalTo("rfm"));
      assertThat(name + " id", s.getSegmentId(), equalTo(position + 1));
      assertThat(name + " description", s.getDescription(), equalTo(rule.description()));
      assertThat(name + " action", s.getRecommendedAction(), equalTo(rule.action()));
      assertThat(name + " size", s.getSize(), equalTo(size.get(name)));
      assertThat(
          name + " share", s.getCustomerShare(), closeTo((double) size.get(name) / N, 1e-12));
      assertThat(name + " revenue", s.getRevenue(), closeTo(revenue.get(name), 1e-9));
      assertThat(
          name + " revenue share", s.getRevenueShare(), closeTo(revenue.get(name) / total, 1e-12));
      FeatureStat recency =
          s.getFeatures().stream()
              .filter(f -> f.getFeature().equals("recency_days"))
              .findFirst()
              .orElseThrow();
      assertThat(
          name + " mean recency",
          recency.getMean(),
          closeTo(recencySum.get(name) / size.get(name), 1e-9));
    }
  }

  @Test
  public void defaultRulesGiveOneRecordPerSegmentWithRulePositionIdsAndExactShares() {
    List<CustomerRecord> customers = labelled(RfmCustomers::defaultSegment);
    RfmSegmentRules rules = RfmSegmentRules.defaults();
    PAssert.that(profile(customers, rules))
        .satisfies(
            records -> {
              assertProfiles(records, customers, RfmCustomers.DEFAULT_SEGMENTS, rules);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void customRulesNumberSegmentsByTheirOwnPositions() {
    List<CustomerRecord> customers = labelled((r, f, m) -> ScoreRfmTest.threeRuleSegment(r, m));
    RfmSegmentRules rules = ScoreRfmTest.threeRules();
    PAssert.that(profile(customers, rules))
        .satisfies(
            records -> {
              assertProfiles(
                  records, customers, List.of("Recent", "Big but lapsing", "Others"), rules);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void nullRulesAreRejected() {
    assertThrows(
        IllegalArgumentException.class, () -> ProfileSegments.create().withRfmSegments(null));
  }
}
