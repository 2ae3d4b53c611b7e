// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Sets each customer's recency, tenure and as-of date from the as-of date in the side input (see
 * {@link ComputeAsOfDate}), on customers from {@link ComputeCustomerFeatures}.
 */
public final class ApplyAsOfDate
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  private final PCollectionView<Long> asOfEpochDay;

  private ApplyAsOfDate(PCollectionView<Long> asOfEpochDay) {
    this.asOfEpochDay = asOfEpochDay;
  }

  public static ApplyAsOfDate create() {
    return new ApplyAsOfDate(null);
  }

  /** The as-of date as a singleton view of its epoch day. */
  public ApplyAsOfDate withAsOf(PCollectionView<Long> epochDay) {
    if (epochDay == null) {
      throw new IllegalArgumentException("the as-of view must not be null");
    }
    return new ApplyAsOfDate(epochDay);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> input) {
    if (asOfEpochDay == null) {
      throw new IllegalStateException("ApplyAsOfDate needs withAsOf(...)");
    }
    return input
        .apply(
            "SetRecencyAndTenure", ParDo.of(new AsOfFn(asOfEpochDay)).withSideInputs(asOfEpochDay))
        .setCoder(AvroCoder.of(CustomerRecord.class));
  }

  static final class AsOfFn extends DoFn<CustomerRecord, CustomerRecord> {
    private final PCollectionView<Long> asOfEpochDay;

    AsOfFn(PCollectionView<Long> asOfEpochDay) {
      this.asOfEpochDay = asOfEpochDay;
    }

    @ProcessElement
    public void process(
        @Element CustomerRecord customer, ProcessContext c, OutputReceiver<CustomerRecord> out) {
      // a copy: a DoFn must not change its input
      out.output(
          CustomerFeatures.asOf(CustomerFeatures.copyOf(customer), c.sideInput(asOfEpochDay)));
    }
  }
}
