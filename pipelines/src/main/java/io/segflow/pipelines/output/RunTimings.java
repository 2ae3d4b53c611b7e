// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * {@value #FILE}: a run's clock readings, kept out of every other file of an output so that those
 * are byte-identical when the same input and config are run again: a scheduler's retry of a
 * partition then leaves the files exactly as they were. The file name starts with an underscore,
 * like {@code _SUCCESS}, so warehouse loaders skip it as metadata.
 *
 * @param finishedAt when the run finished, UTC, to the second
 * @param timingsMs wall-clock milliseconds per phase of the run, and {@code total}
 * @param stageMetrics the pipeline's Beam counters of namespace "segflow"
 * @param modelTrainingMs milliseconds per training phase, for a run that trained a model
 * @param comparisonTrainingMs training milliseconds per algorithm, for a comparison run
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "finished_at",
  "timings_ms",
  "stage_metrics",
  "model_training_ms",
  "comparison_training_ms"
})
public record RunTimings(
    String finishedAt,
    Map<String, Long> timingsMs,
    Map<String, Long> stageMetrics,
    Map<String, Long> modelTrainingMs,
    Map<String, Long> comparisonTrainingMs) {
  public static final String FILE = "_timings.json";

  private static final RunTimings NONE = new RunTimings(null, null, null, null, null);

  /** Milliseconds of phase {@code phase}, or 0 when not recorded. */
  public long phaseMillis(String phase) {
    return timingsMs == null ? 0 : timingsMs.getOrDefault(phase, 0L);
  }

  public void write(Path output) throws IOException {
    OutputJson.write(output.resolve(FILE), this);
  }

  /** The timings of an output (none recorded if it has no readable {@value #FILE}). */
  public static RunTimings read(Path output) {
    try {
      Path file = output.resolve(FILE);
      return Files.exists(file) ? OutputJson.read(file, RunTimings.class) : NONE;
    } catch (IOException e) {
      return NONE;
    }
  }

  /**
   * What the model-writing step measured while training, handed to the run through its work folder
   * ({@value #FILE_NAME}) and written into {@value RunTimings#FILE} once.
   *
   * @param model milliseconds per training phase
   * @param comparison training milliseconds per algorithm, for a comparison run
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record Training(Map<String, Long> model, Map<String, Long> comparison) {
    public static final String FILE_NAME = "training_ms.json";

    /** The training times left in {@code workDir}, or none. */
    public static Training read(Path workDir) throws IOException {
      Path file = workDir.resolve(FILE_NAME);
      return Files.exists(file) ? OutputJson.read(file, Training.class) : new Training(null, null);
    }
  }
}
