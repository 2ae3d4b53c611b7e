// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.output.AvroParts;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The customers of one published run with both of their segments, read from its customers/ part
 * files. Only a folder with {@code _SUCCESS} counts as published: anything else may be
 * half-written.
 *
 * @param dir the run folder, absolute
 * @param where the flag and folder, to name the run in messages
 * @param asOfDate the run's as-of date (manifest.json, else the customers' own)
 * @param customers customer id → segments, in file order
 */
public record RunCustomers(
    Path dir, String where, LocalDate asOfDate, Map<String, Segments> customers) {

  /** One customer's segments; any may be null (a run made without segmentation has none). */
  public record Segments(Integer segmentId, String segmentName, String rfmSegment) {}

  /**
   * Reads a run folder; {@code flag} names it in messages (e.g. "--from"); {@code published}: it
   * must have {@code _SUCCESS} (false only for a run's own staging folder, read before it
   * publishes).
   */
  public static RunCustomers read(Path dir, String flag, boolean published) {
    Path abs = dir.toAbsolutePath().normalize();
    String where = flag + " " + Secrets.redact(abs.toString());
    if (!Files.isDirectory(abs)) {
      throw new SegflowException(
          ExitCode.INPUT,
          where
              + (Files.exists(abs) ? " is a file" : " does not exist")
              + ": give the output folder of a finished segflow run");
    }
    if (published && !Files.isRegularFile(abs.resolve(OutputPublisher.SUCCESS))) {
      throw new SegflowException(
          ExitCode.INPUT,
          where
              + " has no "
              + OutputPublisher.SUCCESS
              + ": the run did not finish (or is still being written), so its files may be incomplete; "
              + "rerun it or pick a finished run folder");
    }
    List<Path> parts = parts(abs.resolve("customers"));
    if (parts.isEmpty()) {
      throw new SegflowException(
          ExitCode.INPUT,
          where + " has no customers/*.avro: it is not the " + "output folder of a segflow run");
    }
    Map<String, Segments> customers = new LinkedHashMap<>();
    LocalDate customersAsOf = null;
    for (Path part : parts) {
      try (DataFileReader<CustomerRecord> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
        CustomerRecord c = null;
        while (reader.hasNext()) {
          c = reader.next(c);
          Segments s = new Segments(c.getSegmentId(), c.getSegmentName(), c.getRfmSegment());
          if (customers.put(c.getCustomerId(), s) != null) {
            throw new SegflowException(
                ExitCode.INPUT,
                where + ": customer " + c.getCustomerId() + " appears twice in customers/");
          }
          customersAsOf = customersAsOf == null ? c.getAsOfDate() : customersAsOf;
        }
      } catch (IOException e) {
        throw new SegflowException(
            ExitCode.INPUT,
            where + ": cannot read " + abs.relativize(part) + ": " + e.getMessage(),
            e);
      }
    }
    LocalDate asOf = manifestAsOf(abs, where);
    if (asOf == null) {
      asOf = customersAsOf;
    }
    if (asOf == null) {
      throw new SegflowException(
          ExitCode.INPUT,
          where
              + " has no as_of_date in manifest.json and no "
              + "customers: it is not the output folder of a segflow run");
    }
    return new RunCustomers(abs, where, asOf, Collections.unmodifiableMap(customers));
  }

  private static LocalDate manifestAsOf(Path dir, String where) {
    if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
      return null;
    }
    try {
      return RunManifest.read(dir).asOf();
    } catch (IOException | DateTimeParseException e) {
      throw new SegflowException(
          ExitCode.INPUT, where + ": " + RunManifest.FILE + " is unreadable: " + e.getMessage(), e);
    }
  }

  /** The file's JSON, or a missing node when there is no such file. */
  static JsonNode json(Path file, String where) {
    if (!Files.isRegularFile(file)) {
      return com.fasterxml.jackson.databind.node.MissingNode.getInstance();
    }
    try {
      return new ObjectMapper().readTree(file.toFile());
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          where + ": " + file.getFileName() + " is unreadable: " + e.getMessage(),
          e);
    }
  }

  private static List<Path> parts(Path folder) {
    try {
      return AvroParts.list(folder);
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          "cannot list " + Secrets.redact(folder.toString()) + ": " + e.getMessage(),
          e);
    }
  }
}
