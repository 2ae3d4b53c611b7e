// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

/** A required column is absent from a file's header: fatal, nothing can be parsed. */
public class MissingColumnException extends RuntimeException {
  public MissingColumnException(String message) {
    super(message);
  }
}
