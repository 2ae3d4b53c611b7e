// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import org.apache.beam.sdk.metrics.Metrics;
import org.apache.beam.sdk.transforms.DoFn;

/**
 * Emits a row-level stage's two outputs and counts them in Beam metrics (namespace {@value
 * #NAMESPACE}): {@code rejected_<reason>} per reason, {@code <stage>_rows_out} and {@code
 * <stage>_millis} (processing time summed over blocks). The metrics drive progress and per-stage
 * timings; the manifest's counts are computed from the data itself.
 */
public final class StageMetrics {
  public static final String NAMESPACE = "segflow";

  private StageMetrics() {}

  public static void emit(
      String stage,
      TransactionBlock rows,
      RejectedBlock rejected,
      DoFn.MultiOutputReceiver out,
      long startNanos) {
    if (!rows.isEmpty()) {
      out.get(RowTags.ROWS).output(rows);
    }
    if (!rejected.isEmpty()) {
      out.get(RowTags.REJECTED).output(rejected);
    }
    countRejected(rejected);
    count(stage + "_rows_out", rows.size());
    timed(stage, startNanos);
  }

  /**
   * Adds {@code n} to counter {@code name}: a Beam counter and its live copy ({@link
   * LiveCounters}).
   */
  public static void count(String name, long n) {
    Metrics.counter(NAMESPACE, name).inc(n);
    LiveCounters.add(name, n);
  }

  public static void countRejected(RejectedBlock rejected) {
    rejected.countByReason().forEach((reason, n) -> count("rejected_" + reason, n));
  }

  public static void timed(String stage, long startNanos) {
    count(stage + "_millis", (System.nanoTime() - startNanos) / 1_000_000);
  }
}
