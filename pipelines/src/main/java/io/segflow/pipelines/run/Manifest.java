// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.Versions;
import io.segflow.pipelines.config.RunPlan;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.transforms.write.CountRows;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.options.PipelineOptions;

/** Builds a run's {@link RunManifest} from what the run found, counted and wrote. */
final class Manifest {
  private Manifest() {}

  /**
   * @param inputTable the JDBC source (null for files)
   * @param inputModel the file input's columns and features (null for a table)
   * @param previousRun where the segment history came from (null without one)
   */
  static RunManifest build(
      RunPlan plan,
      PipelineOptions options,
      List<InputInspector.InputFile> files,
      int customerShards,
      SegflowRun.Counts counts,
      List<String> outputs,
      JsonNode inputTable,
      JsonNode inputModel,
      Path previousRun) {
    Long asOf = counts.values().get(CountRows.AS_OF_EPOCH_DAY);
    return new RunManifest(
        RunManifest.TOOL,
        1,
        RunManifest.COMPLETE,
        options.getRunner().getSimpleName(),
        files.stream()
            .map(
                f ->
                    new RunManifest.InputFile(
                        Secrets.redact(f.path()),
                        f.sizeBytes(),
                        f.compressed(),
                        f.header() == null))
            .toList(),
        new RunManifest.Rows(
            counts.rowsRead(),
            counts.rowsUsed(),
            counts.rowsRejected(),
            counts.values().get(CountRows.RETURNS_NETTED),
            counts.rejectedByReason()),
        counts.customers(),
        asOf == null ? null : LocalDate.ofEpochDay(asOf).toString(),
        customerShards,
        List.copyOf(outputs),
        plan.recordedConfig(),
        Versions.all(),
        inputTable,
        inputModel,
        previousRun == null ? null : Secrets.redact(previousRun.toString()),
        null);
  }
}
