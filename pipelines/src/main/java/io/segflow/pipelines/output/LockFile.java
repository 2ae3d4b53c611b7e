// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What a target's lock file says (one line of JSON): its holder while a run holds the lock, and the
 * holder with the run's outcome after it ended. Written and read only through this record.
 *
 * @param state {@code running} while held, then {@code published}, {@code failed} or {@code
 *     failed_checks}
 * @param target the output the lock guards (absent for a staging folder's lock)
 * @param pid the holder's process id
 * @param startedAt when the holder took the lock, UTC, to the second
 * @param command the holder's command line, secrets masked
 * @param exitCode the run's exit code, once it ended
 * @param error why the run failed, secrets masked
 * @param failedFolder where a run stopped by failed checks is kept
 * @param failedChecks the checks that failed
 * @param finishedAt when the run ended, UTC, to the second
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "state",
  "target",
  "host",
  "pid",
  "started_at",
  "command",
  "exit_code",
  "error",
  "failed_folder",
  "failed_checks",
  "finished_at"
})
public record LockFile(
    String state,
    String target,
    String host,
    Long pid,
    String startedAt,
    String command,
    Integer exitCode,
    String error,
    String failedFolder,
    List<String> failedChecks,
    String finishedAt) {
  public static final String RUNNING = "running";

  /** Lock files are one line each: compact JSON, one final line feed. */
  private static final ObjectWriter WRITER =
      OutputJson.MAPPER.writer().without(SerializationFeature.INDENT_OUTPUT);

  /** The holder of a lock just taken. */
  public static LockFile holder(
      String target, String host, long pid, String startedAt, String command) {
    return new LockFile(
        RUNNING, target, host, pid, startedAt, command, null, null, null, null, null);
  }

  /** This holder with the outcome of its run. */
  public LockFile ended(Outcome outcome, String finishedAt) {
    return new LockFile(
        outcome.state(),
        target,
        host,
        pid,
        startedAt,
        command,
        outcome.exitCode(),
        outcome.error(),
        outcome.failedFolder(),
        outcome.failedChecks(),
        finishedAt);
  }

  /** Only who holds the lock: host, pid, start and command. */
  public LockFile holderOnly() {
    return new LockFile(null, null, host, pid, startedAt, command, null, null, null, null, null);
  }

  /** Whether the file names its holder (a run writes it just after taking the lock). */
  public boolean namesHolder() {
    return pid != null;
  }

  /** Whether the last run ended without publishing (an error or failed checks). */
  public boolean failed() {
    return state != null && state.startsWith("failed");
  }

  /** The holder in a sentence, for messages. */
  public String describe() {
    if (!namesHolder()) {
      return "holder unknown";
    }
    return "pid " + pid + " on " + host + ", started " + startedAt + ": " + command;
  }

  public byte[] bytes() throws IOException {
    return (WRITER.writeValueAsString(this) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  /** The lock file {@code file}; an empty record when it is missing, unreadable or not ours. */
  public static LockFile read(Path file) {
    try {
      LockFile read = OutputJson.MAPPER.readValue(Files.readString(file), LockFile.class);
      return read == null ? empty() : read;
    } catch (IOException | RuntimeException e) {
      return empty();
    }
  }

  public static LockFile empty() {
    return new LockFile(null, null, null, null, null, null, null, null, null, null, null);
  }

  /**
   * How a run ended.
   *
   * @param state {@code published}, {@code failed} or {@code failed_checks}
   * @param error why it failed (secrets masked), null when it published
   * @param failedFolder where a run stopped by failed checks is kept
   * @param failedChecks the checks that failed
   */
  public record Outcome(
      String state, int exitCode, String error, String failedFolder, List<String> failedChecks) {}
}
