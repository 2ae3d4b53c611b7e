// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.output.LockFile;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.pipelines.output.OutputStatus;
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
  private TargetStatus() {}

  public static OutputStatus of(Path output) {
    Path target = output.toAbsolutePath().normalize();
    Path lockFile = TargetLock.lockFileOf(target);
    boolean running = TargetLock.isHeld(target);
    LockFile lastRun = Files.exists(lockFile) ? TargetLock.holder(lockFile) : null;
    OutputStatus.Published published = published(target);
    LockFile holder = null;
    LockFile shownLastRun = null;
    String state;
    if (running) {
      state = OutputStatus.RUNNING;
      holder = lastRun == null ? LockFile.empty() : lastRun.holderOnly();
    } else if (lastRun != null && lastRun.failed()) {
      state = OutputStatus.FAILED;
      shownLastRun = lastRun;
    } else if (published != null) {
      state = OutputStatus.PUBLISHED;
      shownLastRun = lastRun;
    } else {
      state = OutputStatus.ABSENT;
    }
    List<OutputStatus> parts = partitions(target).stream().map(TargetStatus::of).toList();
    if (!parts.isEmpty() && OutputStatus.ABSENT.equals(state)) {
      state = OutputStatus.PARTITIONED;
    }
    return new OutputStatus(
        Secrets.redact(target.toString()),
        holder,
        shownLastRun,
        state,
        published,
        parts.isEmpty() ? null : parts);
  }

  /** The summary of the published run's manifest, or null when nothing is published there. */
  private static OutputStatus.Published published(Path target) {
    Path manifest = target.resolve(OutputPublisher.MANIFEST);
    if (!Files.isRegularFile(target.resolve(OutputPublisher.SUCCESS))
        || !Files.isRegularFile(manifest)) {
      return null;
    }
    try {
      return OutputStatus.Published.of(RunManifest.read(target), RunTimings.read(target));
    } catch (IOException e) {
      return OutputStatus.Published.unreadable(
          "unreadable " + OutputPublisher.MANIFEST + ": " + e.getMessage());
    }
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
