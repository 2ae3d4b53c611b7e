// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.common;

/** A fatal problem with a message for the user and the exit code it maps to. */
public class SegflowException extends RuntimeException {
  private final ExitCode exitCode;

  public SegflowException(ExitCode exitCode, String message) {
    super(message);
    this.exitCode = exitCode;
  }

  public SegflowException(ExitCode exitCode, String message, Throwable cause) {
    super(message, cause);
    this.exitCode = exitCode;
  }

  public ExitCode exitCode() {
    return exitCode;
  }
}
