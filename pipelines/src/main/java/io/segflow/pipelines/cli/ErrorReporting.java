// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.ConfigException;
import picocli.CommandLine;

/** Turns failures into one clear line on stderr and the documented exit code. */
final class ErrorReporting {
  private ErrorReporting() {}

  static int exitCodeOf(Throwable t) {
    if (t instanceof SegflowException s) {
      return s.exitCode().code();
    }
    if (t instanceof ConfigException) {
      return ExitCode.USAGE.code();
    }
    return ExitCode.INTERNAL.code();
  }

  static int handle(Exception e, CommandLine cmd, CommandLine.ParseResult parsed) {
    String kind = e instanceof ConfigException ? "configuration error" : "error";
    cmd.getErr().println("segflow: " + kind + ": " + Secrets.redact(e.getMessage()));
    if (exitCodeOf(e) == ExitCode.INTERNAL.code()) {
      // The trace helps a bug report; its messages may quote inputs, so they are masked too.
      java.io.StringWriter trace = new java.io.StringWriter();
      e.printStackTrace(new java.io.PrintWriter(trace));
      cmd.getErr().print(Secrets.redact(trace.toString()));
    }
    return exitCodeOf(e);
  }
}
