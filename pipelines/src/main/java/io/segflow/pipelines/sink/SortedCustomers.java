// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.run.AvroParts;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.Consumer;

/**
 * Streams the customers of an output folder in customer id order without holding them: every
 * customers/ part file is already sorted by id (customers are hashed to parts), so a k-way merge
 * over one open reader per part gives the global order in memory proportional to the parts. Each
 * part is decoded on its own thread ({@link PrefetchedPart}).
 */
public final class SortedCustomers {
  private SortedCustomers() {}

  private record Head(CustomerRecord record, PrefetchedPart part) {}

  /**
   * Hands every customer of {@code dir}'s customers/ to {@code sink}, sorted by customer id, and
   * checks that there were {@code expected} of them (the run's count; negative: unknown; see
   * {@link AvroParts#checkCustomerCount}).
   */
  public static void forEach(Path dir, long expected, Consumer<CustomerRecord> sink)
      throws IOException {
    List<PrefetchedPart> parts = new ArrayList<>();
    long seen = 0;
    try {
      PriorityQueue<Head> heads = new PriorityQueue<>(
          (a, b) -> a.record().getCustomerId().compareTo(b.record().getCustomerId()));
      for (Path file : AvroParts.list(dir.resolve("customers"))) {
        PrefetchedPart part = new PrefetchedPart(file);
        parts.add(part);
        if (part.hasNext()) {
          heads.add(new Head(part.next(), part));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        sink.accept(head.record());
        seen++;
        if (head.part().hasNext()) {
          CustomerRecord next = head.part().next();
          if (next.getCustomerId().compareTo(head.record().getCustomerId()) <= 0) {
            throw new IOException(head.part().part() + " is not sorted by customer id ("
                + next.getCustomerId() + " after " + head.record().getCustomerId()
                + "): not a part file Segflow wrote");
          }
          heads.add(new Head(next, head.part()));
        }
      }
      AvroParts.checkCustomerCount(dir, seen, expected);
    } catch (UncheckedIOException e) {
      throw e.getCause();
    } finally {
      for (PrefetchedPart part : parts) {
        part.close();
      }
    }
  }
}
