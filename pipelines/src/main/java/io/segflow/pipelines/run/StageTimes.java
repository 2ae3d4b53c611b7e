// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.transforms.rows.StageMetrics;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.metrics.MetricNameFilter;
import org.apache.beam.sdk.metrics.MetricQueryResults;
import org.apache.beam.sdk.metrics.MetricResult;
import org.apache.beam.sdk.metrics.MetricsFilter;

/** The pipeline's Beam counters of namespace "segflow" (stage times, progress counts). */
final class StageTimes {
  private StageTimes() {}

  static Map<String, Long> from(PipelineResult result) {
    Map<String, Long> out = new TreeMap<>();
    try {
      MetricQueryResults q =
          result
              .metrics()
              .queryMetrics(
                  MetricsFilter.builder()
                      .addNameFilter(MetricNameFilter.inNamespace(StageMetrics.NAMESPACE))
                      .build());
      for (MetricResult<Long> c : q.getCounters()) {
        out.merge(c.getName().getName(), c.getAttempted(), Long::sum);
      }
    } catch (UnsupportedOperationException e) {
      // A runner without metrics: the manifest simply has no stage times.
    }
    return out;
  }
}
