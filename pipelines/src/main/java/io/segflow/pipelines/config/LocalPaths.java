// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.List;

/**
 * Input paths made absolute against the client's working folder. On a Flink cluster the input files
 * are listed and read by the TaskManagers, whose working folder is not the client's, so a relative
 * path would match nothing there (or another file). Paths with a scheme (file://, gs://, s3://,
 * hdfs://) are left as they are.
 */
public final class LocalPaths {
  private LocalPaths() {}

  /** True for a plain path on this machine's file system, false for a URL such as gs://b/x. */
  public static boolean isLocal(String pattern) {
    return !pattern.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*");
  }

  public static List<String> absolute(List<String> patterns) {
    return patterns.stream().map(LocalPaths::absolute).toList();
  }

  /**
   * {@code pattern} (a file or a glob) as an absolute path; URLs and unparseable text unchanged.
   */
  public static String absolute(String pattern) {
    if (!isLocal(pattern)) {
      return pattern;
    }
    try {
      return Path.of(pattern).toAbsolutePath().normalize().toString();
    } catch (InvalidPathException e) {
      return pattern; // reported by the input check with the text the user gave
    }
  }
}
