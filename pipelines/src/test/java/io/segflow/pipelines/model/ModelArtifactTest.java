// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.models.DbscanResult;
import io.segflow.models.DbscanSegmentation;
import io.segflow.models.KMeansResult;
import io.segflow.models.KMeansSegmentation;
import io.segflow.models.RfmMethod;
import io.segflow.models.RfmThresholds;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatcher;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.segment.SegmentationSettings;
import io.segflow.transforms.segment.TrainedSegmentation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** A saved model, read back, scores every customer exactly as the model it was saved from. */
public class ModelArtifactTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();
  private static final List<String> F = SegmentationSettings.DEFAULT_FEATURES;

  /** Customers of three kinds with RFM-like skew (heavy spenders, regulars, lapsed). */
  private static double[][] customers(long seed, int n) {
    Random r = new Random(seed);
    double[][] rows = new double[n][];
    for (int i = 0; i < n; i++) {
      int kind = i % 3;
      double recency = kind == 2 ? 150 + 60 * r.nextDouble() : 5 + 30 * r.nextDouble();
      double frequency =
          Math.max(1, Math.round((kind == 0 ? 12 : 3) * Math.exp(0.4 * r.nextGaussian())));
      double monetary =
          (kind == 0 ? 4000 : kind == 1 ? 700 : 250) * Math.exp(0.5 * r.nextGaussian());
      double quantity = monetary / (2 + r.nextDouble());
      rows[i] = new double[] {recency, frequency, monetary, quantity, monetary / frequency};
    }
    return rows;
  }

  private SegmentAssigner roundTrip(TrainedSegmentation trained) throws IOException {
    SegflowModel record = ModelArtifact.toRecord(trained, "2011-12-10");
    Path file = tmp.newFolder().toPath().resolve(ModelArtifact.FILE);
    try (OutputStream out = Files.newOutputStream(file)) {
      ModelArtifact.write(record, out);
    }
    SegflowModel read = SavedModels.read(file.getParent().toString(), "--model");
    assertThat(read.getModelId(), is(record.getModelId()));
    return ModelArtifact.fromRecord(read).model();
  }

  @Test
  public void kmeansScoresEveryCustomerAsBeforeSaving() throws IOException {
    KMeansResult fit = KMeansSegmentation.create().withK(3).fit(customers(1, 900), F);
    SegmentAssigner saved =
        roundTrip(
            new TrainedSegmentation(
                SegmentationSettings.defaults(), fit.model(), fit.report(), null, null));
    assertSameAssignments(fit.model(), saved, customers(2, 2000));
    assertThat(describe(saved), equalTo(describe(fit.model())));
  }

  @Test
  public void dbscanScoresEveryCustomerAsBeforeSavingNoiseIncluded() throws IOException {
    DbscanResult fit = DbscanSegmentation.create().withMinPoints(6).fit(customers(3, 900), F);
    SegmentAssigner saved =
        roundTrip(
            new TrainedSegmentation(
                SegmentationSettings.defaults().withDbscan(Double.NaN, 6),
                fit.model(),
                null,
                fit.report(),
                null));
    double[][] fresh = customers(4, 2000);
    fresh[0] = new double[] {3000, 900, 1e9, 1e7, 1e6}; // far from every core point: noise
    assertSameAssignments(fit.model(), saved, fresh);
    assertThat(saved.assign(fresh[0]), is(0));
  }

  /** A matched model's ids have gaps or go beyond k; they survive saving. */
  @Test
  public void matchedIdsSurviveSaving() throws IOException {
    KMeansResult three = KMeansSegmentation.create().withK(3).fit(customers(5, 900), F);
    KMeansResult four = KMeansSegmentation.create().withK(4).fit(customers(6, 900), F);
    SegmentMatcher.Result matched = SegmentMatcher.match(three.model(), "m3", four.model(), 10);
    TrainedSegmentation trained =
        new TrainedSegmentation(
                SegmentationSettings.defaults(), four.model(), four.report(), null, null)
            .matched(matched);
    SegmentAssigner saved = roundTrip(trained);
    assertSameAssignments(matched.model(), saved, customers(7, 2000));
    assertThat(
        ModelArtifact.toRecord(trained, "2011-12-10").getLineage().getPreviousModelId(), is("m3"));
  }

  @Test
  public void anEditedModelIsRefused() throws IOException {
    KMeansResult fit = KMeansSegmentation.create().withK(3).fit(customers(1, 900), F);
    SegflowModel record =
        ModelArtifact.toRecord(
            new TrainedSegmentation(
                SegmentationSettings.defaults(), fit.model(), fit.report(), null, null),
            "2011-12-10");
    record.getCentroids().get(0).getScaled().set(0, 0.5); // moved, id left as it was
    Path file = tmp.newFile("edited.avro").toPath();
    try (OutputStream out = Files.newOutputStream(file)) {
      ModelArtifact.write(record, out);
    }
    SegflowException e =
        assertThrows(SegflowException.class, () -> SavedModels.read(file.toString(), "--model"));
    assertThat(e.getMessage(), containsString("damaged or was edited"));
  }

  private static List<String> describe(SegmentAssigner m) {
    return m.segments().stream()
        .map(
            s ->
                s.id()
                    + "|"
                    + s.name()
                    + "|"
                    + s.description()
                    + "|"
                    + s.action()
                    + "|"
                    + s.valueScore()
                    + "|"
                    + java.util.Arrays.toString(s.profile().means())
                    + java.util.Arrays.toString(s.profile().medians()))
        .toList();
  }

  private static void assertSameAssignments(SegmentAssigner a, SegmentAssigner b, double[][] rows) {
    for (double[] row : rows) {
      assertThat(b.assign(row), is(a.assign(row)));
    }
  }

  /**
   * A model.avro written before models carried RFM cut points (the demo run on the shipped Online
   * Retail sample, CC BY 4.0) still loads: its id still matches its content, and it has no cut
   * points, so scoring with it computes them.
   */
  @Test
  public void aModelWithoutRfmCutPointsKeepsItsId() throws IOException {
    Path file = tmp.newFolder().toPath().resolve(ModelArtifact.FILE);
    try (java.io.InputStream in =
        ModelArtifactTest.class.getResourceAsStream("/fixtures/model-without-rfm.avro")) {
      Files.copy(in, file);
    }
    SegflowModel old = SavedModels.read(file.toString(), "--model");
    assertThat(old.getModelId(), is("2bac761bdcad90fa"));
    assertThat(ModelArtifact.rfmOf(old) == null, is(true));
    assertThat(ModelArtifact.withRfm(old, cuts()).getModelId().equals(old.getModelId()), is(false));
  }

  /** Cut points saved in a model come back as they were, and change the model's id. */
  @Test
  public void rfmCutPointsRoundTrip() throws IOException {
    Path file = tmp.newFolder().toPath().resolve(ModelArtifact.FILE);
    try (java.io.InputStream in =
        ModelArtifactTest.class.getResourceAsStream("/fixtures/model-without-rfm.avro")) {
      Files.copy(in, file);
    }
    SegflowModel old = SavedModels.read(file.toString(), "--model");
    SegflowModel with = ModelArtifact.withRfm(old, cuts());
    assertThat(ModelArtifact.withRfm(with, cuts()), is(with));
    Path saved = tmp.newFolder().toPath().resolve(ModelArtifact.FILE);
    try (OutputStream out = Files.newOutputStream(saved)) {
      ModelArtifact.write(with, out);
    }
    SegflowModel read = SavedModels.read(saved.toString(), "--model");
    assertThat(read.getModelId(), is(with.getModelId()));
    assertThat(ModelArtifact.rfmOf(read), equalTo(cuts()));
  }

  private static RfmThresholds cuts() {
    return RfmThresholds.of(
        RfmMethod.FIXED,
        new double[] {115, 181, 297, 482},
        new double[] {4, 5, 6, 8},
        new double[] {256, 382, 506, 666});
  }
}
