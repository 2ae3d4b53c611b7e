// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.Max;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.apache.beam.sdk.values.TypeDescriptors;

/**
 * The as-of date, as a singleton view of its epoch day: the configured date, or by default the day
 * after the last invoice date among the rows given (so the most recent buyers have recency 1).
 */
public final class ComputeAsOfDate
    extends PTransform<PCollection<TransactionBlock>, PCollectionView<Long>> {
  private static final long SECONDS_PER_DAY = 86_400L;
  private final LocalDate fixed;

  private ComputeAsOfDate(LocalDate fixed) {
    this.fixed = fixed;
  }

  public static ComputeAsOfDate create() {
    return new ComputeAsOfDate(null);
  }

  /** Use this date instead of deriving it from the data (null: derive). */
  public ComputeAsOfDate withFixedDate(LocalDate date) {
    return new ComputeAsOfDate(date);
  }

  @Override
  public PCollectionView<Long> expand(PCollection<TransactionBlock> rows) {
    if (fixed != null) {
      return configured(rows.getPipeline(), fixed);
    }
    return dayAfter(
        rows.apply(
            "LastInvoiceTimeOfBlock",
            MapElements.into(TypeDescriptors.longs()).via(ComputeAsOfDate::maxTime)));
  }

  /**
   * The same date from invoice times (seconds since 1970-01-01T00:00) that include the last one,
   * such as the latest time of each block: a few elements instead of one per row or customer. The
   * epoch day comes as one element (none when there are no times and no fixed date), for a
   * transform that needs it as a side input of its own ({@link #dayView}) and hands it on.
   */
  public PTransform<PCollection<Long>, PCollection<Long>> dayFromLatestTimes() {
    LocalDate date = fixed;
    return new PTransform<>() {
      @Override
      public PCollection<Long> expand(PCollection<Long> times) {
        return date != null
            ? times.getPipeline().apply("UseConfiguredAsOf", Create.of(date.toEpochDay()))
            : times
                .apply("LastInvoiceTime", Combine.globally(Max.ofLongs()).withoutDefaults())
                .apply(
                    "DayAfterLastInvoice",
                    MapElements.into(TypeDescriptors.longs())
                        .via(t -> Math.floorDiv(t, SECONDS_PER_DAY) + 1));
      }
    };
  }

  /**
   * A singleton view of an epoch day; no day at all (no rows) gives a fixed placeholder,
   * 1970-01-01, which keeps the run deterministic: such a run has no customers and is reported as
   * "no usable rows".
   */
  public static PTransform<PCollection<Long>, PCollectionView<Long>> dayView() {
    return View.<Long>asSingleton().withDefaultValue(0L);
  }

  private static PCollectionView<Long> configured(Pipeline p, LocalDate date) {
    return p.apply("UseConfiguredAsOf", Create.of(date.toEpochDay()))
        .apply("AsOfView", View.asSingleton());
  }

  private static PCollectionView<Long> dayAfter(PCollection<Long> times) {
    return times.apply("AsOfDay", create().dayFromLatestTimes()).apply("AsOfView", dayView());
  }

  private static Long maxTime(TransactionBlock b) {
    long max = Long.MIN_VALUE;
    for (int i = 0; i < b.size(); i++) {
      max = Math.max(max, b.time(i));
    }
    return max;
  }
}
