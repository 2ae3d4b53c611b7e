// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Makes a run's output appear all at once or not at all. The pipeline writes into a hidden sibling
 * folder; {@link #publish} writes {@code _SUCCESS} there last, then swaps the folder into place
 * with an atomic rename, so a reader never sees a half-written output folder under the final name,
 * and a failed run leaves the previous output untouched. Local file systems only.
 */
public final class OutputPublisher implements AutoCloseable {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = RunManifest.FILE;

  private final Path target;
  private final Path staging;
  private final Duration waitForLock;
  private final TargetLock targetLock;
  private final TargetLock stagingLock;

  private OutputPublisher(
      Path target,
      Path staging,
      Duration waitForLock,
      TargetLock targetLock,
      TargetLock stagingLock) {
    this.target = target;
    this.staging = staging;
    this.waitForLock = waitForLock;
    this.targetLock = targetLock;
    this.stagingLock = stagingLock;
  }

  /** {@link #prepare(String, boolean, Duration)} without waiting for another run's lock. */
  public static OutputPublisher prepare(String output, boolean overwrite) {
    return prepare(output, overwrite, Duration.ZERO);
  }

  /**
   * Takes the output's lock (waiting up to {@code waitForLock} for another run to finish), checks
   * that {@code output} may be written and creates the staging folder beside it, with a lock of its
   * own so that no other run removes it. A partitioned run whose as-of date is not yet known locks
   * its partition only when {@link #retarget retargeted}.
   *
   * @throws SegflowException (OUTPUT) when another run holds the lock, or for a non-empty folder
   *     that is not a previous Segflow output, unless {@code overwrite}
   */
  public static OutputPublisher prepare(String output, boolean overwrite, Duration waitForLock) {
    Path target = Path.of(output).toAbsolutePath().normalize();
    TargetLock targetLock = null;
    TargetLock stagingLock = null;
    try {
      checkTarget(target, overwrite);
      Path parent = target.getParent();
      Files.createDirectories(parent);
      if (!target.getFileName().toString().equals(Partitions.PENDING)) {
        targetLock = TargetLock.acquire(target, waitForLock);
        removeOldCopies(parent, target.getFileName().toString());
      }
      removeStaleStaging(parent, target.getFileName().toString());
      Path staging = parent.resolve(stagingPrefix(target) + UUID.randomUUID());
      stagingLock = TargetLock.tryAcquireFile(stagingLockOf(staging));
      Files.createDirectories(staging);
      return new OutputPublisher(target, staging, waitForLock, targetLock, stagingLock);
    } catch (IOException e) {
      release(targetLock, stagingLock);
      throw new SegflowException(ExitCode.OUTPUT, "cannot prepare output " + target + ": " + e, e);
    } catch (RuntimeException e) {
      release(targetLock, stagingLock);
      throw e;
    }
  }

  private static void release(TargetLock targetLock, TargetLock stagingLock) {
    if (stagingLock != null) {
      stagingLock.releaseAndDelete();
    }
    if (targetLock != null) {
      targetLock.close();
    }
  }

  private static void checkTarget(Path target, boolean overwrite) throws IOException {
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new SegflowException(
            ExitCode.OUTPUT, "--output " + target + " is a file, not a folder");
      }
      if (!isEmpty(target) && !RunManifest.isSegflowOutput(target) && !overwrite) {
        throw new SegflowException(
            ExitCode.OUTPUT,
            "--output "
                + target
                + " is not empty and is "
                + "not a previous Segflow output (no "
                + MANIFEST
                + "); choose another folder or add "
                + "--overwrite to replace it");
      }
    }
  }

  private static String stagingPrefix(Path target) {
    return "." + target.getFileName() + ".segflow-tmp-";
  }

  private static Path stagingLockOf(Path staging) {
    return staging.resolveSibling(staging.getFileName() + ".lock");
  }

  /**
   * Staging folders of runs that died (killed, or the machine stopped): never published, safe to
   * remove. A staging folder whose lock some run still holds is that run's work and is left alone.
   */
  private static void removeStaleStaging(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(parent, "." + name + ".segflow-tmp-*")) {
      for (Path p : stale) {
        if (p.getFileName().toString().endsWith(".lock")) {
          if (!Files.exists(p.resolveSibling(p.getFileName().toString().replaceAll("\\.lock$", "")))
              && !TargetLock.isHeldFile(p)) {
            Files.deleteIfExists(p);
          }
          continue;
        }
        Path lockFile = stagingLockOf(p);
        TargetLock dead = TargetLock.tryAcquireFile(lockFile);
        if (dead == null) {
          continue;
        }
        try {
          deleteRecursively(p);
        } finally {
          dead.releaseAndDelete();
        }
      }
    }
  }

  /** Copies a run killed while publishing left behind; only the target's lock holder publishes. */
  private static void removeOldCopies(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> old =
        Files.newDirectoryStream(parent, "." + name + ".segflow-old-*")) {
      for (Path p : old) {
        deleteRecursively(p);
      }
    }
  }

  static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  /**
   * The same staging folder published under another name in the same parent folder: a run
   * partitioned by as-of date learns its partition's name only when the pipeline has run.
   */
  public OutputPublisher retarget(Path newTarget, boolean overwrite) {
    Path t = newTarget.toAbsolutePath().normalize();
    if (!t.getParent().equals(staging.getParent())) {
      throw new IllegalArgumentException(t + " is not beside the staging folder " + staging);
    }
    if (t.equals(target)) {
      return this;
    }
    TargetLock newLock = TargetLock.acquire(t, waitForLock);
    try {
      checkTarget(t, overwrite);
      removeOldCopies(t.getParent(), t.getFileName().toString());
    } catch (IOException e) {
      newLock.close();
      throw new SegflowException(ExitCode.OUTPUT, "cannot prepare output " + t + ": " + e, e);
    } catch (RuntimeException e) {
      newLock.close();
      throw e;
    }
    if (targetLock != null) {
      targetLock.close();
    }
    return new OutputPublisher(t, staging, waitForLock, newLock, stagingLock);
  }

  /**
   * Writes the run's outcome into the target's lock file for {@code segflow status}; nothing when
   * the target was never locked.
   */
  public void recordOutcome(LockFile.Outcome outcome) {
    if (targetLock != null) {
      targetLock.recordOutcome(outcome);
    }
  }

  /** Where the pipeline writes. */
  public Path staging() {
    return staging;
  }

  public Path target() {
    return target;
  }

  /** Writes _SUCCESS into the staging folder and swaps it into place. */
  public void publish() {
    try {
      Files.writeString(staging.resolve(SUCCESS), "");
      Path old = null;
      if (Files.exists(target)) {
        old =
            target.resolveSibling("." + target.getFileName() + ".segflow-old-" + UUID.randomUUID());
        Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
      }
      Files.move(staging, target, StandardCopyOption.ATOMIC_MOVE);
      if (old != null) {
        deleteRecursively(old);
      }
    } catch (IOException e) {
      throw new SegflowException(ExitCode.INTERNAL, "could not publish " + target + ": " + e, e);
    }
  }

  /** Moves the staging folder to {@code kept} (a run stopped by its checks), for inspection. */
  public void keepAs(Path kept) {
    try {
      Files.move(staging, kept, StandardCopyOption.ATOMIC_MOVE);
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INTERNAL, "could not keep the failed run in " + kept + ": " + e, e);
    }
  }

  /**
   * Removes the staging folder after a failed run. A failed pipeline's last bundles may still be
   * writing into it (the runner reports the first failure without waiting for them), so it is
   * deleted until it stays gone for a moment, for at most about two seconds; a folder still left is
   * hidden and removed by the next run to this output.
   */
  public void discard() {
    for (int attempt = 0; attempt < 20; attempt++) {
      try {
        deleteRecursively(staging);
      } catch (IOException | UncheckedIOException e) {
        // a writer is still at work in it: try again
      }
      try {
        Thread.sleep(100);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (!Files.exists(staging)) {
        return;
      }
    }
  }

  /** Releases the locks: the staging folder's (and its file), then the target's. */
  @Override
  public void close() {
    release(targetLock, stagingLock);
  }

  public static void deleteRecursively(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> walk = Files.walk(root)) {
      walk.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (UncheckedIOException e) {
      throw e.getCause();
    }
  }
}
