// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.history;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.features.CustomerFeatures;
import java.time.LocalDate;
import java.util.Iterator;
import java.util.Objects;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.WithKeys;
import org.apache.beam.sdk.transforms.join.CoGbkResult;
import org.apache.beam.sdk.transforms.join.CoGroupByKey;
import org.apache.beam.sdk.transforms.join.KeyedPCollectionTuple;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TupleTag;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * Fills in each customer's segment history from the previous run's customers: the previous model
 * and RFM segments, whether they changed, and since which as-of date the customer has been in its
 * current segments. A join by customer id (CoGroupByKey), so the previous run may be as large as
 * the new one. Customers of the previous run that are not in the new one are dropped here (see the
 * migrate command's moves for those).
 */
public final class AddSegmentHistory
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  private final transient PCollection<CustomerRecord> previous;

  private AddSegmentHistory(PCollection<CustomerRecord> previous) {
    this.previous = previous;
  }

  public static AddSegmentHistory create() {
    return new AddSegmentHistory(null);
  }

  /** The previous run's customers, with their segments (and history, if it had one). */
  public AddSegmentHistory withPrevious(PCollection<CustomerRecord> previous) {
    return new AddSegmentHistory(previous);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    Objects.requireNonNull(previous, "AddSegmentHistory needs withPrevious(...)");
    TupleTag<CustomerRecord> now = new TupleTag<>();
    TupleTag<CustomerRecord> before = new TupleTag<>();
    return KeyedPCollectionTuple.of(now, byId(customers, "KeyNew"))
        .and(before, byId(previous, "KeyPrevious"))
        .apply("JoinById", CoGroupByKey.create())
        .apply("FillHistory", ParDo.of(new FillHistory(now, before)))
        .setCoder(customers.getCoder());
  }

  private static PCollection<KV<String, CustomerRecord>> byId(
      PCollection<CustomerRecord> c, String name) {
    return c.apply(
        name,
        WithKeys.<String, CustomerRecord>of(r -> r.getCustomerId())
            .withKeyType(TypeDescriptors.strings()));
  }

  /**
   * Customer {@code now} with its history against its record {@code before} in the previous run
   * (null: a new customer). A segment unchanged keeps its start date (the previous run's as-of date
   * when that run had no history); a changed segment, or a new customer, starts at this as-of date.
   */
  public static CustomerRecord withHistory(CustomerRecord now, CustomerRecord before) {
    CustomerRecord out = CustomerFeatures.copyOf(now);
    LocalDate asOf = now.getAsOfDate();
    if (before == null) {
      out.setSegmentSince(asOf);
      out.setRfmSegmentSince(asOf);
      return out;
    }
    boolean segmentChanged = !Objects.equals(now.getSegmentId(), before.getSegmentId());
    boolean rfmChanged = !Objects.equals(now.getRfmSegment(), before.getRfmSegment());
    out.setPreviousSegmentId(before.getSegmentId());
    out.setPreviousRfmSegment(before.getRfmSegment());
    out.setSegmentChanged(segmentChanged);
    out.setRfmSegmentChanged(rfmChanged);
    out.setSegmentSince(
        segmentChanged ? asOf : orElse(before.getSegmentSince(), before.getAsOfDate()));
    out.setRfmSegmentSince(
        rfmChanged ? asOf : orElse(before.getRfmSegmentSince(), before.getAsOfDate()));
    return out;
  }

  private static LocalDate orElse(LocalDate value, LocalDate fallback) {
    return value != null ? value : fallback;
  }

  private static final class FillHistory extends DoFn<KV<String, CoGbkResult>, CustomerRecord> {
    private final TupleTag<CustomerRecord> now;
    private final TupleTag<CustomerRecord> before;

    FillHistory(TupleTag<CustomerRecord> now, TupleTag<CustomerRecord> before) {
      this.now = now;
      this.before = before;
    }

    @ProcessElement
    public void process(
        @Element KV<String, CoGbkResult> joined, OutputReceiver<CustomerRecord> out) {
      Iterator<CustomerRecord> previous = joined.getValue().getAll(before).iterator();
      CustomerRecord last = previous.hasNext() ? previous.next() : null;
      for (CustomerRecord c : joined.getValue().getAll(now)) {
        out.output(withHistory(c, last));
      }
    }
  }
}
