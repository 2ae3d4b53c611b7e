// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.report.ReportData;
import io.segflow.pipelines.run.ExitCode;
import io.segflow.pipelines.run.OutputPublisher;
import io.segflow.pipelines.run.Secrets;
import io.segflow.pipelines.run.SegflowException;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;

/**
 * A finished output folder read back for the database load and the CRM export: its as-of date
 * (manifest.json), its customers sorted by id, and its segment profiles.
 */
public record PublishedRun(
    Path dir, LocalDate asOf, List<CustomerRecord> customers, List<SegmentRecord> segments) {

  /** Reads {@code dir}; a folder without manifest.json is not a Segflow output (exit code 3). */
  public static PublishedRun read(Path dir) throws IOException {
    Path manifestFile = dir.resolve(OutputPublisher.MANIFEST);
    if (!Files.isRegularFile(manifestFile)) {
      throw new SegflowException(
          ExitCode.INPUT,
          Secrets.redact(dir.toString())
              + " is not a Segflow output folder (no "
              + OutputPublisher.MANIFEST
              + ")");
    }
    JsonNode manifest = new ObjectMapper().readTree(manifestFile.toFile());
    String asOf = manifest.path("as_of_date").asText("");
    if (asOf.isEmpty()) {
      throw new SegflowException(ExitCode.INPUT, manifestFile + " has no as_of_date");
    }
    return new PublishedRun(
        dir,
        LocalDate.parse(asOf),
        customers(dir, manifest.path("customers").asLong(-1)),
        ReportData.readSegments(dir));
  }

  /**
   * The customers of every customers/ part file, sorted by id (the order of the Avro output);
   * {@code expected} is the manifest's count (negative: unknown).
   */
  static List<CustomerRecord> customers(Path dir, long expected) throws IOException {
    List<CustomerRecord> all = new ArrayList<>();
    SortedCustomers.forEach(dir, expected, all::add);
    return all;
  }
}
