// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.CheckPlan;
import io.segflow.pipelines.migrate.RunFolder;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.pipelines.output.Partitions;
import io.segflow.pipelines.output.RunManifest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

/**
 * Quality gates: limits a run's numbers must keep before it may replace the last good output. The
 * changes are measured against the previous published run of the same target (for a partitioned
 * output: the same partition, else the latest earlier one); a gate that needs something the run
 * does not have (no previous run, no segments) is skipped, and says why.
 */
public final class QualityGates {
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String REJECT_RATE = CheckPlan.REJECT_RATE;

  private QualityGates() {}

  /** One gate's outcome; {@code value} null when skipped. */
  public record Result(String name, Double value, double limit, String status, String note) {
    public boolean failed() {
      return "failed".equals(status);
    }

    /** e.g. "max_reject_rate: 0.2752 > limit 0.1". */
    public String describe() {
      if (value == null) {
        return name + ": skipped (" + note + ")";
      }
      String op =
          name.startsWith("min_") ? (failed() ? " < " : " >= ") : (failed() ? " > " : " <= ");
      return name + ": " + format(value) + op + "limit " + format(limit);
    }
  }

  /**
   * The previous published run a new run into {@code target} is compared with, or null: the target
   * itself when published, else (partitioned) the latest earlier published partition.
   */
  public static Path previousRun(Path target, boolean partitioned) {
    if (isPublished(target)) {
      return target;
    }
    return partitioned ? earlierPartition(target) : null;
  }

  /**
   * The latest published {@code as_of=} partition beside partition {@code target} and earlier than
   * it, or null.
   */
  public static Path earlierPartition(Path target) {
    if (target.getParent() == null || !Files.isDirectory(target.getParent())) {
      return null;
    }
    String name = target.getFileName().toString();
    try (Stream<Path> s = Files.list(target.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(Partitions.AS_OF_PREFIX))
          .filter(p -> p.getFileName().toString().compareTo(name) < 0)
          .filter(QualityGates::isPublished)
          .max(Path::compareTo)
          .orElse(null);
    } catch (IOException e) {
      return null;
    }
  }

  private static boolean isPublished(Path dir) {
    return Files.isRegularFile(dir.resolve(OutputPublisher.SUCCESS))
        && Files.isRegularFile(dir.resolve(OutputPublisher.MANIFEST));
  }

  /** Evaluates every gate on the run staged in {@code staging}, in name order. */
  public static List<Result> evaluate(
      Map<String, Double> checks, SegflowRun.Counts counts, Path staging, Path previous)
      throws IOException {
    RunManifest prevManifest = previous == null ? null : RunManifest.read(previous);
    Segments segments = null;
    List<Result> results = new ArrayList<>();
    for (Map.Entry<String, Double> c : new TreeMap<>(checks).entrySet()) {
      String name = c.getKey();
      double limit = c.getValue();
      if (name.startsWith(REJECT_RATE)) {
        long rejected =
            name.equals(REJECT_RATE)
                ? counts.rowsRejected()
                : counts
                    .rejectedByReason()
                    .getOrDefault(name.substring(REJECT_RATE.length() + 1), 0L);
        results.add(
            counts.rowsRead() == 0
                ? skipped(name, limit, "no rows read")
                : judge(name, (double) rejected / counts.rowsRead(), limit));
        continue;
      }
      switch (name) {
        case "min_rows_read" -> results.add(judge(name, (double) counts.rowsRead(), limit));
        case "min_customers" -> results.add(judge(name, (double) counts.customers(), limit));
        case "max_customers_change" -> {
          long before =
              prevManifest == null || prevManifest.customers() == null
                  ? 0
                  : prevManifest.customers();
          results.add(
              before == 0
                  ? skipped(name, limit, "no previous run with customers")
                  : judge(name, Math.abs(counts.customers() - before) / (double) before, limit));
        }
        case "min_silhouette" -> {
          Double s = silhouette(staging);
          results.add(
              s == null
                  ? skipped(name, limit, "no silhouette in model.json")
                  : judge(name, s, limit));
        }
        default -> {
          if (segments == null) {
            segments = Segments.of(staging, previous);
          }
          if (segments.why != null) {
            results.add(skipped(name, limit, segments.why));
          } else if (name.equals("max_segment_moved_share")) {
            results.add(judge(name, segments.movedShare(), limit));
          } else {
            results.add(judge(name, segments.largestShareChange(), limit));
          }
        }
      }
    }
    return results;
  }

  /** The gates and their results as written to manifest.json. */
  public static ObjectNode toJson(List<Result> results, String mode, Path previous) {
    ObjectNode n = JSON.createObjectNode();
    n.put("mode", mode);
    n.put("previous_run", previous == null ? null : Secrets.redact(previous.toString()));
    ArrayNode failed = n.putArray("failed");
    ArrayNode all = n.putArray("results");
    for (Result r : results) {
      ObjectNode o = all.addObject();
      o.put("name", r.name());
      if (r.value() == null) {
        o.putNull("value");
      } else {
        o.put("value", r.value());
      }
      o.put("limit", r.limit());
      o.put("status", r.status());
      if (r.note() != null) {
        o.put("note", r.note());
      }
      if (r.failed()) {
        failed.add(r.name());
      }
    }
    return n;
  }

  private static Result judge(String name, double value, double limit) {
    boolean ok = name.startsWith("min_") ? value >= limit : value <= limit;
    return new Result(name, value, limit, ok ? "passed" : "failed", null);
  }

  private static Result skipped(String name, double limit, String why) {
    return new Result(name, null, limit, "skipped", why);
  }

  private static String format(double v) {
    return v == Math.rint(v) && Math.abs(v) < 1e15
        ? String.valueOf((long) v)
        : String.format(java.util.Locale.ROOT, "%.4g", v);
  }

  /** The chosen model's silhouette: the chosen k's row of the k-scan, or DBSCAN's without noise. */
  private static Double silhouette(Path staging) throws IOException {
    ModelDescription model = ModelDescription.read(staging);
    return model == null ? null : model.chosenSilhouette();
  }

  /** Customers' segments now and in the previous run, for the segment gates. */
  private record Segments(RunFolder now, RunFolder before, String why) {
    static Segments of(Path staging, Path previous) {
      if (previous == null) {
        return new Segments(null, null, "no previous run");
      }
      if (!Files.isDirectory(staging.resolve("segments"))) {
        return new Segments(null, null, "this run has no segments");
      }
      try {
        return new Segments(
            RunFolder.read(staging, "this run", false),
            RunFolder.read(previous, "the previous run"),
            null);
      } catch (SegflowException e) {
        return new Segments(null, null, e.getMessage());
      }
    }

    /** Of the customers in both runs, the share whose segment id changed. */
    double movedShare() {
      long both = 0;
      long moved = 0;
      for (Map.Entry<String, Integer> e : now.segments().entrySet()) {
        Integer old = before.segments().get(e.getKey());
        if (old != null) {
          both++;
          moved += old.equals(e.getValue()) ? 0 : 1;
        }
      }
      return both == 0 ? 0 : (double) moved / both;
    }

    /** The largest change of any segment's share of the customers (by segment id). */
    double largestShareChange() {
      TreeSet<Integer> ids = new TreeSet<>(now.names().keySet());
      ids.addAll(before.names().keySet());
      double largest = 0;
      for (int id : ids) {
        double a = now.customers() == 0 ? 0 : (double) now.size(id) / now.customers();
        double b = before.customers() == 0 ? 0 : (double) before.size(id) / before.customers();
        largest = Math.max(largest, Math.abs(a - b));
      }
      return largest;
    }
  }
}
