// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * The customers' segments of one published run under one {@link Segmentation}, from its customers/
 * part files ({@link RunCustomers}).
 *
 * @param dir the run folder, absolute
 * @param asOfDate the run's as-of date (manifest.json, else the customers' own)
 * @param segments customer id → segment id (for RFM segments: the number of the segment's name),
 *     sorted by customer id
 * @param names segment id → its name in this run, sorted by id
 */
public record RunFolder(
    Path dir, LocalDate asOfDate, Map<String, Integer> segments, Map<Integer, String> names) {

  /** Reads the run at {@code dir}; {@code flag} names it in messages (e.g. "--from"). */
  public static RunFolder read(Path dir, String flag) {
    return read(dir, flag, true);
  }

  /**
   * Reads a run folder's clustering segments; {@code published}: it must have {@code _SUCCESS}
   * (false only for a run's own staging folder, read before it publishes).
   */
  public static RunFolder read(Path dir, String flag, boolean published) {
    return clusters(RunCustomers.read(dir, flag, published));
  }

  /** The run's clustering segments: customer → segment_id, id → segment_name. */
  public static RunFolder clusters(RunCustomers run) {
    Map<String, Integer> segments = new TreeMap<>();
    Map<Integer, String> names = new TreeMap<>();
    run.customers()
        .forEach(
            (id, c) -> {
              if (c.segmentId() == null) {
                throw new SegflowException(
                    ExitCode.INPUT,
                    run.where()
                        + ": customer "
                        + id
                        + " has no segment_id, so the run was made without segmentation; rerun it "
                        + "with segments (without --no-segmentation)");
              }
              segments.put(id, c.segmentId());
              names.putIfAbsent(c.segmentId(), c.segmentName() == null ? "" : c.segmentName());
            });
    return new RunFolder(
        run.dir(),
        run.asOfDate(),
        Collections.unmodifiableMap(segments),
        Collections.unmodifiableMap(names));
  }

  /**
   * The run's RFM segments: customer → the number {@code ids} gives its rfm_segment, number → name.
   *
   * @throws SegflowException (USAGE) for a customer without rfm_segment: the run has no RFM scores,
   *     so {@code --segments} asked for something the run cannot give
   */
  public static RunFolder rfm(RunCustomers run, Map<String, Integer> ids) {
    Map<String, Integer> segments = new TreeMap<>();
    Map<Integer, String> names = new TreeMap<>();
    run.customers()
        .forEach(
            (id, c) -> {
              if (c.rfmSegment() == null) {
                throw new SegflowException(
                    ExitCode.USAGE,
                    "--segments "
                        + Segmentation.RFM.key()
                        + " (or both) needs RFM segments, but customer "
                        + id
                        + " of "
                        + run.where()
                        + " has no rfm_segment: the run was made without RFM scores "
                        + "(--no-segmentation); rerun it without --no-segmentation, or compare "
                        + "runs that have them");
              }
              Integer number = ids.get(c.rfmSegment());
              if (number == null) {
                throw new IllegalArgumentException("no id for RFM segment " + c.rfmSegment());
              }
              segments.put(id, number);
              names.putIfAbsent(number, c.rfmSegment());
            });
    return new RunFolder(
        run.dir(),
        run.asOfDate(),
        Collections.unmodifiableMap(segments),
        Collections.unmodifiableMap(names));
  }

  public int customers() {
    return segments.size();
  }

  /** Customers of segment {@code id} in this run. */
  public long size(int id) {
    return segments.values().stream().filter(s -> s == id).count();
  }
}
