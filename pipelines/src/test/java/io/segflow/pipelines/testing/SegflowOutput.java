// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * A published output folder read back through the documented contract only: the Avro part files of
 * customers/ and rejected/, manifest.json and _SUCCESS. Other files (later stages add some) are
 * ignored.
 */
public final class SegflowOutput {
  public final Path dir;
  public final List<CustomerRecord> customers;
  public final List<RejectedRecord> rejected;
  public final JsonNode manifest;

  private SegflowOutput(
      Path dir, List<CustomerRecord> customers, List<RejectedRecord> rejected, JsonNode manifest) {
    this.dir = dir;
    this.customers = customers;
    this.rejected = rejected;
    this.manifest = manifest;
  }

  public static SegflowOutput read(Path dir) {
    try {
      return new SegflowOutput(
          dir,
          readAvro(dir.resolve("customers"), CustomerRecord.class),
          readAvro(dir.resolve("rejected"), RejectedRecord.class),
          new ObjectMapper().readTree(dir.resolve("manifest.json").toFile()));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public Map<String, CustomerRecord> customersById() {
    Map<String, CustomerRecord> byId = new TreeMap<>();
    for (CustomerRecord c : customers) {
      if (byId.put(c.getCustomerId(), c) != null) {
        throw new AssertionError("customer " + c.getCustomerId() + " appears twice in customers/");
      }
    }
    return byId;
  }

  /** The records of segments/ (written when segmentation ran). */
  public List<SegmentRecord> segments() {
    try {
      return readAvro(dir.resolve("segments"), SegmentRecord.class);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** A JSON file of the output folder, e.g. model.json or comparison.json. */
  public JsonNode json(String name) {
    try {
      return new ObjectMapper().readTree(dir.resolve(name).toFile());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Rejected rows by line number (a single input file). */
  public Map<Long, RejectedRecord> rejectedByLine() {
    Map<Long, RejectedRecord> byLine = new TreeMap<>();
    for (RejectedRecord r : rejected) {
      if (byLine.put(r.getLineNumber(), r) != null) {
        throw new AssertionError("line " + r.getLineNumber() + " rejected twice");
      }
    }
    return byLine;
  }

  /** Counted from rejected/ itself. */
  public Map<String, Long> rejectedReasonCounts() {
    Map<String, Long> counts = new TreeMap<>();
    rejected.forEach(r -> counts.merge(r.getReason(), 1L, Long::sum));
    return counts;
  }

  public long rowsRead() {
    return manifest.path("rows").path("read").asLong(-1);
  }

  public long rowsUsed() {
    return manifest.path("rows").path("used").asLong(-1);
  }

  public long rowsRejected() {
    return manifest.path("rows").path("rejected").asLong(-1);
  }

  /** manifest.json's rows.rejected_by_reason. */
  public Map<String, Long> manifestRejectedByReason() {
    Map<String, Long> out = new TreeMap<>();
    Iterator<Map.Entry<String, JsonNode>> it =
        manifest.path("rows").path("rejected_by_reason").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      out.put(e.getKey(), e.getValue().asLong());
    }
    return out;
  }

  /** The bytes of every Avro part file under customers/ and rejected/, by relative path. */
  public static Map<String, byte[]> avroFiles(Path dir) {
    Map<String, byte[]> files = new LinkedHashMap<>();
    for (String sub : new String[] {"customers", "rejected"}) {
      for (Path p : partFiles(dir.resolve(sub))) {
        try {
          files.put(sub + "/" + p.getFileName(), Files.readAllBytes(p));
        } catch (IOException e) {
          throw new UncheckedIOException(e);
        }
      }
    }
    return files;
  }

  /**
   * Hidden staging or old folders (and staging locks) of a run to {@code target} that are still
   * beside it; the target's own lock file stays by design.
   */
  public static List<String> leftoversBeside(Path target) {
    String prefix = "." + target.getFileName() + ".segflow-";
    String lock = prefix + "lock";
    try (Stream<Path> s = Files.list(target.toAbsolutePath().getParent())) {
      return s.map(p -> p.getFileName().toString())
          .filter(n -> n.startsWith(prefix) && !n.equals(lock))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<Path> partFiles(Path folder) {
    if (!Files.isDirectory(folder)) {
      throw new AssertionError("no folder " + folder);
    }
    try (Stream<Path> s = Files.list(folder)) {
      return s.filter(
              p -> {
                String n = p.getFileName().toString();
                return n.startsWith("part-") && n.endsWith(".avro");
              })
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static <T> List<T> readAvro(Path folder, Class<T> type) throws IOException {
    List<T> records = new ArrayList<>();
    List<Path> parts = partFiles(folder);
    if (parts.isEmpty()) {
      throw new AssertionError("no part-*.avro files in " + folder);
    }
    for (Path part : parts) {
      try (DataFileReader<T> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(type))) {
        for (T r : reader) {
          records.add(r);
        }
      }
    }
    return records;
  }
}
