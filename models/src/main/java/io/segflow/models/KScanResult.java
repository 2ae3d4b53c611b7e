// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.List;

/**
 * The k-scan table, the fits behind it (same order) and the chosen k, so the winner need not be
 * fitted again.
 */
public record KScanResult(List<KScanRow> rows, List<KMeansFit> fits, KChoice choice) {
  public KScanResult {
    rows = List.copyOf(rows);
    fits = List.copyOf(fits);
  }

  /** The fit of the chosen row. */
  public KMeansFit chosenFit() {
    return fits.get(rows.indexOf(choice.row()));
  }
}
