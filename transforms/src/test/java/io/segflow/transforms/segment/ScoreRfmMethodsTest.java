// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.RfmCustomers.N;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.models.RfmMethod;
import io.segflow.models.RfmRule;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.models.ScoreRange;
import io.segflow.schemas.CustomerRecord;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * The rfm_package and fixed methods, other numbers of bins and a configured rule table, through the
 * pipeline: the cut points computed from distributed counts equal those of the models library on
 * all values at once (which RfmPackageOracleTest checks against the R package).
 */
@RunWith(JUnit4.class)
public class ScoreRfmMethodsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final RfmSegmentRules THREE_BINS =
      RfmSegmentRules.configured(
          List.of(
              RfmRule.onRfm(
                  "Best", "", "", ScoreRange.of(3, 3), ScoreRange.of(3, 3), ScoreRange.ANY),
              RfmRule.onRfm("Gone", "", "", ScoreRange.of(1, 1), ScoreRange.ANY, ScoreRange.ANY)),
          3,
          "Others");

  private PCollection<CustomerRecord> input() {
    return p.apply(
        Create.of(RfmCustomers.all()).withCoder(AvroCoder.specific(CustomerRecord.class)));
  }

  private static void check(
      Iterable<CustomerRecord> all, RfmThresholds expected, RfmSegmentRules rules) {
    int n = 0;
    for (CustomerRecord c : all) {
      RfmScore e = expected.score(c.getRecencyDays(), c.getFrequency(), c.getMonetary());
      String id = c.getCustomerId().toString();
      assertThat(id, c.getRfmRecencyScore(), is(e.r()));
      assertThat(id, c.getRfmFrequencyScore(), is(e.f()));
      assertThat(id, c.getRfmMonetaryScore(), is(e.m()));
      assertThat(id, c.getRfmSegment(), equalTo(rules.segmentOf(e).name()));
      n++;
    }
    assertThat(n, is(N));
  }

  @Test
  public void rfmPackageBreaksEqualTheLibrarysOnAllValues() {
    double[] r = new double[N];
    double[] f = new double[N];
    double[] m = new double[N];
    for (int i = 1; i <= N; i++) {
      r[i - 1] = RfmCustomers.recency(i);
      f[i - 1] = RfmCustomers.frequency(i);
      m[i - 1] = RfmCustomers.monetary(i);
    }
    RfmThresholds expected = RfmThresholds.rfmPackage(r, f, m, 3);
    RfmScoring scoring = new RfmScoring(RfmMethod.RFM_PACKAGE, 3, null, THREE_BINS, false);
    PCollection<CustomerRecord> customers = input();
    PCollectionView<RfmThresholds> view = ScoreRfm.thresholds(customers, scoring);
    PCollection<CustomerRecord> scored =
        customers.apply(ScoreRfm.create().withRules(THREE_BINS).withThresholds(view));
    PAssert.that(scored)
        .satisfies(
            all -> {
              check(all, expected, THREE_BINS);
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void fixedCutPointsAreUsedAsGiven() {
    RfmThresholds fixed =
        RfmThresholds.of(
            RfmMethod.FIXED, new double[] {30, 90}, new double[] {2, 4}, new double[] {500, 2000});
    RfmScoring scoring = new RfmScoring(RfmMethod.FIXED, 3, fixed, THREE_BINS, false);
    PCollection<CustomerRecord> customers = input();
    PCollection<CustomerRecord> scored =
        customers.apply(
            ScoreRfm.create()
                .withRules(THREE_BINS)
                .withThresholds(ScoreRfm.thresholds(customers, scoring)));
    PAssert.that(scored)
        .satisfies(
            all -> {
              check(all, fixed, THREE_BINS);
              return null;
            });
    p.run().waitUntilFinish();
  }
}
