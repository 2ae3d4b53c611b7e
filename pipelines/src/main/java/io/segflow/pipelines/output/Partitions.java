// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import java.nio.file.Path;
import java.time.LocalDate;

/**
 * Runs partitioned by as-of date publish into {@code OUTPUT/as_of=yyyy-MM-dd/} (the layout Hive,
 * Spark and warehouse loaders read as a partition column), so that runs for different dates sit
 * side by side and a rerun replaces only its own date.
 */
public final class Partitions {
  public static final String AS_OF_PREFIX = "as_of=";

  /** Where a partitioned run stages before its as-of date is known (computed from the data). */
  public static final String PENDING = AS_OF_PREFIX + "pending";

  private Partitions() {}

  /** The folder a run publishes to: {@code output} itself, or its partition for {@code asOf}. */
  public static String outputFolder(String output, boolean partitioned, LocalDate asOf) {
    if (!partitioned) {
      return output;
    }
    return Path.of(output).resolve(asOf == null ? PENDING : AS_OF_PREFIX + asOf).toString();
  }
}
