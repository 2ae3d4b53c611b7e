// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.write.WriteSortedAvro;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * The part files of an output's Avro folders: lists them for readers, and gives every output its
 * full set (a shard that received no record, for example rejected/ of a clean input, gets an empty,
 * valid Avro file), so loaders always find the same layout.
 */
public final class AvroParts {
  private AvroParts() {}

  /** The {@code .avro} files of {@code folder} in name (= shard) order; none if it is missing. */
  public static List<Path> list(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".avro")).sorted().toList();
    }
  }

  static final Map<String, Schema> OUTPUTS =
      Map.of(
          "customers", CustomerRecord.getClassSchema(),
          "rejected", RejectedRecord.getClassSchema(),
          "segments", SegmentRecord.getClassSchema());

  /** Returns the part files, relative to {@code root}, sorted. */
  public static List<String> completeShards(Path root, int shards, boolean segmented)
      throws IOException {
    List<String> files = new ArrayList<>();
    List<String> names =
        segmented ? List.of("customers", "rejected", "segments") : List.of("customers", "rejected");
    for (String name : names) {
      Path dir = root.resolve(name);
      Files.createDirectories(dir);
      int parts = name.equals("segments") ? 1 : shards;
      for (int s = 0; s < parts; s++) {
        String part = WriteSortedAvro.partName(s, parts);
        Path file = dir.resolve(part);
        if (!Files.exists(file)) {
          try (OutputStream os = Files.newOutputStream(file)) {
            WriteSortedAvro.write(OUTPUTS.get(name), List.of(), os, part);
          }
        }
        files.add(name + "/" + part);
      }
    }
    return files;
  }

  /**
   * Fails when a reader saw fewer (or more) customers in {@code dir}'s customers/ than the run
   * wrote ({@code expected}; negative: unknown). Why: Avro's reader ends quietly at the end of a
   * truncated file, so a part cut short (a copy or sync that did not finish) would otherwise lose
   * customers without an error.
   */
  public static void checkCustomerCount(Path dir, long seen, long expected) throws IOException {
    if (expected >= 0 && seen != expected) {
      throw new IOException(
          dir.resolve("customers")
              + " holds "
              + seen
              + " customers where the run"
              + " wrote "
              + expected
              + ": a part file is incomplete (truncated?); copy the output"
              + " folder again, or rerun");
    }
  }
}
