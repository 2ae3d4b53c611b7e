// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.common;

/** Process exit codes, documented in docs/outputs.md for schedulers. */
public enum ExitCode {
  OK(0, "success"),
  INTERNAL(1, "internal failure (a bug or an environment problem); nothing was published"),
  USAGE(2, "bad usage or configuration"),
  INPUT(3, "input missing, unreadable, or without a required column"),
  NO_USABLE_ROWS(
      4,
      "the input was read but no row survived cleaning, or too few customers remain"
          + " for the requested segmentation"),
  OUTPUT(
      5,
      "the output is not safe to write: another run holds its lock (retry later), or the folder"
          + " is non-empty and not a Segflow output"),
  DATABASE(
      6,
      "the output database could not be used; after publishing, the files stay published"
          + " and `segflow load-db --from DIR` retries the load"),
  CHECKS(
      7,
      "a quality check failed: nothing was published, the last good output stands, and the"
          + " run's folder is kept beside it as OUTPUT.failed-...");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  public String meaning() {
    return meaning;
  }
}
