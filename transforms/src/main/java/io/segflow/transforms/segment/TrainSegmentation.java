// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.DbscanResult;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatcher;
import io.segflow.models.SegmentationResult;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.DoubleArrayCoder;
import io.segflow.transforms.rows.StageMetrics;
import java.io.Serializable;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Trains the segmentation once per run: gathers every customer's feature vector (sorted by id) and
 * fits the models library's {@code SegmentationTrainer} (scaling, k-means with k selection,
 * profiling, business names) or {@code DbscanSegmentation} (eps from the k-distance knee, noise as
 * its own "Unusual / outliers" segment). The single output element is the model for {@link AssignSegments}.
 */
public final class TrainSegmentation
    extends PTransform<PCollection<CustomerRecord>, PCollection<TrainedSegmentation>> {
  private final SegmentationSettings settings;
  private final PreviousModel previous;

  /** An earlier model whose segment ids and names a retrained model keeps where segments match. */
  public record PreviousModel(SegmentAssigner model, String modelId, double maxDistance)
      implements Serializable {}

  private TrainSegmentation(SegmentationSettings settings, PreviousModel previous) {
    this.settings = settings;
    this.previous = previous;
  }

  public static TrainSegmentation create() {
    return new TrainSegmentation(SegmentationSettings.defaults(), null);
  }

  public TrainSegmentation withSettings(SegmentationSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    return new TrainSegmentation(settings, previous);
  }

  /** Matches the trained segments to {@code previous}'s (see {@code SegmentMatcher}). */
  public TrainSegmentation withPreviousModel(PreviousModel previous) {
    return new TrainSegmentation(settings, previous);
  }

  @Override
  public PCollection<TrainedSegmentation> expand(PCollection<CustomerRecord> customers) {
    SegmentationSettings s = settings;
    return customers
        .apply("ExtractFeatureVectors", MapElements
            .into(TypeDescriptors.kvs(TypeDescriptors.strings(), new TypeDescriptor<double[]>() {}))
            .via((CustomerRecord c) -> KV.of(c.getCustomerId(), s.vector(c))))
        .setCoder(KvCoder.of(StringUtf8Coder.of(), DoubleArrayCoder.of()))
        .apply("GatherFeatureTable", Combine.globally(new FeatureTable.GatherFn()).withoutDefaults())
        .apply("FitSegmentationModel", ParDo.of(new TrainFn(settings, previous)))
        .setCoder(SerializableCoder.of(TrainedSegmentation.class));
  }

  static final class TrainFn extends DoFn<FeatureTable, TrainedSegmentation> {
    private final SegmentationSettings settings;
    private final PreviousModel previous;

    TrainFn(SegmentationSettings settings, PreviousModel previous) {
      this.settings = settings;
      this.previous = previous;
    }

    @ProcessElement
    public void process(@Element FeatureTable table, OutputReceiver<TrainedSegmentation> out) {
      long start = System.nanoTime();
      SegmentationSettings fitted = settings.fittedTo(table.rows().length);
      if (fitted.isDbscan()) {
        DbscanResult result = fitted.dbscan().fit(table.rows(), fitted.features());
        out.output(finish(
            new TrainedSegmentation(fitted, result.model(), null, result.report(), null), table));
        StageMetrics.timed("train", start);
        return;
      }
      long t0 = System.nanoTime();
      SegmentationResult kmeans = fitted.trainer().fit(table.rows(), fitted.features());
      long kmeansMillis = (System.nanoTime() - t0) / 1_000_000;
      MethodComparison comparison = null;
      if (fitted.isComparison()) {
        long t1 = System.nanoTime();
        DbscanResult dbscan = fitted.dbscan().fit(table.rows(), fitted.features());
        comparison = MethodComparison.of(kmeans, kmeansMillis, dbscan,
            (System.nanoTime() - t1) / 1_000_000);
      }
      out.output(finish(
          new TrainedSegmentation(fitted, kmeans.model(), kmeans.report(), null, comparison), table));
      StageMetrics.timed("train", start);
    }

    private TrainedSegmentation finish(TrainedSegmentation trained, FeatureTable table) {
      TrainedSegmentation out = trained.withDataFingerprint(table.fingerprint());
      return previous == null ? out : out.matched(SegmentMatcher.match(
          previous.model(), previous.modelId(), out.model(), previous.maxDistance()));
    }
  }
}
