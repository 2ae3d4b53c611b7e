// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * manifest.json of a run: what was read, used and rejected (the counts add up), the as-of date, the
 * outputs, the effective config and the versions. It holds no clock reading ({@link RunTimings} has
 * those), so it is byte-identical when the same input and config are run again.
 *
 * @param tool always {@value #TOOL}: how a folder is recognised as a Segflow output
 * @param status {@code complete}, or {@code failed_checks} for a run kept after failed gates
 * @param runner the Beam runner's simple class name
 * @param asOfDate yyyy-MM-dd, null when no row was used (written as null)
 * @param config the effective config, secrets masked
 * @param inputTable the JDBC source, for a run that read a table
 * @param inputModel the columns and features a file input had, for a run that read files
 * @param historyFrom the earlier run the segment history came from, if any
 * @param checks the quality gates and their results, if any were configured
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "tool",
  "manifest_version",
  "status",
  "runner",
  "input_files",
  "rows",
  "customers",
  "as_of_date",
  "customer_shards",
  "outputs",
  "config",
  "versions",
  "input_table",
  "input_model",
  "history_from",
  "checks"
})
public record RunManifest(
    String tool,
    int manifestVersion,
    String status,
    String runner,
    List<InputFile> inputFiles,
    Rows rows,
    Long customers,
    @JsonInclude(JsonInclude.Include.ALWAYS) String asOfDate,
    int customerShards,
    List<String> outputs,
    JsonNode config,
    Map<String, String> versions,
    JsonNode inputTable,
    InputModel inputModel,
    String historyFrom,
    JsonNode checks) {
  public static final String FILE = "manifest.json";
  public static final String TOOL = "segflow";
  public static final String COMPLETE = "complete";
  public static final String FAILED_CHECKS = "failed_checks";

  /** One input file as the run found it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"path", "size_bytes", "compressed", "empty"})
  public record InputFile(String path, long sizeBytes, boolean compressed, boolean empty) {}

  /**
   * How the input files were read, decided from their headers.
   *
   * @param columns logical column key → the header it is read from, in the logical columns' order
   * @param notes what stands in for absent optional columns
   * @param absentFeatures feature → why the input cannot give it
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"columns", "notes", "absent_features"})
  public record InputModel(
      Map<String, String> columns, List<String> notes, Map<String, String> absentFeatures) {
    public InputModel {
      columns = columns == null ? Map.of() : columns;
      notes = notes == null ? List.of() : notes;
      absentFeatures = absentFeatures == null ? Map.of() : absentFeatures;
    }
  }

  /**
   * The row counts: read = used + rejected.
   *
   * @param returnsNetted returns netted against their purchases, when returns were netted
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"read", "used", "rejected", "returns_netted", "rejected_by_reason"})
  public record Rows(
      long read, long used, long rejected, Long returnsNetted, Map<String, Long> rejectedByReason) {
    public Rows {
      rejectedByReason = rejectedByReason == null ? Map.of() : rejectedByReason;
    }
  }

  public RunManifest withStatus(String newStatus) {
    return new RunManifest(
        tool,
        manifestVersion,
        newStatus,
        runner,
        inputFiles,
        rows,
        customers,
        asOfDate,
        customerShards,
        outputs,
        config,
        versions,
        inputTable,
        inputModel,
        historyFrom,
        checks);
  }

  public RunManifest withChecks(JsonNode newChecks) {
    return new RunManifest(
        tool,
        manifestVersion,
        status,
        runner,
        inputFiles,
        rows,
        customers,
        asOfDate,
        customerShards,
        outputs,
        config,
        versions,
        inputTable,
        inputModel,
        historyFrom,
        newChecks);
  }

  /** The manifest of the output folder {@code dir}. */
  public static RunManifest read(Path dir) throws IOException {
    return OutputJson.read(dir.resolve(FILE), RunManifest.class);
  }

  /**
   * Whether {@code dir} holds a Segflow output: its manifest.json parses and names {@value #TOOL}
   * as its tool (a migration's manifest does too).
   */
  public static boolean isSegflowOutput(Path dir) {
    Path file = dir.resolve(FILE);
    if (!Files.isRegularFile(file)) {
      return false;
    }
    try {
      return TOOL.equals(OutputJson.read(file, Tool.class).tool());
    } catch (IOException notOurs) {
      return false; // unreadable, not JSON or not an object: not an output this program wrote
    }
  }

  /** The one field every Segflow manifest (of a run or a migration) has. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  private record Tool(String tool) {}

  /** {@code asOfDate} as a date, or null. */
  public java.time.LocalDate asOf() {
    return asOfDate == null || asOfDate.isEmpty() ? null : java.time.LocalDate.parse(asOfDate);
  }
}
