// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Locale;

/** How the RFM cut points are found. */
public enum RfmMethod {
  /**
   * Quantiles of the customers' values at 1/bins, 2/bins, …; a value on a cut point scores lower.
   */
  QUANTILE,
  /**
   * The R rfm package's rule ({@link RfmPackageBreaks}): type-7 quantiles plus one; bins [lower,
   * upper).
   */
  RFM_PACKAGE,
  /** Cut points given in the configuration; bins [lower, upper). */
  FIXED;

  /** The name written in configs and model files: quantile, rfm_package, fixed. */
  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The method named {@code key} (case-insensitive). */
  public static RfmMethod of(String key) {
    for (RfmMethod m : values()) {
      if (m.key().equalsIgnoreCase(key == null ? "" : key.trim())) {
        return m;
      }
    }
    throw new IllegalArgumentException("must be quantile, rfm_package or fixed, got '" + key + "'");
  }

  /** Whether a value on a cut point goes to the upper bin (see {@link ScoreCuts}). */
  public boolean cutStartsBin() {
    return this != QUANTILE;
  }
}
