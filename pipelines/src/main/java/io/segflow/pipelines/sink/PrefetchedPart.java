// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The customers of one part file, decoded on a background thread a few thousand records ahead of
 * the reader. Why: Avro decoding was about a third of the CRM export, which runs after the
 * pipeline with nothing else to do; this way decoding (one thread per part) overlaps the merge
 * and the formatting on the caller's thread. Memory: at most {@code CHUNKS × CHUNK} records.
 */
final class PrefetchedPart implements Iterator<CustomerRecord>, AutoCloseable {
  private static final int CHUNK = 2048;
  private static final int CHUNKS = 4;
  /** Marks the end of the part (or a failure, then in {@link #failure}). */
  private static final List<CustomerRecord> END = List.of();

  private final Path part;
  private final BlockingQueue<List<CustomerRecord>> chunks = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread decoder;
  private volatile Exception failure;
  private volatile boolean closed;
  private List<CustomerRecord> current = new ArrayList<>();
  private int next;

  PrefetchedPart(Path part) throws IOException {
    this.part = part;
    DataFileReader<CustomerRecord> reader =
        new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class));
    decoder = new Thread(() -> decode(reader), "segflow-read-" + part.getFileName());
    decoder.setDaemon(true);
    decoder.start();
  }

  Path part() {
    return part;
  }

  private void decode(DataFileReader<CustomerRecord> reader) {
    try (reader) {
      List<CustomerRecord> chunk = new ArrayList<>(CHUNK);
      while (!closed && reader.hasNext()) {
        chunk.add(reader.next());
        if (chunk.size() == CHUNK) {
          chunks.put(chunk);
          chunk = new ArrayList<>(CHUNK);
        }
      }
      if (!chunk.isEmpty()) {
        chunks.put(chunk);
      }
    } catch (InterruptedException e) {
      return; // closed early: nobody reads on
    } catch (IOException | RuntimeException e) {
      failure = e;
    }
    try {
      chunks.put(END);
    } catch (InterruptedException e) {
      // closed early
    }
  }

  @Override
  public boolean hasNext() {
    if (next < current.size()) {
      return true;
    }
    if (current == END) {
      return false;
    }
    try {
      current = chunks.take();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while reading " + part, e);
    }
    next = 0;
    if (current == END && failure != null) {
      throw new UncheckedIOException(new IOException(
          "could not read " + part + ": " + failure.getMessage(), failure));
    }
    return current != END;
  }

  @Override
  public CustomerRecord next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException(part + " has no more customers");
    }
    return current.get(next++);
  }

  @Override
  public void close() {
    closed = true;
    decoder.interrupt();
  }
}
