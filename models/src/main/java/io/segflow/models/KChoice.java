// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * The k picked from a scan, with the row it came from and a sentence a reviewer can check against
 * the table.
 */
public record KChoice(KScanRow row, String reason) implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Number of clusters of the chosen fit. */
  public int k() {
    return row.k();
  }
}
