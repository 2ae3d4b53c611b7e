// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.Versions;
import io.segflow.pipelines.config.ConfigLoader;
import io.segflow.pipelines.config.SegflowConfig;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.options.PipelineOptions;

/**
 * manifest.json: what was read, used and rejected (the counts add up), the as-of date, the outputs,
 * timings, the effective config and the versions. The only file of an output with times of day in
 * it; the data files are byte-identical from run to run.
 */
final class Manifest {
  private static final ObjectMapper JSON = new ObjectMapper();

  private Manifest() {}

  static ObjectNode build(
      SegflowConfig config,
      PipelineOptions options,
      List<InputInspector.InputFile> files,
      int customerShards,
      SegflowRun.Counts counts,
      List<String> outputs,
      Map<String, Long> timings,
      Map<String, Long> stageCounters) {
    ObjectNode m = JSON.createObjectNode();
    m.put("tool", "segflow");
    m.put("manifest_version", 1);
    m.put("status", "complete");
    m.put("runner", options.getRunner().getSimpleName());
    m.put(
        "finished_at",
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString());
    ArrayNode inputs = m.putArray("input_files");
    for (InputInspector.InputFile f : files) {
      ObjectNode n = inputs.addObject();
      n.put("path", Secrets.redact(f.path()));
      n.put("size_bytes", f.sizeBytes());
      n.put("compressed", f.compressed());
      n.put("empty", f.header() == null);
    }
    ObjectNode rows = m.putObject("rows");
    rows.put("read", counts.rowsRead());
    rows.put("used", counts.rowsUsed());
    rows.put("rejected", counts.rowsRejected());
    Long netted = counts.values().get(io.segflow.transforms.write.CountRows.RETURNS_NETTED);
    if (netted != null) {
      rows.put("returns_netted", netted);
    }
    ObjectNode byReason = rows.putObject("rejected_by_reason");
    counts.rejectedByReason().forEach(byReason::put);
    m.put("customers", counts.customers());
    Long asOf = counts.values().get(io.segflow.transforms.write.CountRows.AS_OF_EPOCH_DAY);
    m.put("as_of_date", asOf == null ? null : LocalDate.ofEpochDay(asOf).toString());
    m.put("customer_shards", customerShards);
    ArrayNode out = m.putArray("outputs");
    outputs.forEach(out::add);
    ObjectNode t = m.putObject("timings_ms");
    timings.forEach(t::put);
    ObjectNode stages = m.putObject("stage_metrics");
    stageCounters.forEach(stages::put);
    m.set("config", Secrets.redact(ConfigLoader.toTree(config)));
    ObjectNode versions = m.putObject("versions");
    Versions.all().forEach(versions::put);
    return m;
  }
}
