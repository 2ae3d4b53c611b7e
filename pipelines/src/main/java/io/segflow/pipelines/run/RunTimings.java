// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Keeps a run's clock readings in one file, {@value #FILE}, so that every other file of an output
 * is byte-identical when the same input and config are run again: a scheduler's retry of a
 * partition then leaves the files exactly as they were. The file name starts with an underscore,
 * like {@code _SUCCESS}, so warehouse loaders skip it as metadata.
 */
public final class RunTimings {
  public static final String FILE = "_timings.json";
  private static final ObjectMapper JSON =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private RunTimings() {}

  /**
   * Moves the finish time, phase timings and stage metrics out of {@code manifest}, the training
   * times out of model.json and comparison.json in {@code staging}, and writes them to {@value
   * #FILE} there; returns what it wrote.
   */
  public static ObjectNode extract(Path staging, ObjectNode manifest) throws IOException {
    ObjectNode t = JSON.createObjectNode();
    for (String key : new String[] {"finished_at", "timings_ms", "stage_metrics"}) {
      JsonNode v = manifest.remove(key);
      if (v != null) {
        t.set(key, v);
      }
    }
    Path model = staging.resolve("model.json");
    if (Files.exists(model)) {
      ObjectNode m = (ObjectNode) JSON.readTree(model.toFile());
      JsonNode training = m.remove("training_timings_ms");
      if (training != null) {
        t.set("model_training_ms", training);
        rewrite(model, m);
      }
    }
    Path comparison = staging.resolve("comparison.json");
    if (Files.exists(comparison)) {
      ObjectNode c = (ObjectNode) JSON.readTree(comparison.toFile());
      ObjectNode methods = t.putObject("comparison_training_ms");
      for (JsonNode method : c.path("methods")) {
        JsonNode ms = ((ObjectNode) method).remove("training_millis");
        if (ms != null) {
          methods.set(method.path("algorithm").asText(), ms);
        }
      }
      rewrite(comparison, c);
    }
    Files.writeString(staging.resolve(FILE), JSON.writeValueAsString(t) + "\n");
    return t;
  }

  /** The timings of a published output ({@code {}} if it has none). */
  public static JsonNode read(Path output) {
    try {
      Path file = output.resolve(FILE);
      return Files.exists(file) ? JSON.readTree(file.toFile()) : JSON.createObjectNode();
    } catch (IOException e) {
      return JSON.createObjectNode();
    }
  }

  private static void rewrite(Path file, ObjectNode json) throws IOException {
    Files.write(
        file,
        (JSON.writeValueAsString(json) + "\n").getBytes(java.nio.charset.StandardCharsets.UTF_8));
  }
}
