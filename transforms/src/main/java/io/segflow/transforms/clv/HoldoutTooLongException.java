// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

/** A CLV holdout that leaves no purchase before it to fit the calibration models on. */
public final class HoldoutTooLongException extends RuntimeException {
  private static final long serialVersionUID = 1L;
  private final int holdoutDays;

  public HoldoutTooLongException(int holdoutDays) {
    super(
        "a holdout of "
            + holdoutDays
            + " days leaves no purchase before it to calibrate on: every purchase falls in the"
            + " last "
            + holdoutDays
            + " days before the as-of date");
    this.holdoutDays = holdoutDays;
  }

  public int holdoutDays() {
    return holdoutDays;
  }
}
