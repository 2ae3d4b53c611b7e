// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

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
import org.apache.avro.Schema;

/**
 * Gives every Avro output its full set of part files: a shard that received no record (for example
 * rejected/ of a clean input) gets an empty, valid Avro file, so loaders always find the same layout.
 */
final class AvroParts {
  private AvroParts() {}

  static final Map<String, Schema> OUTPUTS = Map.of(
      "customers", CustomerRecord.getClassSchema(),
      "rejected", RejectedRecord.getClassSchema(),
      "segments", SegmentRecord.getClassSchema());

  /** Returns the part files, relative to {@code root}, sorted. */
  static List<String> completeShards(Path root, int shards, boolean segmented) throws IOException {
    List<String> files = new ArrayList<>();
    List<String> names = segmented
        ? List.of("customers", "rejected", "segments") : List.of("customers", "rejected");
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
}
