// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import io.segflow.models.RfmThresholds;
import io.segflow.models.clv.ClvModel;
import io.segflow.transforms.segment.TrainedSegmentation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/** Writes the run's model as {@value ModelArtifact#FILE} into a folder; outputs the file's path. */
public final class WriteModelArtifact
    extends PTransform<PCollection<TrainedSegmentation>, PCollection<String>> {
  private final String directory;
  private final PCollectionView<Long> asOfEpochDay;
  private final PCollectionView<RfmThresholds> rfm;
  private final PCollectionView<ClvModel> clv;

  private WriteModelArtifact(
      String directory,
      PCollectionView<Long> asOfEpochDay,
      PCollectionView<RfmThresholds> rfm,
      PCollectionView<ClvModel> clv) {
    this.directory = directory;
    this.asOfEpochDay = asOfEpochDay;
    this.rfm = rfm;
    this.clv = clv;
  }

  public static WriteModelArtifact create() {
    return new WriteModelArtifact(null, null, null, null);
  }

  public WriteModelArtifact to(String directory) {
    return new WriteModelArtifact(directory, asOfEpochDay, rfm, clv);
  }

  /** The as-of date of the training customers, recorded in the model. */
  public WriteModelArtifact withAsOf(PCollectionView<Long> asOfEpochDay) {
    return new WriteModelArtifact(directory, asOfEpochDay, rfm, clv);
  }

  /** The RFM cut points the run scored with, saved so that later scoring reuses them. */
  public WriteModelArtifact withRfm(PCollectionView<RfmThresholds> rfm) {
    return new WriteModelArtifact(directory, asOfEpochDay, rfm, clv);
  }

  /**
   * The CLV models the run predicted with (a singleton view), saved so that {@code segflow score
   * --model} reuses them; null, the default, saves none.
   */
  public WriteModelArtifact withClv(PCollectionView<ClvModel> clvModel) {
    return new WriteModelArtifact(directory, asOfEpochDay, rfm, clvModel);
  }

  @Override
  public PCollection<String> expand(PCollection<TrainedSegmentation> trained) {
    if (directory == null || asOfEpochDay == null || rfm == null) {
      throw new IllegalStateException(
          "WriteModelArtifact needs to(...), withAsOf(...) and withRfm(...)");
    }
    String dir = directory;
    PCollectionView<Long> asOf = asOfEpochDay;
    PCollectionView<RfmThresholds> cuts = rfm;
    PCollectionView<ClvModel> fitted = clv;
    List<PCollectionView<?>> views = new ArrayList<>(List.of(asOf, cuts));
    if (fitted != null) {
      views.add(fitted);
    }
    return trained.apply(
        "WriteModelAvro",
        ParDo.of(
                new DoFn<TrainedSegmentation, String>() {
                  @ProcessElement
                  public void process(@Element TrainedSegmentation t, ProcessContext c)
                      throws IOException {
                    String date = LocalDate.ofEpochDay(c.sideInput(asOf)).toString();
                    ResourceId file =
                        FileSystems.matchNewResource(dir + "/" + ModelArtifact.FILE, false);
                    try (OutputStream os =
                        Channels.newOutputStream(FileSystems.create(file, "application/avro"))) {
                      ModelArtifact.write(
                          ModelArtifact.withClv(
                              ModelArtifact.withRfm(
                                  ModelArtifact.toRecord(t, date), c.sideInput(cuts)),
                              fitted == null ? null : c.sideInput(fitted)),
                          os);
                    }
                    c.output(file.toString());
                  }
                })
            .withSideInputs(views));
  }
}
