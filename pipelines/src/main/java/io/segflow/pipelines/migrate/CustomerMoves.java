// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.schemas.CustomerMove;
import io.segflow.transforms.write.WriteSortedAvro;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.TreeSet;

/** moves/: one {@link CustomerMove} per customer of either run, sorted by customer id. */
final class CustomerMoves {
  static final String FOLDER = "moves";
  static final String PART = WriteSortedAvro.partName(0, 1);

  private CustomerMoves() {}

  static List<CustomerMove> of(RunFolder from, RunFolder to) {
    TreeSet<String> customers = new TreeSet<>(from.segments().keySet());
    customers.addAll(to.segments().keySet());
    List<CustomerMove> moves = new ArrayList<>(customers.size());
    for (String id : customers) {
      Integer a = from.segments().get(id);
      Integer b = to.segments().get(id);
      String change =
          a == null ? "new" : b == null ? "gone" : Objects.equals(a, b) ? "stayed" : "moved";
      moves.add(
          CustomerMove.newBuilder()
              .setCustomerId(id)
              .setFromSegment(a)
              .setFromSegmentName(a == null ? null : from.names().get(a))
              .setToSegment(b)
              .setToSegmentName(b == null ? null : to.names().get(b))
              .setChange(change)
              .setFromAsOfDate(from.asOfDate())
              .setToAsOfDate(to.asOfDate())
              .build());
    }
    return moves;
  }

  /**
   * Writes moves/part-00000-of-00001.avro under {@code root}, as the run's Avro outputs are written
   * (sync marker from the file name): the same runs give the same bytes.
   */
  static String write(Path root, List<CustomerMove> moves) throws IOException {
    Path dir = Files.createDirectories(root.resolve(FOLDER));
    try (OutputStream os = Files.newOutputStream(dir.resolve(PART))) {
      WriteSortedAvro.write(CustomerMove.getClassSchema(), moves, os, PART);
    }
    return FOLDER + "/" + PART;
  }
}
