// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.SegmentAssigner;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.rows.LiveCounters;
import io.segflow.transforms.rows.StageMetrics;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Gives every customer its segment id and name from the trained model (a side input), in parallel
 * over customers: the nearest centroid (k-means) or the segment of the nearest core point within
 * eps, else the outliers segment (DBSCAN), in the model's scaled space.
 */
public final class AssignSegments
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  /** The counter of customers given a segment (live per customer, in Beam's metrics per bundle). */
  public static final String CUSTOMERS_ASSIGNED = "customers_assigned";

  /**
   * The stage metric ({@code assign_millis}): time spent giving customers their segment, summed
   * over the pipeline's threads (the work per customer, not the time its output spends downstream).
   */
  public static final String ASSIGN_MILLIS = "assign_millis";

  private final PCollectionView<TrainedSegmentation> model;

  private AssignSegments(PCollectionView<TrainedSegmentation> model) {
    this.model = model;
  }

  public static AssignSegments create() {
    return new AssignSegments(null);
  }

  public AssignSegments withModel(PCollectionView<TrainedSegmentation> model) {
    if (model == null) {
      throw new IllegalArgumentException("the model view must not be null");
    }
    return new AssignSegments(model);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    if (model == null) {
      throw new IllegalStateException("AssignSegments needs withModel(...)");
    }
    return customers
        .apply("AssignNearestSegment", ParDo.of(new AssignFn(model)).withSideInputs(model))
        .setCoder(AvroCoder.specific(CustomerRecord.class));
  }

  static final class AssignFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<TrainedSegmentation> view;
    private transient long assignedInBundle;
    private transient long nanos; // assignment time not yet counted (less than a millisecond kept)

    AssignFn(PCollectionView<TrainedSegmentation> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord customer, ProcessContext c, OutputReceiver<CustomerRecord> out) {
      long start = System.nanoTime();
      TrainedSegmentation trained = c.sideInput(view);
      SegmentAssigner m = trained.model();
      int id = m.assign(trained.settings().vector(customer));
      CustomerRecord assigned = CustomerFeatures.copyOf(customer);
      assigned.setSegmentId(id);
      assigned.setSegmentName(m.segment(id).name());
      nanos += System.nanoTime() - start;
      out.output(assigned);
      LiveCounters.add(CUSTOMERS_ASSIGNED, 1);
      assignedInBundle++;
    }

    @FinishBundle
    public void finishBundle() {
      Metrics.counter(StageMetrics.NAMESPACE, CUSTOMERS_ASSIGNED).inc(assignedInBundle);
      assignedInBundle = 0;
      StageMetrics.count(ASSIGN_MILLIS, nanos / 1_000_000);
      nanos %= 1_000_000;
    }
  }
}
