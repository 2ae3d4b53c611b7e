// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * Makes a run's output appear all at once or not at all. The pipeline writes into a hidden sibling
 * folder; {@link #publish} writes {@code _SUCCESS} there last, then swaps the folder into place
 * with an atomic rename, so a reader never sees a half-written output folder under the final name,
 * and a failed run leaves the previous output untouched. Local file systems only.
 */
public final class OutputPublisher {
  public static final String SUCCESS = "_SUCCESS";
  public static final String MANIFEST = "manifest.json";

  private final Path target;
  private final Path staging;

  private OutputPublisher(Path target, Path staging) {
    this.target = target;
    this.staging = staging;
  }

  /**
   * Checks that {@code output} may be written and creates the staging folder beside it.
   *
   * @throws SegflowException (OUTPUT) for a non-empty folder that is not a previous Segflow output,
   *     unless {@code overwrite}
   */
  public static OutputPublisher prepare(String output, boolean overwrite) {
    Path target = Path.of(output).toAbsolutePath().normalize();
    try {
      checkTarget(target, overwrite);
      Path parent = target.getParent();
      Files.createDirectories(parent);
      removeStaleStaging(parent, target.getFileName().toString());
      Path staging = parent.resolve(stagingPrefix(target) + UUID.randomUUID());
      Files.createDirectories(staging);
      return new OutputPublisher(target, staging);
    } catch (IOException e) {
      throw new SegflowException(ExitCode.OUTPUT, "cannot prepare output " + target + ": " + e, e);
    }
  }

  private static void checkTarget(Path target, boolean overwrite) throws IOException {
    if (Files.exists(target)) {
      if (!Files.isDirectory(target)) {
        throw new SegflowException(
            ExitCode.OUTPUT, "--output " + target + " is a file, not a folder");
      }
      if (!isEmpty(target) && !isSegflowOutput(target) && !overwrite) {
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

  /** Staging folders of earlier runs that were killed: never published, safe to remove. */
  private static void removeStaleStaging(Path parent, String name) throws IOException {
    try (DirectoryStream<Path> stale =
        Files.newDirectoryStream(parent, "." + name + ".segflow-{tmp,old}-*")) {
      for (Path p : stale) {
        deleteRecursively(p);
      }
    }
  }

  static boolean isEmpty(Path dir) throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.findAny().isEmpty();
    }
  }

  static boolean isSegflowOutput(Path dir) throws IOException {
    Path manifest = dir.resolve(MANIFEST);
    return Files.isRegularFile(manifest)
        && Files.readString(manifest).contains("\"tool\" : \"segflow\"");
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
    try {
      checkTarget(t, overwrite);
    } catch (IOException e) {
      throw new SegflowException(ExitCode.OUTPUT, "cannot prepare output " + t + ": " + e, e);
    }
    return new OutputPublisher(t, staging);
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

  /** Removes the staging folder after a failed run. */
  public void discard() {
    try {
      deleteRecursively(staging);
    } catch (IOException e) {
      // The folder is hidden and removed by the next run to this output; nothing else to do.
    }
  }

  static void deleteRecursively(Path root) throws IOException {
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
