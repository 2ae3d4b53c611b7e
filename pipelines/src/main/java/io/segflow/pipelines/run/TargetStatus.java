// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.output.OutputJson;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.pipelines.output.Partitions;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.pipelines.output.RunTimings;
import io.segflow.pipelines.output.TargetLock;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The state of an output target for {@code segflow status}: {@code running} while a run holds its
 * lock, {@code failed} when the last run ended without publishing (failed checks or an error),
 * {@code published} when the last run published, {@code absent} when no run has written it. Read
 * from the target's lock file (holder, or last outcome) and the published manifest. A partitioned
 * root reports each of its as_of= partitions.
 */
public final class TargetStatus {
  private static final ObjectMapper JSON = new ObjectMapper();

  private TargetStatus() {}

  public static ObjectNode of(Path output) {
    Path target = output.toAbsolutePath().normalize();
    ObjectNode s = JSON.createObjectNode();
    s.put("target", Secrets.redact(target.toString()));
    Path lockFile = TargetLock.lockFileOf(target);
    boolean running = TargetLock.isHeld(target);
    ObjectNode lastRun = Files.exists(lockFile) ? TargetLock.holder(lockFile) : null;
    JsonNode published = published(target);
    String state;
    if (running) {
      state = "running";
      s.set("holder", holderOnly(lastRun));
    } else if (lastRun != null && lastRun.path("state").asText().startsWith("failed")) {
      state = "failed";
      s.set("last_run", lastRun);
    } else if (published != null) {
      state = "published";
      if (lastRun != null) {
        s.set("last_run", lastRun);
      }
    } else {
      state = "absent";
    }
    s.put("state", state);
    if (published != null) {
      s.set("published", published);
    }
    List<Path> partitions = partitions(target);
    if (!partitions.isEmpty()) {
      ArrayNode parts = s.putArray("partitions");
      for (Path p : partitions) {
        parts.add(of(p));
      }
      if ("absent".equals(state)) {
        s.put("state", "partitioned");
      }
    }
    return s;
  }

  private static ObjectNode holderOnly(ObjectNode lock) {
    ObjectNode h = JSON.createObjectNode();
    if (lock != null) {
      for (String k : List.of("host", "pid", "started_at", "command")) {
        if (lock.has(k)) {
          h.set(k, lock.get(k));
        }
      }
    }
    return h;
  }

  /** The summary of the published run's manifest, or null when nothing is published there. */
  private static JsonNode published(Path target) {
    Path manifest = target.resolve(OutputPublisher.MANIFEST);
    if (!Files.isRegularFile(target.resolve(OutputPublisher.SUCCESS))
        || !Files.isRegularFile(manifest)) {
      return null;
    }
    try {
      return summary(RunManifest.read(target), RunTimings.read(target));
    } catch (IOException e) {
      ObjectNode n = JSON.createObjectNode();
      n.put("error", "unreadable " + OutputPublisher.MANIFEST + ": " + e.getMessage());
      return n;
    }
  }

  /**
   * What a scheduler or a human asks of a run's manifest (with its {@link RunTimings}): as-of,
   * counts, timings and checks.
   */
  public static ObjectNode summary(RunManifest m, RunTimings t) {
    ObjectNode n = JSON.createObjectNode();
    if (m.status() != null) {
      n.put("status", m.status());
    }
    n.put("as_of_date", m.asOfDate());
    if (t.finishedAt() != null) {
      n.put("finished_at", t.finishedAt());
    }
    if (m.rows() != null) {
      n.set("rows", OutputJson.MAPPER.valueToTree(m.rows()));
    }
    if (m.customers() != null) {
      n.put("customers", m.customers());
    }
    if (t.timingsMs() != null) {
      n.set("timings_ms", OutputJson.MAPPER.valueToTree(t.timingsMs()));
    }
    if (m.checks() != null) {
      n.set("checks", m.checks());
    }
    return n;
  }

  /** The as_of= partitions of a root, and those only locked so far, in date order. */
  private static List<Path> partitions(Path root) {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> s = Files.list(root)) {
      return s.map(p -> p.getFileName().toString())
          .map(
              n ->
                  n.startsWith(".") && n.endsWith(".segflow-lock")
                      ? n.substring(1, n.length() - 13)
                      : n)
          .filter(
              n ->
                  n.startsWith(Partitions.AS_OF_PREFIX)
                      && !n.contains(".")
                      && !n.equals(Partitions.PENDING))
          .distinct()
          .sorted()
          .map(root::resolve)
          .toList();
    } catch (IOException e) {
      return List.of();
    }
  }
}
