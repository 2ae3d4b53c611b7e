// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.DbscanResult;
import io.segflow.models.KMeansResult;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatcher;
import io.segflow.models.SegmentationResult;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.DoubleArrayCoder;
import io.segflow.transforms.rows.LiveCounters;
import io.segflow.transforms.rows.StageMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.Top;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Trains the segmentation once per run and emits the model for {@link AssignSegments}: the models
 * library's {@code KMeansSegmentation} (scaling, k-means with k selection, profiling, business
 * names) or {@code DbscanSegmentation} (eps from the k-distance knee, noise as its own "Unusual /
 * outliers" segment), on customers' feature vectors sorted by id.
 *
 * <p>No step holds every customer: Beam's {@code Top} combine keeps the {@link
 * Sampling#threshold()} + 1 customers with the smallest {@link SampleHash} of their id, each worker
 * only its own smallest. If that is every customer (no more than the threshold), the model is
 * fitted on all of them exactly as before; otherwise on the {@link Sampling#sampleSize()} smallest,
 * a uniform sample that is the same whatever the sharding or order of the input ({@link
 * TrainingSample}).
 */
public final class TrainSegmentation
    extends PTransform<PCollection<CustomerRecord>, PCollection<TrainedSegmentation>> {
  /** Live counter (see {@link LiveCounters}) raised when training starts. */
  public static final String TRAIN_STARTED = "train_started";

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
    long seed = s.seed();
    return customers
        .apply(
            "KeyBySampleHash",
            MapElements.into(
                    TypeDescriptors.kvs(
                        TypeDescriptors.longs(),
                        TypeDescriptors.kvs(
                            TypeDescriptors.strings(), new TypeDescriptor<double[]>() {})))
                .via(
                    (CustomerRecord c) ->
                        KV.of(
                            SampleHash.of(c.getCustomerId(), seed),
                            KV.of(c.getCustomerId(), s.vector(c)))))
        .setCoder(
            KvCoder.of(VarLongCoder.of(), KvCoder.of(StringUtf8Coder.of(), DoubleArrayCoder.of())))
        .apply(
            "KeepSmallestHashes",
            // with defaults: no customer at all still reaches TrainFn, as an empty list, and is
            // reported there instead of failing the model's singleton view
            Top.of((int) s.sampling().threshold() + 1, new SmallestHashFirst()))
        .apply("FitSegmentationModel", ParDo.of(new TrainFn(settings, previous)))
        .setCoder(SerializableCoder.of(TrainedSegmentation.class));
  }

  /** Orders candidates so that Top keeps the smallest hashes; ties (all but impossible) by id. */
  static final class SmallestHashFirst
      implements Comparator<KV<Long, KV<String, double[]>>>, Serializable {
    @Override
    public int compare(KV<Long, KV<String, double[]>> a, KV<Long, KV<String, double[]>> b) {
      int byHash = Long.compare(b.getKey(), a.getKey());
      return byHash != 0 ? byHash : b.getValue().getKey().compareTo(a.getValue().getKey());
    }
  }

  static final class TrainFn
      extends DoFn<List<KV<Long, KV<String, double[]>>>, TrainedSegmentation> {
    private final SegmentationSettings settings;
    private final PreviousModel previous;

    TrainFn(SegmentationSettings settings, PreviousModel previous) {
      this.settings = settings;
      this.previous = previous;
    }

    @ProcessElement
    public void process(
        @Element List<KV<Long, KV<String, double[]>>> smallestHashes,
        OutputReceiver<TrainedSegmentation> out) {
      long start = System.nanoTime();
      LiveCounters.add(TRAIN_STARTED, 1); // training is one long step: say when it begins
      Sampling sampling = settings.sampling();
      TrainingSample sample =
          smallestHashes.size() > sampling.threshold()
              ? new TrainingSample(sampling.sampleSize(), sampling.threshold(), settings.seed())
              : null;
      // Top lists the smallest hash first, so the sample is a prefix
      List<KV<String, double[]>> rows = new ArrayList<>();
      for (KV<Long, KV<String, double[]>> candidate :
          sample == null ? smallestHashes : smallestHashes.subList(0, sample.size())) {
        rows.add(candidate.getValue());
      }
      FeatureTable table = FeatureTable.sortedById(rows);
      out.output(finish(train(table, sample), table));
      StageMetrics.timed("train", start);
    }

    /** The training customers' fingerprint, and the earlier model's ids when asked for. */
    private TrainedSegmentation finish(TrainedSegmentation trained, FeatureTable table) {
      TrainedSegmentation out = trained.withDataFingerprint(table.fingerprint());
      return previous == null
          ? out
          : out.matched(
              SegmentMatcher.match(
                  previous.model(), previous.modelId(), out.model(), previous.maxDistance()));
    }

    private TrainedSegmentation train(FeatureTable table, TrainingSample sample) {
      SegmentationSettings fitted = settings.fittedTo(table.rows().length);
      long t0 = System.nanoTime();
      SegmentationResult result = fitted.segmentation().fit(table.rows(), fitted.features());
      long millis = (System.nanoTime() - t0) / 1_000_000;
      MethodComparison comparison = null;
      if (fitted.isComparison() && result instanceof KMeansResult kmeans) {
        long t1 = System.nanoTime();
        DbscanResult dbscan = fitted.dbscan().fit(table.rows(), fitted.features());
        comparison =
            MethodComparison.of(kmeans, millis, dbscan, (System.nanoTime() - t1) / 1_000_000);
      }
      return TrainedSegmentation.of(fitted, result, comparison, sample);
    }
  }
}
