// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.List;

/**
 * The k-scan table, the fits behind it (same order), the chosen k and its fit on all rows.
 *
 * @param scannedRows the rows the table and its fits describe: all rows, or the scan's sample (see
 *     {@link KScan#withScanRows}), in which case {@code chosenFit} was fitted again on all rows
 */
public record KScanResult(
    List<KScanRow> rows,
    List<KMeansFit> fits,
    KChoice choice,
    KMeansFit chosenFit,
    int scannedRows) {
  public KScanResult {
    rows = List.copyOf(rows);
    fits = List.copyOf(fits);
  }

  /** A scan of all rows: the chosen fit is the table's. */
  public KScanResult(List<KScanRow> rows, List<KMeansFit> fits, KChoice choice) {
    this(
        rows,
        fits,
        choice,
        fits.get(rows.indexOf(choice.row())),
        fits.get(rows.indexOf(choice.row())).labels().length);
  }
}
