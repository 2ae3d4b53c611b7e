// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.OutputPlan;
import io.segflow.pipelines.output.AvroParts;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.history.AddSegmentHistory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.beam.sdk.extensions.avro.io.AvroIO;
import org.apache.beam.sdk.values.PCollection;

/**
 * The run a new run takes its customers' segment history from: {@code output.previous_run}, else
 * (partitioned by as-of date) the latest earlier published partition beside the new one.
 */
public final class PreviousRun {
  private PreviousRun() {}

  /**
   * The previous run for a run publishing to {@code target}, or null. A configured folder must be a
   * finished run with customers/, else the run stops before reading any input.
   */
  public static Path find(OutputPlan output, Path target) {
    if (output.previousRun() == null) {
      return output.partitionByAsOf() ? QualityGates.earlierPartition(target) : null;
    }
    Path dir = Path.of(output.previousRun()).toAbsolutePath().normalize();
    String where = "output.previous_run (--previous-run) " + Secrets.redact(dir.toString());
    if (!Files.isRegularFile(dir.resolve(OutputPublisher.SUCCESS))) {
      throw new ConfigException(
          where
              + " is not a finished segflow run (no "
              + OutputPublisher.SUCCESS
              + "): give the output folder (or as_of= partition) of a finished run");
    }
    try {
      if (AvroParts.list(dir.resolve("customers")).isEmpty()) {
        throw new ConfigException(
            where + " has no customers/*.avro: give the output folder of a segflow run");
      }
    } catch (IOException e) {
      throw new ConfigException(where + " cannot be listed: " + e.getMessage(), e);
    }
    return dir;
  }

  /** {@code customers} with their history against the customers/ of run {@code previous}. */
  public static PCollection<CustomerRecord> addHistory(
      PCollection<CustomerRecord> customers, Path previous) {
    PCollection<CustomerRecord> before =
        customers
            .getPipeline()
            .apply(
                "ReadPreviousCustomers",
                AvroIO.read(CustomerRecord.class)
                    .from(previous.resolve("customers").resolve("*.avro").toString()));
    return customers.apply("AddSegmentHistory", AddSegmentHistory.create().withPrevious(before));
  }
}
