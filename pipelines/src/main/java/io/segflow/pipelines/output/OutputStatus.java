// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * What {@code segflow status --json} prints for an output target: its state, who holds its lock or
 * how the last run ended, a summary of the published run, and (for a partitioned root) the same for
 * each partition.
 *
 * @param target the target's absolute path, secrets masked
 * @param holder while {@code running}: who holds the lock
 * @param lastRun the lock file's record of the last run, when not running
 * @param state {@code running}, {@code failed}, {@code published}, {@code absent} or {@code
 *     partitioned}
 * @param published the published run, when there is one
 * @param partitions the as_of= partitions of a partitioned root, in date order
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"target", "holder", "last_run", "state", "published", "partitions"})
public record OutputStatus(
    String target,
    LockFile holder,
    LockFile lastRun,
    String state,
    Published published,
    List<OutputStatus> partitions) {
  public static final String RUNNING = "running";
  public static final String FAILED = "failed";
  public static final String PUBLISHED = "published";
  public static final String ABSENT = "absent";
  public static final String PARTITIONED = "partitioned";

  /** As printed by {@code segflow status --json}: indented, without a final line feed. */
  public String json() throws IOException {
    return OutputJson.MAPPER.writeValueAsString(this);
  }

  public static OutputStatus parse(String json) throws IOException {
    return OutputJson.MAPPER.readValue(json, OutputStatus.class);
  }

  /**
   * The published run as a scheduler or a human asks of it: as-of date, counts, timings and checks;
   * or only {@code error} when its manifest cannot be read.
   *
   * @param asOfDate yyyy-MM-dd, JSON null when no row was used; absent (Java null) with {@code
   *     error}
   * @param finishedAt from the run's timings
   * @param timingsMs from the run's timings
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "error",
    "status",
    "as_of_date",
    "finished_at",
    "rows",
    "customers",
    "timings_ms",
    "checks"
  })
  public record Published(
      String error,
      String status,
      JsonNode asOfDate,
      String finishedAt,
      RunManifest.Rows rows,
      Long customers,
      Map<String, Long> timingsMs,
      JsonNode checks) {

    /** The summary of a run's manifest and timings. */
    public static Published of(RunManifest m, RunTimings t) {
      return new Published(
          null,
          m.status(),
          m.asOfDate() == null ? NullNode.getInstance() : TextNode.valueOf(m.asOfDate()),
          t.finishedAt(),
          m.rows(),
          m.customers(),
          t.timingsMs(),
          m.checks());
    }

    /** A manifest that could not be read. */
    public static Published unreadable(String error) {
      return new Published(error, null, null, null, null, null, null, null);
    }

    /** The as-of date as written, or null. */
    public String asOf() {
      return asOfDate == null || asOfDate.isNull() ? null : asOfDate.asText();
    }

    /** Milliseconds of phase {@code phase}, or 0 when not recorded. */
    public long phaseMillis(String phase) {
      return timingsMs == null ? 0 : timingsMs.getOrDefault(phase, 0L);
    }
  }
}
