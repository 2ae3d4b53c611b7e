// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
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
      return rows.getPipeline()
          .apply("UseConfiguredAsOf", Create.of(fixed.toEpochDay()))
          .apply("AsOfView", View.asSingleton());
    }
    return rows
        .apply("LastInvoiceTimeOfBlock", MapElements.into(TypeDescriptors.longs())
            .via(ComputeAsOfDate::maxTime))
        .apply("LastInvoiceTime", Combine.globally(Max.ofLongs()).withoutDefaults())
        .apply("DayAfterLastInvoice", MapElements.into(TypeDescriptors.longs())
            .via(t -> Math.floorDiv(t, SECONDS_PER_DAY) + 1))
        // No rows at all: a fixed placeholder (1970-01-01) keeps the run deterministic; such a run
        // has no customers and is reported as "no usable rows".
        .apply("AsOfView", View.<Long>asSingleton().withDefaultValue(0L));
  }

  private static Long maxTime(TransactionBlock b) {
    long max = Long.MIN_VALUE;
    for (int i = 0; i < b.size(); i++) {
      max = Math.max(max, b.time(i));
    }
    return max;
  }
}
