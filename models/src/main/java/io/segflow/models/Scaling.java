// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * A fitted affine scaling {@code (x − center) / scale} per feature. Kept as plain numbers (not as
 * the scaler that made it) so a trained model can be serialised into a Beam side input and
 * re-applied to new customers unchanged.
 */
public record Scaling(double[] center, double[] scale) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Scaling {
    if (center.length != scale.length) {
      throw new IllegalArgumentException("center and scale differ in length");
    }
    for (double s : scale) {
      if (s == 0 || !Double.isFinite(s)) {
        throw new IllegalArgumentException("scale must be finite and non-zero: " + s);
      }
    }
    center = center.clone();
    scale = scale.clone();
  }

  @Override
  public double[] center() {
    return center.clone();
  }

  @Override
  public double[] scale() {
    return scale.clone();
  }

  public int dimension() {
    return center.length;
  }

  /** Scales one row; returns a new array. */
  public double[] apply(double[] row) {
    requireDimension(row);
    double[] out = new double[row.length];
    for (int j = 0; j < row.length; j++) {
      out[j] = (row[j] - center[j]) / scale[j];
    }
    return out;
  }

  /** Undoes {@link #apply}; returns a new array. */
  public double[] inverse(double[] scaled) {
    requireDimension(scaled);
    double[] out = new double[scaled.length];
    for (int j = 0; j < scaled.length; j++) {
      out[j] = scaled[j] * scale[j] + center[j];
    }
    return out;
  }

  private void requireDimension(double[] row) {
    if (row.length != center.length) {
      throw new IllegalArgumentException(
          "row has " + row.length + " features, scaling has " + center.length);
    }
  }
}
