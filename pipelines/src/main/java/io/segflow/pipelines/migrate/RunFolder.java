// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.run.AvroParts;
import io.segflow.pipelines.run.ExitCode;
import io.segflow.pipelines.run.OutputPublisher;
import io.segflow.pipelines.run.Secrets;
import io.segflow.pipelines.run.SegflowException;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The customers' segments of one published run, read from its customers/ part files. Only a folder
 * with {@code _SUCCESS} counts as published: anything else may be half-written.
 *
 * @param dir the run folder, absolute
 * @param asOfDate the run's as-of date (manifest.json, else the customers' own)
 * @param segments customer id → segment id, sorted by customer id
 * @param names segment id → its name in this run, sorted by id
 */
public record RunFolder(
    Path dir, LocalDate asOfDate, Map<String, Integer> segments, Map<Integer, String> names) {

  /** Reads the run at {@code dir}; {@code flag} names it in messages (e.g. "--from"). */
  public static RunFolder read(Path dir, String flag) {
    return read(dir, flag, true);
  }

  /**
   * Reads a run folder; {@code published}: it must have {@code _SUCCESS} (false only for a run's
   * own staging folder, read before it publishes).
   */
  public static RunFolder read(Path dir, String flag, boolean published) {
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
    Map<String, Integer> segments = new TreeMap<>();
    Map<Integer, String> names = new TreeMap<>();
    LocalDate customersAsOf = null;
    for (Path part : parts) {
      try (DataFileReader<CustomerRecord> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
        CustomerRecord c = null;
        while (reader.hasNext()) {
          c = reader.next(c);
          if (c.getSegmentId() == null) {
            throw new SegflowException(
                ExitCode.INPUT,
                where
                    + ": customer "
                    + c.getCustomerId()
                    + " has no segment_id, so the run was made without segmentation; rerun it with "
                    + "segments (without --no-segmentation)");
          }
          if (segments.put(c.getCustomerId(), c.getSegmentId()) != null) {
            throw new SegflowException(
                ExitCode.INPUT,
                where + ": customer " + c.getCustomerId() + " appears twice in customers/");
          }
          names.putIfAbsent(c.getSegmentId(), c.getSegmentName() == null ? "" : c.getSegmentName());
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
    return new RunFolder(
        abs, asOf, Collections.unmodifiableMap(segments), Collections.unmodifiableMap(names));
  }

  public int customers() {
    return segments.size();
  }

  /** Customers of segment {@code id} in this run. */
  public long size(int id) {
    return segments.values().stream().filter(s -> s == id).count();
  }

  private static LocalDate manifestAsOf(Path dir, String where) {
    Path manifest = dir.resolve(OutputPublisher.MANIFEST);
    if (!Files.isRegularFile(manifest)) {
      return null;
    }
    try {
      JsonNode asOf = new ObjectMapper().readTree(manifest.toFile()).path("as_of_date");
      return asOf.isTextual() ? LocalDate.parse(asOf.asText()) : null;
    } catch (IOException | DateTimeParseException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          where + ": " + OutputPublisher.MANIFEST + " is unreadable: " + e.getMessage(),
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
