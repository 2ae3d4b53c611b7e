// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.transforms.clv.HoldoutTooLongException;
import io.segflow.transforms.parse.MissingColumnException;
import io.segflow.transforms.segment.TooFewCustomersException;
import java.io.FileNotFoundException;
import java.nio.file.NoSuchFileException;

/**
 * Maps an exception thrown inside the pipeline to the exit code and message the user should see.
 */
final class Failures {
  private Failures() {}

  static SegflowException translate(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof SegflowException) {
        return (SegflowException) c;
      }
      if (c instanceof HoldoutTooLongException h) {
        return new SegflowException(
            ExitCode.USAGE,
            "clv.holdout_days (--clv-holdout-days): "
                + h.getMessage()
                + ". Give fewer days than the history before the as-of date.",
            c);
      }
      if (c instanceof TooFewCustomersException) {
        return new SegflowException(ExitCode.NO_USABLE_ROWS, c.getMessage(), c);
      }
      if (c instanceof MissingColumnException) {
        return new SegflowException(ExitCode.INPUT, c.getMessage(), c);
      }
      if (c instanceof FileNotFoundException || c instanceof NoSuchFileException) {
        return new SegflowException(
            ExitCode.INPUT,
            "input disappeared or became unreadable during " + "the run: " + c.getMessage(),
            c);
      }
    }
    Throwable root = t;
    while (root.getCause() != null) {
      root = root.getCause();
    }
    return new SegflowException(ExitCode.INTERNAL, "the pipeline failed: " + root, t);
  }
}
