// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.ClusterSpread;
import io.segflow.models.ClusterSums;
import io.segflow.models.ExactSum;
import io.segflow.models.KMeansModel;
import io.segflow.models.Segment;
import io.segflow.schemas.CustomerRecord;
import java.io.Serializable;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.transforms.windowing.BoundedWindow;
import org.apache.beam.sdk.transforms.windowing.GlobalWindow;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Measures a model that was trained on a sample on every customer, without gathering them: two
 * distributed passes over the assigned customers. The first sums, per segment, the customers and
 * their scaled features, and for k-means each customer's cost under the model (squared distance to
 * the nearest centroid); the second sums each customer's distance to its segment's mean over all
 * customers. Together they give WCSS, Calinski–Harabasz and Davies–Bouldin over all customers
 * ({@link ClusterSpread}), DBSCAN's without its noise. All sums are exact, so the numbers do not
 * depend on how a runner splits the work.
 *
 * <p>For a model trained on every customer nothing is computed (its k-scan already measured all of
 * them) and the output is empty.
 */
public final class MeasureSegmentation
    extends PTransform<PCollection<CustomerRecord>, PCollection<SegmentationQuality>> {
  private final PCollectionView<TrainedSegmentation> model;

  private MeasureSegmentation(PCollectionView<TrainedSegmentation> model) {
    this.model = model;
  }

  public static MeasureSegmentation create() {
    return new MeasureSegmentation(null);
  }

  /** The model the customers were assigned with ({@link AssignSegments}). */
  public MeasureSegmentation withModel(PCollectionView<TrainedSegmentation> model) {
    if (model == null) {
      throw new IllegalArgumentException("the model view must not be null");
    }
    return new MeasureSegmentation(model);
  }

  @Override
  public PCollection<SegmentationQuality> expand(PCollection<CustomerRecord> assigned) {
    if (model == null) {
      throw new IllegalStateException("MeasureSegmentation needs withModel(...)");
    }
    PCollectionView<FirstPass> first =
        assigned
            .apply("SumSegmentFeatures", ParDo.of(new FirstPassFn(model)).withSideInputs(model))
            .setCoder(SerializableCoder.of(FirstPass.class))
            .apply("MergeSegmentSums", Combine.globally(FirstPass::union).withoutDefaults())
            .apply("SegmentSumsView", View.asSingleton());
    return assigned
        .apply(
            "SumDistancesToMeans",
            ParDo.of(new SpreadFn(model, first)).withSideInputs(model, first))
        .setCoder(SerializableCoder.of(ClusterSpread.class))
        .apply("MergeSegmentSpreads", Combine.globally(ClusterSpread::union).withoutDefaults())
        .apply("ComputeQuality", ParDo.of(new QualityFn(first)).withSideInputs(first))
        .setCoder(SerializableCoder.of(SegmentationQuality.class));
  }

  /** The first pass's sums. */
  static final class FirstPass implements Serializable {
    private static final long serialVersionUID = 1L;
    final ClusterSums sums;
    final ExactSum modelCost = new ExactSum();
    long customers;
    long noise;
    boolean kmeans;

    FirstPass(int dimension) {
      sums = new ClusterSums(dimension);
    }

    static FirstPass union(FirstPass a, FirstPass b) {
      FirstPass out = new FirstPass(a.sums.dimension());
      for (FirstPass p : new FirstPass[] {a, b}) {
        out.sums.merge(p.sums);
        out.modelCost.merge(p.modelCost);
        out.customers += p.customers;
        out.noise += p.noise;
        out.kmeans |= p.kmeans;
      }
      return out;
    }
  }

  /**
   * Folds each bundle into one partial result that a plain combine then merges: combiner lifting by
   * hand, because a combine that reads a side input is not lifted on the DirectRunner (it would
   * gather every customer under one key).
   */
  abstract static class FoldBundleFn<A> extends DoFn<CustomerRecord, A> {
    private transient A partial;

    @StartBundle
    public void startBundle() {
      partial = null;
    }

    @ProcessElement
    public void process(@Element CustomerRecord customer, ProcessContext c) {
      TrainedSegmentation trained = c.sideInput(modelView());
      if (trained.sampled()) {
        partial = fold(partial, trained, customer, c);
      }
    }

    @FinishBundle
    public void finishBundle(FinishBundleContext c) {
      if (partial != null) {
        c.output(partial, BoundedWindow.TIMESTAMP_MIN_VALUE, GlobalWindow.INSTANCE);
        partial = null;
      }
    }

    abstract PCollectionView<TrainedSegmentation> modelView();

    /** Adds one customer to {@code partial} (null: the bundle's first) and returns it. */
    abstract A fold(
        A partial, TrainedSegmentation trained, CustomerRecord customer, ProcessContext c);

    /** The customer's segment and scaled features, or null for DBSCAN noise. */
    static double[] scaled(TrainedSegmentation trained, CustomerRecord customer) {
      if (trained.dbscanReport() != null && customer.getSegmentId() == Segment.NOISE_ID) {
        return null;
      }
      return trained.model().preprocessor().apply(trained.settings().vector(customer));
    }
  }

  static final class FirstPassFn extends FoldBundleFn<FirstPass> {
    private final PCollectionView<TrainedSegmentation> model;

    FirstPassFn(PCollectionView<TrainedSegmentation> model) {
      this.model = model;
    }

    @Override
    PCollectionView<TrainedSegmentation> modelView() {
      return model;
    }

    @Override
    FirstPass fold(
        FirstPass partial, TrainedSegmentation trained, CustomerRecord customer, ProcessContext c) {
      FirstPass p = partial != null ? partial : new FirstPass(trained.settings().features().size());
      p.customers++;
      double[] x = scaled(trained, customer);
      if (x == null) {
        p.noise++;
        return p;
      }
      p.sums.add(customer.getSegmentId(), x);
      if (trained.model() instanceof KMeansModel kmeans) {
        p.kmeans = true;
        p.modelCost.add(kmeans.cost(trained.settings().vector(customer)));
      }
      return p;
    }
  }

  static final class SpreadFn extends FoldBundleFn<ClusterSpread> {
    private final PCollectionView<TrainedSegmentation> model;
    private final PCollectionView<FirstPass> first;

    SpreadFn(PCollectionView<TrainedSegmentation> model, PCollectionView<FirstPass> first) {
      this.model = model;
      this.first = first;
    }

    @Override
    PCollectionView<TrainedSegmentation> modelView() {
      return model;
    }

    @Override
    ClusterSpread fold(
        ClusterSpread partial,
        TrainedSegmentation trained,
        CustomerRecord customer,
        ProcessContext c) {
      ClusterSpread p = partial != null ? partial : new ClusterSpread(c.sideInput(first).sums);
      double[] x = scaled(trained, customer);
      if (x != null) {
        p.add(customer.getSegmentId(), x);
      }
      return p;
    }
  }

  static final class QualityFn extends DoFn<ClusterSpread, SegmentationQuality> {
    private final PCollectionView<FirstPass> first;

    QualityFn(PCollectionView<FirstPass> first) {
      this.first = first;
    }

    @ProcessElement
    public void process(@Element ClusterSpread spread, ProcessContext c) {
      FirstPass f = c.sideInput(first);
      double cost = f.kmeans ? f.modelCost.value() : Double.NaN;
      c.output(
          new SegmentationQuality(
              f.customers,
              f.noise,
              f.sums.sizes(),
              cost,
              spread.wcss(),
              spread.calinskiHarabasz(),
              spread.daviesBouldin()));
    }
  }
}
