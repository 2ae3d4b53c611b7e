// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/** Where a DBSCAN eps came from, for the run report. */
public enum EpsSource {
  /** Set by the user ({@code --eps 0.5}). */
  GIVEN,
  /** The knee of the sorted k-distance curve ({@code --eps auto}). */
  KNEE,
  /**
   * {@code --eps auto}, but the k-distance curve has no knee (straight or concave: no density
   * threshold stands out); the {@value DbscanTrainer#FALLBACK_QUANTILE} quantile of the k-distances
   * is used, so that share of customers are core points.
   */
  NO_KNEE_QUANTILE
}
