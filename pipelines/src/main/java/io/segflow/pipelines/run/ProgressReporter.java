// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.transforms.rows.LiveCounters;
import java.io.PrintStream;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.apache.beam.sdk.PipelineResult;

/**
 * Tells the user where a long run is, on stderr, at most once per interval: rows read so far, the
 * read rate (over the last interval while reading, else the average of the whole read), the elapsed
 * time and the current stage, e.g. {@code segflow: 12,400,000 rows read (310,000 rows/s), 0:40
 * elapsed; stage: parsing}.
 *
 * <p>The counts are the pipeline's counters (see StageMetrics), taken from {@link LiveCounters}
 * (live wherever the workers share this JVM: the DirectRunner and Flink {@code [local]}) and from
 * Beam's metrics of the running pipeline when its runner hands the result over before the end; the
 * larger of the two wins. The current stage is the last stage, in pipeline order, whose counters
 * moved since the previous line (the previous line's stage if none did). Until a counter moves
 * (start-up, or for good on a remote cluster in batch) only the elapsed time is shown.
 */
final class ProgressReporter implements AutoCloseable {
  static final long DEFAULT_INTERVAL_NANOS = 5_000_000_000L;
  private static final long POLL_MILLIS = 500;
  private static final String ROWS_READ = "rows_read";

  /** Stages in pipeline order, each with the counters that show it working. */
  private static final Map<String, List<String>> STAGES = stages();

  private final Supplier<Map<String, Long>> counters;
  private final LongSupplier clock;
  private final PrintStream out;
  private final long interval;
  private final long start;
  private final Map<String, Long> baseline;
  private Map<String, Long> previous = Map.of();
  private long lastPrint;
  private long lastRowsGrowth;
  private String stage = "starting";
  private Thread thread;

  ProgressReporter(
      Supplier<Map<String, Long>> counters,
      LongSupplier clock,
      PrintStream out,
      long intervalNanos) {
    this.counters = counters;
    this.clock = clock;
    this.out = out;
    this.interval = intervalNanos;
    this.start = clock.getAsLong();
    this.lastPrint = start;
    this.lastRowsGrowth = start;
    this.baseline = counters.get();
  }

  private static Map<String, List<String>> stages() {
    Map<String, List<String>> s = new LinkedHashMap<>();
    s.put("reading", List.of("rows_read", "read_millis"));
    s.put("parsing", List.of("parse_rows_out", "parse_millis"));
    s.put("cleaning", List.of("clean_rows_out", "clean_millis"));
    s.put("grouping by customer", List.of("group_millis"));
    s.put("dropping duplicates", List.of("dedup_rows_out", "dedup_millis"));
    s.put("transaction outliers", List.of("transaction_outliers_rows_out"));
    s.put("customer outliers", List.of("customer_outliers_rows_out"));
    s.put("computing customer features", List.of("rows_used", "aggregate_millis"));
    s.put("training the model", List.of("train_started", "train_millis"));
    s.put("assigning segments", List.of("customers_assigned"));
    s.put("writing outputs", List.of("write_millis"));
    return s;
  }

  /**
   * Reports on stderr every {@code DEFAULT_INTERVAL_NANOS} from a daemon thread until closed; the
   * counters come from {@link LiveCounters} and, once the pipeline has started, the running
   * pipeline's metrics.
   */
  static ProgressReporter start(PrintStream out, AtomicReference<PipelineResult> running) {
    ProgressReporter r =
        new ProgressReporter(
            () -> merged(running.get()), System::nanoTime, out, DEFAULT_INTERVAL_NANOS);
    r.thread =
        new Thread(
            () -> {
              try {
                while (!Thread.currentThread().isInterrupted()) {
                  Thread.sleep(POLL_MILLIS);
                  r.tick();
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "segflow-progress");
    r.thread.setDaemon(true);
    r.thread.start();
    return r;
  }

  private static Map<String, Long> merged(PipelineResult result) {
    Map<String, Long> c = new HashMap<>(LiveCounters.snapshot());
    if (result != null) {
      try {
        StageTimes.from(result).forEach((name, n) -> c.merge(name, n, Math::max));
      } catch (RuntimeException e) {
        // metrics of a running pipeline are best effort: the live counters still count
      }
    }
    return c;
  }

  /** Prints a line if an interval has passed since the last one; returns it, or null. */
  String tick() {
    long now = clock.getAsLong();
    if (now - lastPrint < interval) {
      return null;
    }
    long since = now - lastPrint;
    lastPrint = now;
    Map<String, Long> current = new HashMap<>();
    counters.get().forEach((name, n) -> current.put(name, n - baseline.getOrDefault(name, 0L)));
    STAGES.forEach(
        (name, keys) -> {
          for (String key : keys) {
            if (current.getOrDefault(key, 0L) > previous.getOrDefault(key, 0L)) {
              stage = name;
            }
          }
        });
    long rows = current.getOrDefault(ROWS_READ, 0L);
    long newRows = rows - previous.getOrDefault(ROWS_READ, 0L);
    String rate = "";
    if (newRows > 0) {
      lastRowsGrowth = now;
      rate = String.format(Locale.ROOT, "%,d rows/s", Math.round(newRows / (since / 1e9)));
    } else if (rows > 0) {
      rate =
          String.format(
              Locale.ROOT,
              "read at %,d rows/s",
              Math.round(rows / Math.max((lastRowsGrowth - start) / 1e9, 1e-3)));
    }
    previous = current;
    String line = line(current, rate, (now - start) / 1e9);
    out.println(line);
    return line;
  }

  private String line(Map<String, Long> c, String rate, double seconds) {
    StringBuilder sb = new StringBuilder("segflow: ");
    long rows = c.getOrDefault(ROWS_READ, 0L);
    if (rows > 0) {
      sb.append(String.format(Locale.ROOT, "%,d rows read (%s), ", rows, rate));
    }
    long assigned = c.getOrDefault("customers_assigned", 0L);
    if (assigned > 0) {
      sb.append(String.format(Locale.ROOT, "%,d customers assigned, ", assigned));
    }
    sb.append(elapsed(seconds)).append(" elapsed");
    if (c.values().stream().anyMatch(n -> n > 0)) {
      sb.append("; stage: ").append(stage);
    } else {
      sb.append(", no counts yet (a remote cluster reports them only when the job ends)");
    }
    return sb.toString();
  }

  static String elapsed(double seconds) {
    long s = (long) seconds;
    return s >= 3600
        ? String.format(Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
        : String.format(Locale.ROOT, "%d:%02d", s / 60, s % 60);
  }

  @Override
  public void close() {
    if (thread != null) {
      thread.interrupt();
      try {
        thread.join(2_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
