// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;

/** The input-file check shared by the benchmark commands. */
public final class InputFiles {
  private InputFiles() {}

  /** Fails the command line (exit 2, with its usage) unless every path is a regular file. */
  public static void requireRegular(CommandLine commandLine, List<Path> files) {
    for (Path p : files) {
      if (!Files.isRegularFile(p)) {
        throw new ParameterException(commandLine, "no such file: " + p);
      }
    }
  }
}
