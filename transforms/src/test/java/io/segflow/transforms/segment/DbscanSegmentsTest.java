// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.DbscanCustomers.N;
import static io.segflow.transforms.segment.DbscanCustomers.OUTLIERS;
import static io.segflow.transforms.segment.DbscanCustomers.PER_GROUP;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.segflow.models.CurvePoint;
import io.segflow.models.DbscanModel;
import io.segflow.models.DbscanReport;
import io.segflow.models.EpsSource;
import io.segflow.models.KDistanceCurve;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * DBSCAN through the Beam transforms with eps automatic (knee of the k-distance curve) and
 * minPoints automatic (5 features + 1 = 6), on {@link DbscanCustomers}: two dense groups and four
 * far-away customers. Train → assign → profile.
 */
@RunWith(JUnit4.class)
public class DbscanSegmentsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final SegmentationSettings DBSCAN =
      SegmentationSettings.defaults().withDbscan(Double.NaN, 0);

  private PCollection<CustomerRecord> input() {
    return p.apply(
        Create.of(DbscanCustomers.all()).withCoder(AvroCoder.specific(CustomerRecord.class)));
  }

  @Test
  public void reportHasAnAutomaticEpsAndTheKDistanceCurve() {
    PCollection<TrainedSegmentation> trained =
        input().apply(TrainSegmentation.create().withSettings(DBSCAN));
    PAssert.thatSingleton(trained)
        .satisfies(
            t -> {
              assertThat(t.kmeansReport(), nullValue());
              assertThat(t.comparison(), nullValue());
              assertThat(t.model() instanceof DbscanModel, is(true));
              assertThat(t.settings().writtenAlgorithm(), equalTo("dbscan"));
              DbscanReport r = t.dbscanReport();
              assertThat(r, notNullValue());
              assertThat(r.customers(), equalTo(N));
              assertThat(r.eps(), greaterThan(0.0));
              assertThat(r.epsSource(), equalTo(EpsSource.KNEE));
              assertThat(r.minPoints(), equalTo(SegmentationSettings.DEFAULT_FEATURES.size() + 1));
              assertThat(r.clusters(), equalTo(2));
              assertThat(r.noise(), equalTo(OUTLIERS));
              assertThat(r.noiseShare(), closeTo((double) OUTLIERS / N, 1e-12));
              assertThat(((DbscanModel) t.model()).eps(), equalTo(r.eps()));

              KDistanceCurve curve = r.kDistanceCurve();
              assertThat(curve.minPoints(), equalTo(r.minPoints()));
              assertThat(curve.size(), equalTo(N));
              assertThat(curve.hasKnee(), is(true));
              assertThat(curve.kneeDistance(), equalTo(r.eps()));
              List<CurvePoint> points = curve.points();
              assertThat(points.size(), equalTo(N)); // fewer customers than the 200 points kept
              for (int i = 1; i < points.size(); i++) {
                assertThat(
                    "ranks ascend", points.get(i).rank(), greaterThan(points.get(i - 1).rank()));
                assertThat(
                    "sorted k-distances",
                    points.get(i).distance(),
                    greaterThanOrEqualTo(points.get(i - 1).distance()));
              }
              // The outliers are the steep tail: the largest k-distances lie beyond eps.
              for (int i = N - OUTLIERS; i < N; i++) {
                assertThat(points.get(i).distance(), greaterThan(r.eps()));
              }
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void denseGroupsBecomeSegmentsOneAndTwoAndOutliersSegmentZero() {
    PCollection<CustomerRecord> customers = input();
    PCollectionView<TrainedSegmentation> model =
        customers.apply(TrainSegmentation.create().withSettings(DBSCAN)).apply(View.asSingleton());
    PCollection<CustomerRecord> assigned =
        customers.apply(AssignSegments.create().withModel(model));
    PAssert.that(assigned)
        .satisfies(
            all -> {
              Map<Integer, Set<Integer>> segmentsOfGroup = new HashMap<>();
              Map<Integer, String> nameOfSegment = new HashMap<>();
              int n = 0;
              for (CustomerRecord c : all) {
                segmentsOfGroup
                    .computeIfAbsent(DbscanCustomers.groupOf(c), g -> new HashSet<>())
                    .add(c.getSegmentId());
                String previous = nameOfSegment.put(c.getSegmentId(), c.getSegmentName());
                assertThat(previous == null || previous.equals(c.getSegmentName()), is(true));
                n++;
              }
              assertThat(n, equalTo(N));
              // value order: the high-value group is 1, the lapsed group 2
              assertThat(segmentsOfGroup.get(0), equalTo(Set.of(1)));
              assertThat(segmentsOfGroup.get(1), equalTo(Set.of(2)));
              assertThat(segmentsOfGroup.get(2), equalTo(Set.of(0)));
              assertThat(nameOfSegment.get(0), equalTo("Unusual / outliers"));
              assertThat(nameOfSegment.get(1), not(equalTo("Unusual / outliers")));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void profilesOfKindDbscanKeepTheOutlierSegment() {
    PCollection<CustomerRecord> customers = input();
    PCollectionView<TrainedSegmentation> model =
        customers.apply(TrainSegmentation.create().withSettings(DBSCAN)).apply(View.asSingleton());
    PCollection<SegmentRecord> segments =
        customers
            .apply(AssignSegments.create().withModel(model))
            .apply(ProfileSegments.create().withSettings(DBSCAN).withModel(model));

    double total = DbscanCustomers.totalRevenue();
    Map<Integer, Double> revenue = new TreeMap<>();
    for (CustomerRecord c : DbscanCustomers.all()) {
      int expectedId = new int[] {1, 2, 0}[DbscanCustomers.groupOf(c)];
      revenue.merge(expectedId, c.getMonetary(), Double::sum);
    }
    Map<Integer, Long> sizes = Map.of(0, (long) OUTLIERS, 1, (long) PER_GROUP, 2, (long) PER_GROUP);
    PAssert.that(segments)
        .satisfies(
            records -> {
              Map<Integer, SegmentRecord> byId = new TreeMap<>();
              for (SegmentRecord s : records) {
                assertThat(byId.put(s.getSegmentId(), s), nullValue());
              }
              assertThat(byId.keySet(), equalTo(Set.of(0, 1, 2)));
              for (SegmentRecord s : byId.values()) {
                int id = s.getSegmentId();
                assertThat(s.getKind(), equalTo("dbscan"));
                assertThat("size of " + id, s.getSize(), equalTo(sizes.get(id)));
                assertThat(s.getCustomerShare(), closeTo((double) sizes.get(id) / N, 1e-12));
                assertThat(s.getRevenue(), closeTo(revenue.get(id), 1e-6));
                assertThat(s.getRevenueShare(), closeTo(revenue.get(id) / total, 1e-12));
              }
              assertThat(byId.get(0).getSegmentName(), equalTo("Unusual / outliers"));
              assertThat(byId.get(1).getSegmentName(), not(equalTo(byId.get(2).getSegmentName())));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
