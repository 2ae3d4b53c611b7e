// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * comparison.json of a run with {@code --algorithm compare}: k-means and DBSCAN side by side, and
 * their agreement (the training times are in {@link RunTimings}).
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({"adjusted_rand_index", "note", "methods"})
public record Comparison(double adjustedRandIndex, String note, List<Method> methods) {
  public static final String FILE = "comparison.json";

  /** The comparison.json of the output folder {@code dir}, or null when it has none. */
  public static Comparison read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    return Files.exists(file) ? OutputJson.read(file, Comparison.class) : null;
  }

  /**
   * One method's segments and metrics.
   *
   * @param sizes segment id (as text) → customers
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "algorithm",
    "segments",
    "sizes",
    "noise_share",
    "silhouette",
    "calinski_harabasz",
    "davies_bouldin",
    "metrics_exclude_noise"
  })
  public record Method(
      String algorithm,
      int segments,
      Map<String, Integer> sizes,
      double noiseShare,
      double silhouette,
      double calinskiHarabasz,
      double daviesBouldin,
      boolean metricsExcludeNoise) {}
}
