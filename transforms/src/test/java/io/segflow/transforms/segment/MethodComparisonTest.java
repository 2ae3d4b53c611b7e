// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import static io.segflow.transforms.segment.DbscanCustomers.N;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import io.segflow.models.KMeansModel;
import io.segflow.schemas.CustomerRecord;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.junit.runners.JUnit4;

/**
 * {@code SegmentationSettings.withComparison}: k-means is the model written, DBSCAN runs beside it,
 * and {@link MethodComparison} reports both on {@link DbscanCustomers}.
 */
@RunWith(JUnit4.class)
public class MethodComparisonTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  static final SegmentationSettings COMPARE =
      SegmentationSettings.defaults().withComparison(Double.NaN, 0);

  @Test
  public void comparisonHasBothMethodsAndTheModelIsKMeans() {
    PCollection<CustomerRecord> customers =
        p.apply(
            Create.of(DbscanCustomers.all()).withCoder(AvroCoder.specific(CustomerRecord.class)));
    PCollection<TrainedSegmentation> trained =
        customers.apply(TrainSegmentation.create().withSettings(COMPARE));
    PCollectionView<TrainedSegmentation> model = trained.apply(View.asSingleton());
    PCollection<CustomerRecord> assigned =
        customers.apply(AssignSegments.create().withModel(model));

    PAssert.thatSingleton(trained)
        .satisfies(
            t -> {
              assertThat(t.settings().isComparison(), is(true));
              assertThat(t.settings().writtenAlgorithm(), equalTo("kmeans"));
              assertThat(t.model() instanceof KMeansModel, is(true));
              assertThat(t.kmeansReport(), notNullValue());
              assertThat(t.dbscanReport(), nullValue());
              MethodComparison c = t.comparison();
              assertThat(c, notNullValue());
              assertThat(c.methods(), hasSize(2));
              assertThat(c.methods().get(0).algorithm(), equalTo("kmeans"));
              assertThat(c.methods().get(1).algorithm(), equalTo("dbscan"));
              for (MethodComparison.Method m : c.methods()) {
                int sum = m.sizes().values().stream().mapToInt(Integer::intValue).sum();
                assertThat(m.algorithm() + " sizes sum to the customers", sum, equalTo(N));
                assertThat(m.sizes().size(), equalTo(m.segments()));
              }
              MethodComparison.Method kmeans = c.methods().get(0);
              MethodComparison.Method dbscan = c.methods().get(1);
              assertThat(kmeans.segments(), equalTo(t.kmeansReport().chosenK()));
              assertThat(kmeans.noiseShare(), equalTo(0.0));
              assertThat(kmeans.metricsExcludeNoise(), is(false));
              // DBSCAN finds the two dense groups and the outliers, as in DbscanSegmentsTest
              assertThat(dbscan.metricsExcludeNoise(), is(true));
              assertThat(
                  dbscan.sizes().get("0 Unusual / outliers"), equalTo(DbscanCustomers.OUTLIERS));
              assertThat(
                  dbscan.noiseShare(), closeTo((double) DbscanCustomers.OUTLIERS / N, 1e-12));
              assertThat(c.adjustedRandIndex(), greaterThanOrEqualTo(-1.0));
              assertThat(c.adjustedRandIndex(), lessThanOrEqualTo(1.0));
              return null;
            });

    // AssignSegments scores with the k-means model: no outlier segment, ids 1..k.
    PAssert.that(assigned)
        .satisfies(
            all -> {
              int n = 0;
              for (CustomerRecord c : all) {
                assertThat(c.getSegmentId(), greaterThanOrEqualTo(1));
                n++;
              }
              assertThat(n, equalTo(N));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /**
   * The k-means sizes in the comparison are those of the written model (every customer scored with
   * it), and the adjusted Rand index equals the one computed here from those labels and DBSCAN's
   * (dense groups 1 and 2, outliers 0, as established by DbscanSegmentsTest).
   */
  @Test
  public void comparisonSizesAndAgreementFollowFromTheTwoPartitions() {
    PCollection<TrainedSegmentation> trained =
        p.apply(
                Create.of(DbscanCustomers.all())
                    .withCoder(AvroCoder.specific(CustomerRecord.class)))
            .apply(TrainSegmentation.create().withSettings(COMPARE));
    PAssert.thatSingleton(trained)
        .satisfies(
            t -> {
              List<Integer> kmeansLabels = new ArrayList<>();
              List<Integer> dbscanLabels = new ArrayList<>();
              Map<Integer, Integer> sizes = new TreeMap<>();
              for (CustomerRecord c : DbscanCustomers.all()) {
                int id = t.model().assign(t.settings().vector(c));
                kmeansLabels.add(id);
                dbscanLabels.add(new int[] {1, 2, 0}[DbscanCustomers.groupOf(c)]);
                sizes.merge(id, 1, Integer::sum);
              }
              Map<String, Integer> expectedSizes = new LinkedHashMap<>();
              sizes.forEach(
                  (id, n) -> expectedSizes.put(id + " " + t.model().segment(id).name(), n));
              MethodComparison c = t.comparison();
              assertThat(c.methods().get(0).sizes(), equalTo(expectedSizes));
              assertThat(
                  c.methods().get(1).sizes().values().stream().mapToInt(Integer::intValue).sum(),
                  equalTo(N));
              assertThat(
                  c.adjustedRandIndex(),
                  closeTo(adjustedRandIndex(kmeansLabels, dbscanLabels), 1e-9));
              return null;
            });
    p.run().waitUntilFinish();
  }

  /** Hubert and Arabie's adjusted Rand index, from the contingency table. */
  static double adjustedRandIndex(List<Integer> a, List<Integer> b) {
    Map<KV<Integer, Integer>, Long> cells = new HashMap<>();
    Map<Integer, Long> rows = new HashMap<>();
    Map<Integer, Long> cols = new HashMap<>();
    for (int i = 0; i < a.size(); i++) {
      cells.merge(KV.of(a.get(i), b.get(i)), 1L, Long::sum);
      rows.merge(a.get(i), 1L, Long::sum);
      cols.merge(b.get(i), 1L, Long::sum);
    }
    double index = cells.values().stream().mapToDouble(MethodComparisonTest::pairs).sum();
    double sumA = rows.values().stream().mapToDouble(MethodComparisonTest::pairs).sum();
    double sumB = cols.values().stream().mapToDouble(MethodComparisonTest::pairs).sum();
    double expected = sumA * sumB / pairs(a.size());
    double max = (sumA + sumB) / 2;
    return (index - expected) / (max - expected);
  }

  private static double pairs(long n) {
    return n * (n - 1) / 2.0;
  }
}
