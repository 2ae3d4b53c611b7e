// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.common;

/** Process exit codes, documented in docs/outputs.md for schedulers. */
public enum ExitCode {
  /** Success. */
  OK(0),
  /** Internal failure (a bug or an environment problem); nothing was published. */
  INTERNAL(1),
  /** Bad usage or configuration. */
  USAGE(2),
  /** Input missing, unreadable, or without a required column. */
  INPUT(3),
  /** The input was read but no row survived cleaning, or too few customers remain. */
  NO_USABLE_ROWS(4),
  /** The output is not safe to write: another run holds its lock, or it is not a Segflow output. */
  OUTPUT(5),
  /** The output database could not be used. */
  DATABASE(6),
  /** A quality check failed: nothing was published, the last good output stands. */
  CHECKS(7);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
  }
}
