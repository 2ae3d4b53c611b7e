// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;

/**
 * Raw features → transformed → scaled, fitted once on the training customers and then applied
 * unchanged to every customer that is assigned later. It also maps back ({@link #toOriginalUnits})
 * so centroids can be reported in days, orders and currency instead of z-scores.
 */
public record Preprocessor(List<String> featureNames, FeatureTransform transform, Scaling scaling)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public Preprocessor {
    featureNames = List.copyOf(featureNames);
    if (featureNames.size() != scaling.dimension()) {
      throw new IllegalArgumentException(
          featureNames.size()
              + " feature names for a scaling of "
              + scaling.dimension()
              + " features");
    }
    if (transform == null) {
      throw new IllegalArgumentException("transform must not be null");
    }
  }

  /** Fits the scaler on the transformed {@code raw} rows. */
  public static Preprocessor fit(
      double[][] raw, List<String> featureNames, FeatureTransform transform, ScalerType scaler) {
    int d = Matrices.requireRectangularFinite(raw);
    if (featureNames.size() != d) {
      throw new IllegalArgumentException(
          featureNames.size() + " feature names for " + d + " columns");
    }
    double[][] transformed = new double[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      transformed[i] = transformRow(transform, raw[i]);
    }
    return new Preprocessor(featureNames, transform, scaler.fit(transformed));
  }

  /** Transforms and scales one raw row. */
  public double[] apply(double[] raw) {
    if (raw.length != featureNames.size()) {
      throw new IllegalArgumentException(
          "row has " + raw.length + " features, expected " + featureNames.size());
    }
    return scaling.apply(transformRow(transform, raw));
  }

  public double[][] applyAll(double[][] raw) {
    double[][] out = new double[raw.length][];
    for (int i = 0; i < raw.length; i++) {
      out[i] = apply(raw[i]);
    }
    return out;
  }

  /** Inverse scaling, then inverse transform (expm1 for LOG1P). */
  public double[] toOriginalUnits(double[] scaled) {
    double[] t = scaling.inverse(scaled);
    for (int j = 0; j < t.length; j++) {
      t[j] = transform.inverse(t[j]);
    }
    return t;
  }

  private static double[] transformRow(FeatureTransform transform, double[] raw) {
    double[] out = new double[raw.length];
    for (int j = 0; j < raw.length; j++) {
      out[j] = transform.apply(raw[j]);
    }
    return out;
  }
}
