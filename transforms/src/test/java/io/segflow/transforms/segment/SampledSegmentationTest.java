// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.SegmentTransformsTest.customers;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;

import io.segflow.models.ClusterMetrics;
import io.segflow.models.FeatureTransform;
import io.segflow.models.KMeansModel;
import io.segflow.models.KMeansResult;
import io.segflow.models.QuantileSketch;
import io.segflow.models.ScalerType;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * Above {@link Sampling#threshold()}: training on a seeded bottom-k sample, the same whatever the
 * input's order and split; every customer assigned; the model measured on all customers; profile
 * medians from a sketch. The 90 customers of {@link SegmentTransformsTest} with a threshold of 60.
 */
@RunWith(JUnit4.class)
public class SampledSegmentationTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final Sampling SAMPLING = new Sampling(60, 40, 100);
  private static final SegmentationSettings SETTINGS =
      new SegmentationSettings(
              SegmentationSettings.DEFAULT_FEATURES,
              FeatureTransform.LOG1P,
              ScalerType.STANDARD,
              3,
              2,
              10,
              42,
              3)
          .withSampling(SAMPLING);

  private PCollection<CustomerRecord> inOrder() {
    return p.apply(
        "InOrder", Create.of(customers()).withCoder(AvroCoder.specific(CustomerRecord.class)));
  }

  /** The same customers shuffled and split into three inputs, as another runner might see them. */
  private PCollection<CustomerRecord> shuffledAndSplit() {
    List<CustomerRecord> all = new ArrayList<>(customers());
    Collections.shuffle(all, new Random(5));
    PCollectionList<CustomerRecord> parts = PCollectionList.empty(p);
    for (int i = 0; i < 3; i++) {
      parts =
          parts.and(
              p.apply(
                  "Part" + i,
                  Create.of(all.subList(i * 30, i * 30 + 30))
                      .withCoder(AvroCoder.specific(CustomerRecord.class))));
    }
    return parts.apply("JoinParts", Flatten.pCollections());
  }

  /** The ids a bottom-40 sample by seeded hash must hold. */
  private static List<String> expectedSampleIds() {
    return customers().stream()
        .map(CustomerRecord::getCustomerId)
        .sorted(Comparator.comparingLong((String id) -> SampleHash.of(id, 42)))
        .limit(40)
        .sorted()
        .collect(Collectors.toList());
  }

  /** What the pipeline should compute, done in memory: the fit on the sample. */
  private static KMeansResult fitOnExpectedSample() {
    List<String> ids = expectedSampleIds();
    double[][] rows =
        customers().stream()
            .filter(c -> ids.contains(c.getCustomerId()))
            .sorted(Comparator.comparing(CustomerRecord::getCustomerId))
            .map(SETTINGS::vector)
            .toArray(double[][]::new);
    return SETTINGS.kmeans().fit(rows, SETTINGS.features());
  }

  private static String fingerprint(TrainedSegmentation t) {
    return t.sample()
        + " "
        + t.kmeansReport().customers()
        + " "
        + Arrays.deepToString(((KMeansModel) t.model()).centroidsScaled());
  }

  @Test
  public void trainsOnTheSameSampleWhateverTheInputOrderAndAssignsEveryone() {
    PCollection<CustomerRecord> a = inOrder();
    PCollection<TrainedSegmentation> trainedA =
        a.apply("TrainA", TrainSegmentation.create().withSettings(SETTINGS));
    PCollection<TrainedSegmentation> trainedB =
        shuffledAndSplit().apply("TrainB", TrainSegmentation.create().withSettings(SETTINGS));
    PCollection<String> fingerprints =
        PCollectionList.of(trainedA)
            .and(trainedB)
            .apply("BothModels", Flatten.pCollections())
            .apply(
                MapElements.into(TypeDescriptors.strings())
                    .via(SampledSegmentationTest::fingerprint));
    KMeansModel expected = fitOnExpectedSample().model();
    PAssert.that(fingerprints)
        .satisfies(
            both -> {
              List<String> list = StreamSupport.stream(both.spliterator(), false).toList();
              assertThat(list, hasSize(2));
              assertThat("independent of order and split", list.get(0), is(list.get(1)));
              assertThat(
                  list.get(0),
                  is(
                      new TrainingSample(40, 60, 42)
                          + " 40 "
                          + Arrays.deepToString(expected.centroidsScaled())));
              return null;
            });

    PCollectionView<TrainedSegmentation> model = trainedA.apply(View.asSingleton());
    PCollection<CustomerRecord> assigned = a.apply(AssignSegments.create().withModel(model));
    PAssert.that(assigned)
        .satisfies(
            all -> {
              List<CustomerRecord> list = StreamSupport.stream(all.spliterator(), false).toList();
              assertThat(list, hasSize(90));
              int[] truth = list.stream().mapToInt(c -> c.getCustomerId().charAt(0)).toArray();
              int[] segments = list.stream().mapToInt(CustomerRecord::getSegmentId).toArray();
              assertThat(ClusterMetrics.adjustedRandIndex(truth, segments), is(1.0));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void measuresTheSampleModelOnEveryCustomerExactly() {
    PCollection<CustomerRecord> customers = shuffledAndSplit();
    PCollectionView<TrainedSegmentation> model =
        customers
            .apply(TrainSegmentation.create().withSettings(SETTINGS))
            .apply(View.asSingleton());
    PCollection<SegmentationQuality> quality =
        customers
            .apply(AssignSegments.create().withModel(model))
            .apply(MeasureSegmentation.create().withModel(model));

    KMeansModel m = fitOnExpectedSample().model();
    List<CustomerRecord> all = customers();
    double[][] x =
        all.stream().map(SETTINGS::vector).map(m.preprocessor()::apply).toArray(double[][]::new);
    int[] labels = all.stream().mapToInt(c -> m.assign(SETTINGS.vector(c))).toArray();
    double cost = all.stream().mapToDouble(c -> m.cost(SETTINGS.vector(c))).sum();
    double ch = ClusterMetrics.calinskiHarabasz(x, labels);
    double db = ClusterMetrics.daviesBouldin(x, labels);
    double wcss = ClusterMetrics.wcss(x, labels);
    PAssert.thatSingleton(quality)
        .satisfies(
            q -> {
              assertThat(q.customers(), is(90L));
              assertThat(q.noise(), is(0L));
              assertThat(q.sizes().values().stream().mapToLong(Long::longValue).sum(), is(90L));
              assertThat(q.calinskiHarabasz(), closeTo(ch, ch * 1e-12));
              assertThat(q.daviesBouldin(), closeTo(db, db * 1e-12));
              assertThat(q.wcss(), closeTo(wcss, wcss * 1e-12));
              assertThat(q.modelCost(), closeTo(cost, cost * 1e-12));
              assertThat(
                  "the segment means fit no worse than the sample's centroids",
                  q.modelCost(),
                  greaterThanOrEqualTo(q.wcss()));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void belowTheThresholdNothingIsSampledOrMeasured() {
    SegmentationSettings high = SETTINGS.withSampling(new Sampling(90, 40, 100));
    PCollection<CustomerRecord> customers = inOrder();
    PCollection<TrainedSegmentation> trained =
        customers.apply(TrainSegmentation.create().withSettings(high));
    PCollectionView<TrainedSegmentation> model = trained.apply(View.asSingleton());
    PCollection<SegmentationQuality> quality =
        customers
            .apply(AssignSegments.create().withModel(model))
            .apply(MeasureSegmentation.create().withModel(model));
    PAssert.thatSingleton(trained)
        .satisfies(
            t -> {
              assertThat(t.sampled(), is(false));
              assertThat(t.kmeansReport().customers(), is(90));
              return null;
            });
    PAssert.that(quality).empty();
    p.run().waitUntilFinish();
  }

  @Test
  public void profilesAboveTheThresholdUseSketchMediansAndExactMeans() {
    // one segment per group, assigned by hand, so the profile is all this test checks
    List<CustomerRecord> byGroup = new ArrayList<>();
    for (CustomerRecord c : customers()) {
      byGroup.add(
          CustomerRecord.newBuilder(c)
              .setSegmentId(c.getCustomerId().charAt(0) - '0')
              .setSegmentName("group")
              .build());
    }
    Collections.shuffle(byGroup, new Random(9));
    PCollection<CustomerRecord> assigned =
        p.apply("Assigned", Create.of(byGroup).withCoder(AvroCoder.specific(CustomerRecord.class)));
    PCollectionView<TrainedSegmentation> model =
        inOrder()
            .apply(TrainSegmentation.create().withSettings(SETTINGS))
            .apply(View.asSingleton());
    PCollection<SegmentRecord> exact =
        assigned.apply(
            "Exact",
            ProfileSegments.create()
                .withSettings(SETTINGS.withSampling(new Sampling(90, 40, 100)))
                .withModel(model));
    PCollection<SegmentRecord> sketched =
        assigned.apply(
            "Sketched", ProfileSegments.create().withSettings(SETTINGS).withModel(model));
    PCollection<KV<String, SegmentRecord>> both =
        PCollectionList.of(
                exact.apply(
                    "TagExact",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), new TypeDescriptor<SegmentRecord>() {}))
                        .via((SegmentRecord s) -> KV.of("exact", s))))
            .and(
                sketched.apply(
                    "TagSketch",
                    MapElements.into(
                            TypeDescriptors.kvs(
                                TypeDescriptors.strings(), new TypeDescriptor<SegmentRecord>() {}))
                        .via((SegmentRecord s) -> KV.of("sketch", s))))
            .apply(Flatten.pCollections());
    PAssert.that(both)
        .satisfies(
            all -> {
              List<KV<String, SegmentRecord>> list =
                  StreamSupport.stream(all.spliterator(), false).toList();
              assertThat(list, hasSize(6));
              for (KV<String, SegmentRecord> e : list) {
                if (!e.getKey().equals("exact")) {
                  continue;
                }
                SegmentRecord ex = e.getValue();
                SegmentRecord sk =
                    list.stream()
                        .filter(
                            o ->
                                o.getKey().equals("sketch")
                                    && o.getValue().getSegmentId() == ex.getSegmentId())
                        .findFirst()
                        .orElseThrow()
                        .getValue();
                assertThat(sk.getSize(), is(ex.getSize()));
                assertThat(sk.getRevenue(), closeTo(ex.getRevenue(), 1e-9 * ex.getRevenue()));
                for (FeatureStat f : ex.getFeatures()) {
                  FeatureStat g =
                      sk.getFeatures().stream()
                          .filter(o -> o.getFeature().equals(f.getFeature()))
                          .findFirst()
                          .orElseThrow();
                  assertThat(g.getMean(), closeTo(f.getMean(), 1e-12 * Math.abs(f.getMean())));
                  assertThat(
                      f.getFeature(),
                      Math.abs(g.getMedian() - f.getMedian()) / f.getMedian(),
                      lessThan(QuantileSketch.RELATIVE_ACCURACY));
                  if (f.getFeature().equals("frequency")) {
                    assertThat(
                        "small integers keep exact medians", g.getMedian(), is(f.getMedian()));
                  }
                }
              }
              return null;
            });
    p.run().waitUntilFinish();
  }
}
