// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.output.AvroParts;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Streams the customers of an output folder in customer id order without holding them: every
 * customers/ part file is already sorted by id (customers are hashed to parts), so a k-way merge
 * over one open reader per part gives the global order in memory proportional to the parts. Each
 * part is decoded on its own thread ({@link PrefetchedPart}).
 */
public final class SortedCustomers {
  private SortedCustomers() {}

  private record Head(CustomerRecord record, Object prepared, PrefetchedPart part) {}

  /**
   * Hands every customer of {@code dir}'s customers/ to {@code sink}, sorted by customer id, and
   * checks that there were {@code expected} of them (the run's count; negative: unknown; see {@link
   * AvroParts#checkCustomerCount}).
   */
  public static void forEach(Path dir, long expected, Consumer<CustomerRecord> sink)
      throws IOException {
    forEach(dir, expected, c -> null, (c, prepared) -> sink.accept(c));
  }

  /**
   * As {@link #forEach(Path, long, Consumer)}, handing {@code sink} each customer with what {@code
   * prepare} made of it; {@code prepare} runs on the part files' own decoding threads (one per
   * part), so work done there (formatting, say) runs in parallel.
   */
  public static <T> void forEach(
      Path dir,
      long expected,
      Function<CustomerRecord, T> prepare,
      BiConsumer<CustomerRecord, T> sink)
      throws IOException {
    List<PrefetchedPart> parts = new ArrayList<>();
    long seen = 0;
    try {
      PriorityQueue<Head> heads =
          new PriorityQueue<>(
              (a, b) -> a.record().getCustomerId().compareTo(b.record().getCustomerId()));
      for (Path file : AvroParts.list(dir.resolve("customers"))) {
        PrefetchedPart part = new PrefetchedPart(file, prepare);
        parts.add(part);
        if (part.hasNext()) {
          heads.add(new Head(part.next(), part.prepared(), part));
        }
      }
      while (!heads.isEmpty()) {
        Head head = heads.poll();
        @SuppressWarnings("unchecked")
        T prepared = (T) head.prepared();
        sink.accept(head.record(), prepared);
        seen++;
        if (head.part().hasNext()) {
          CustomerRecord next = head.part().next();
          if (next.getCustomerId().compareTo(head.record().getCustomerId()) <= 0) {
            throw new IOException(
                head.part().part()
                    + " is not sorted by customer id ("
                    + next.getCustomerId()
                    + " after "
                    + head.record().getCustomerId()
                    + "): not a part file Segflow wrote");
          }
          heads.add(new Head(next, head.part().prepared(), head.part()));
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
