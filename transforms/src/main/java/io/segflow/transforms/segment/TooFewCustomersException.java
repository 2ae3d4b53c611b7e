// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

/** The data has too few customers for the requested segmentation; the message names the fix. */
public class TooFewCustomersException extends RuntimeException {
  public TooFewCustomersException(String message) {
    super(message);
  }
}
