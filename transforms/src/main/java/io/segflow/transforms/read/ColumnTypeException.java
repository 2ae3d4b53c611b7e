// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

/** A column of a Parquet or Avro file whose type Segflow cannot read as the column it maps to. */
public final class ColumnTypeException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ColumnTypeException(String message) {
    super(message);
  }
}
