// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.time.Duration;

/**
 * The {@code output} section checked: where and how a run publishes.
 *
 * @param shards part files per large output; 0 until chosen from the input size
 * @param previousRun the configured run to take segment history from, or null
 * @param database the PostgreSQL tables the published run is loaded into, or null
 * @param progress whether progress lines are printed while the pipeline runs
 */
public record OutputPlan(
    String path,
    int shards,
    boolean overwrite,
    boolean report,
    boolean partitionByAsOf,
    String previousRun,
    boolean crmCsv,
    DatabaseOutput database,
    boolean progress,
    Duration waitForLock) {

  /** The same output with {@code shards} part files per large output. */
  public OutputPlan withShards(int shards) {
    return new OutputPlan(
        path,
        shards,
        overwrite,
        report,
        partitionByAsOf,
        previousRun,
        crmCsv,
        database,
        progress,
        waitForLock);
  }

  /**
   * The output section, checked.
   *
   * @throws ConfigException naming the key of the first bad value
   */
  public static OutputPlan of(SegflowConfig.Output o) {
    if (o.path == null || o.path.isBlank()) {
      throw new ConfigException(
          "no output folder: give --output DIR (or output.path in the config)");
    }
    if (o.shards < 0 || o.shards > 10_000) {
      throw new ConfigException(
          "output.shards must be between 0 (automatic) and 10,000, got " + o.shards);
    }
    return new OutputPlan(
        o.path,
        o.shards,
        o.overwrite,
        o.report,
        o.partitionByAsOf,
        o.previousRun == null || o.previousRun.isBlank() ? null : o.previousRun,
        o.crmCsv,
        o.database == null ? null : DatabaseOutput.of(o.database),
        o.progress,
        Durations.parse("output.wait_for_lock", o.waitForLock));
  }
}
