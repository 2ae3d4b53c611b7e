// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import io.segflow.schemas.CustomerMove;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.write.WriteSortedAvro;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A small hand-made run folder with the parts {@code segflow migrate} reads: customers/ with
 * segment ids and names, manifest.json with the as-of date, and (unless told) _SUCCESS. Feature
 * values are placeholders.
 */
public final class RunFixture {
  private RunFixture() {}

  /**
   * Writes a minimal run folder (manifest, customers, segments) for tests that read runs.
   *
   * @param segments customer id → segment id (null for a customer without segment)
   * @param names segment id → name
   */
  public static Path write(
      Path dir,
      LocalDate asOf,
      Map<String, Integer> segments,
      Map<Integer, String> names,
      boolean success) {
    try {
      Files.createDirectories(dir.resolve("customers"));
      List<CustomerRecord> records = new ArrayList<>();
      new TreeMap<>(segments)
          .forEach(
              (id, segment) ->
                  records.add(
                      CustomerRecord.newBuilder()
                          .setCustomerId(id)
                          .setRecencyDays(1)
                          .setFrequency(1)
                          .setMonetary(10)
                          .setTotalQuantity(1L)
                          .setAvgBasketValue(10)
                          .setFirstPurchase(LocalDateTime.of(2011, 1, 1, 10, 0))
                          .setLastPurchase(LocalDateTime.of(2011, 1, 1, 10, 0))
                          .setTenureDays(1)
                          .setDistinctProducts(1)
                          .setRowsUsed(1)
                          .setAsOfDate(asOf)
                          .setSegmentId(segment)
                          .setSegmentName(segment == null ? null : names.get(segment))
                          .build()));
      String part = WriteSortedAvro.partName(0, 1);
      try (OutputStream os = Files.newOutputStream(dir.resolve("customers").resolve(part))) {
        WriteSortedAvro.write(CustomerRecord.getClassSchema(), records, os, part);
      }
      Files.writeString(
          dir.resolve("manifest.json"),
          "{\n  \"tool\" : \"segflow\",\n  " + "\"as_of_date\" : \"" + asOf + "\"\n}\n");
      if (success) {
        Files.writeString(dir.resolve("_SUCCESS"), "");
      }
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The records of a migration's moves/ folder, in file order. */
  public static List<CustomerMove> moves(Path migration) {
    List<CustomerMove> moves = new ArrayList<>();
    for (Path part : SegflowOutput.partFiles(migration.resolve("moves"))) {
      try (DataFileReader<CustomerMove> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerMove.class))) {
        reader.forEach(moves::add);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    return moves;
  }
}
