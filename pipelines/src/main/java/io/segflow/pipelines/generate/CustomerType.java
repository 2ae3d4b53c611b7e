// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

/**
 * The latent customer types of the synthetic data, each with its own recency, frequency and
 * monetary distribution. They are chosen to be well apart in the log1p-scaled RFM space that
 * Segflow clusters on, so that a good segmentation recovers them (adjusted Rand index near 1).
 *
 * <p>Days are counted back from the end date (recency) or forward from the start date (first
 * purchase); order counts are drawn from a lognormal rounded to an integer and clamped.
 */
public enum CustomerType {
  /** Recent, frequent, large baskets: the wholesale regulars. */
  LOYAL_HIGH_VALUE("loyal_high_value", 0.15, 0, 10, 0, 60, 22.0, 0.35, 8, 80, 4.0, 12),
  /** Buys every month or two, medium baskets, last seen a month or more ago. */
  REGULAR_MID_VALUE("regular_mid_value", 0.35, 30, 75, 0, 150, 6.0, 0.25, 3, 14, 2.2, 6),
  /** Last purchase long ago, one to three orders, small baskets. */
  LAPSED("lapsed", 0.30, 220, 340, -1, -1, 1.6, 0.35, 1, 3, 1.0, 2),
  /** First and last purchase in the last few weeks, one or two orders, small baskets. */
  NEW("new", 0.20, 0, 20, -1, -1, 1.3, 0.25, 1, 2, 1.3, 3);

  /** The name written to types.csv. */
  public final String label;

  /** The share of customers of this type (renormalised over the types in use). */
  final double share;

  /** Recency of the last purchase: uniform in [minRecency, maxRecency] days before the end. */
  final int minRecency;

  final int maxRecency;

  /**
   * First purchase: uniform in [minFirst, maxFirst] days after the start; -1 = close to the last.
   */
  final int minFirst;

  final int maxFirst;

  /** Orders: lognormal with this median and sigma, clamped to [minOrders, maxOrders]. */
  final double medianOrders;

  final double ordersSigma;
  final int minOrders;
  final int maxOrders;

  /** Quantity multiplier of every line (the basket size). */
  final double quantityScale;

  /** Mean number of lines per invoice (geometric, at least one). */
  final int meanLines;

  CustomerType(
      String label,
      double share,
      int minRecency,
      int maxRecency,
      int minFirst,
      int maxFirst,
      double medianOrders,
      double ordersSigma,
      int minOrders,
      int maxOrders,
      double quantityScale,
      int meanLines) {
    this.label = label;
    this.share = share;
    this.minRecency = minRecency;
    this.maxRecency = maxRecency;
    this.minFirst = minFirst;
    this.maxFirst = maxFirst;
    this.medianOrders = medianOrders;
    this.ordersSigma = ordersSigma;
    this.minOrders = minOrders;
    this.maxOrders = maxOrders;
    this.quantityScale = quantityScale;
    this.meanLines = meanLines;
  }

  /** The type with this label (as in types.csv), or an IllegalArgumentException. */
  public static CustomerType ofLabel(String label) {
    for (CustomerType t : values()) {
      if (t.label.equals(label)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown customer type '" + label + "'");
  }
}
