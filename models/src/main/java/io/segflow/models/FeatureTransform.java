// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * Element-wise transform applied to raw features before scaling.
 *
 * <p>RFM features are heavily right-skewed (a few wholesale customers spend 100× the median);
 * k-means on the raw values would spend its clusters on those few. {@link #LOG1P} compresses the
 * tail, as the seed analysis did.
 */
public enum FeatureTransform {
  /**
   * {@code log1p(x)}. For negative inputs (refund-heavy customers, if a caller keeps them) it uses
   * the odd extension {@code sign(x)·log1p(|x|)} so that the transform stays defined, monotone and
   * invertible everywhere.
   */
  LOG1P {
    @Override
    public double apply(double v) {
      return v < 0 ? -Math.log1p(-v) : Math.log1p(v);
    }

    @Override
    public double inverse(double t) {
      return t < 0 ? -Math.expm1(-t) : Math.expm1(t);
    }
  },
  /** Identity, for features that are already on a comparable scale. */
  NONE {
    @Override
    public double apply(double v) {
      return v;
    }

    @Override
    public double inverse(double t) {
      return t;
    }
  };

  /** Transforms one value. */
  public abstract double apply(double v);

  /** Inverse of {@link #apply}, used to report centroids in original units. */
  public abstract double inverse(double t);
}
