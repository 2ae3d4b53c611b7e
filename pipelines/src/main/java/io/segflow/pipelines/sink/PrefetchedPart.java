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
import java.util.function.Function;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * The customers of one part file, decoded on a background thread a few thousand records ahead of
 * the reader, each with what {@code prepare} makes of it on that thread (e.g. its CSV line). Why:
 * Avro decoding was about a third of the CRM export and formatting most of the rest; the export
 * runs after the pipeline with nothing else to do, so decoding and preparing on one thread per part
 * leaves only the merge on the caller's thread. Memory: at most {@code CHUNKS × CHUNK} records.
 */
final class PrefetchedPart implements Iterator<CustomerRecord>, AutoCloseable {
  private static final int CHUNK = 2048;
  private static final int CHUNKS = 4;

  /** Records and what was prepared for each. */
  private record Chunk(List<CustomerRecord> records, List<Object> prepared) {}

  /** Marks the end of the part (or a failure, then in {@link #failure}). */
  private static final Chunk END = new Chunk(List.of(), List.of());

  private final Path part;
  private final Function<CustomerRecord, ?> prepare;
  private final BlockingQueue<Chunk> chunks = new ArrayBlockingQueue<>(CHUNKS);
  private final Thread decoder;
  private volatile Exception failure;
  private volatile boolean closed;
  private Chunk current = new Chunk(List.of(), List.of());
  private int next;

  PrefetchedPart(Path part) throws IOException {
    this(part, c -> null);
  }

  /**
   * @param prepare called on the part's own thread for each record, in order
   */
  PrefetchedPart(Path part, Function<CustomerRecord, ?> prepare) throws IOException {
    this.part = part;
    this.prepare = prepare;
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
      Chunk chunk = new Chunk(new ArrayList<>(CHUNK), new ArrayList<>(CHUNK));
      while (!closed && reader.hasNext()) {
        CustomerRecord c = reader.next();
        chunk.records().add(c);
        chunk.prepared().add(prepare.apply(c));
        if (chunk.records().size() == CHUNK) {
          chunks.put(chunk);
          chunk = new Chunk(new ArrayList<>(CHUNK), new ArrayList<>(CHUNK));
        }
      }
      if (!chunk.records().isEmpty()) {
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
  @SuppressWarnings("ReferenceEquality") // END is a sentinel object, recognised by identity
  public boolean hasNext() {
    if (next < current.records().size()) {
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
      throw new UncheckedIOException(
          new IOException("could not read " + part + ": " + failure.getMessage(), failure));
    }
    return current != END;
  }

  @Override
  public CustomerRecord next() {
    if (!hasNext()) {
      throw new java.util.NoSuchElementException(part + " has no more customers");
    }
    return current.records().get(next++);
  }

  /** What {@code prepare} made of the record {@link #next} returned last. */
  Object prepared() {
    return current.prepared().get(next - 1);
  }

  @Override
  public void close() {
    closed = true;
    decoder.interrupt();
  }
}
