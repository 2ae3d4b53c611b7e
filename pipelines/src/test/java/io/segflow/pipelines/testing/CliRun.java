// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import io.segflow.pipelines.cli.SegflowCli;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * One in-process {@code segflow} invocation with its exit code and what it printed. System.out and
 * System.err are swapped for the call: picocli creates its error writer from System.err on first
 * use, and the run logs to System.err directly.
 */
public record CliRun(int exitCode, String out, String err) {

  public static CliRun of(String... args) {
    PrintStream oldOut = System.out;
    PrintStream oldErr = System.err;
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      code = SegflowCli.execute(args);
    } finally {
      System.out.flush();
      System.err.flush();
      System.setOut(oldOut);
      System.setErr(oldErr);
    }
    return new CliRun(
        code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
  }

  /** For assertion messages: the whole conversation. */
  @Override
  public String toString() {
    return "exit code " + exitCode + "\n--- stdout ---\n" + out + "--- stderr ---\n" + err;
  }

  /** The lines segflow itself wrote to stderr (not Beam's or the logger's, nor progress). */
  public String segflowErrors() {
    StringBuilder sb = new StringBuilder();
    for (String line : err.split("\n", -1)) {
      if (line.startsWith("segflow: ")
          && !line.startsWith("segflow: running on")
          && !line.matches("segflow: .* elapsed.*")) {
        sb.append(line).append('\n');
      }
    }
    return sb.toString();
  }
}
