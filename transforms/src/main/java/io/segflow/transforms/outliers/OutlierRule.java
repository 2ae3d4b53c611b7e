// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import java.io.Serializable;
import java.util.List;
import java.util.Locale;

/**
 * How outliers are recognised on a set of numeric fields: {@code none}; {@code iqr} (outside [Q1 −
 * m·IQR, Q3 + m·IQR], m = {@code param}, default 1.5); {@code zscore} (|x − mean| > z·std, z =
 * {@code param}, default 3); {@code percentile} (outside [p, 100 − p] percentiles, p = {@code
 * param}, default 1). Quantiles are exact, interpolated linearly as numpy does.
 */
public final class OutlierRule implements Serializable {
  public enum Method {
    NONE,
    IQR,
    ZSCORE,
    PERCENTILE
  }

  private final Method method;
  private final double param;
  private final List<String> fields;

  private OutlierRule(Method method, double param, List<String> fields) {
    this.method = method;
    this.param = param;
    this.fields = List.copyOf(fields);
  }

  public static OutlierRule none() {
    return new OutlierRule(Method.NONE, 0, List.of());
  }

  /**
   * A rule by its configured name, parameter and fields.
   *
   * @param method none, iqr, zscore or percentile
   * @param param the method's parameter, or NaN for its default
   * @param fields the fields it applies to (non-empty unless method is none)
   */
  public static OutlierRule of(String method, double param, List<String> fields) {
    Method m;
    try {
      m = Method.valueOf(method.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown outlier method '" + method + "'; use none, iqr, zscore or percentile");
    }
    if (m == Method.NONE) {
      return none();
    }
    double p = Double.isNaN(param) ? defaultParam(m) : param;
    if (!(p > 0) || (m == Method.PERCENTILE && p >= 50)) {
      throw new IllegalArgumentException(
          "outlier parameter "
              + p
              + " is out of range for "
              + method
              + (m == Method.PERCENTILE ? " (0 < p < 50)" : " (must be > 0)"));
    }
    if (fields.isEmpty()) {
      throw new IllegalArgumentException("outlier method " + method + " needs at least one field");
    }
    return new OutlierRule(m, p, fields);
  }

  private static double defaultParam(Method m) {
    return switch (m) {
      case IQR -> 1.5;
      case ZSCORE -> 3.0;
      default -> 1.0;
    };
  }

  public boolean isNone() {
    return method == Method.NONE;
  }

  public Method method() {
    return method;
  }

  public double param() {
    return param;
  }

  public List<String> fields() {
    return fields;
  }

  /** The [low, high] fences of one field from its summary. */
  public double[] fences(FieldSummary s) {
    return switch (method) {
      case IQR -> {
        double q1 = s.quantile(0.25);
        double q3 = s.quantile(0.75);
        double iqr = q3 - q1;
        yield new double[] {q1 - param * iqr, q3 + param * iqr};
      }
      case ZSCORE -> new double[] {s.mean() - param * s.std(), s.mean() + param * s.std()};
      case PERCENTILE -> new double[] {s.quantile(param / 100), s.quantile(1 - param / 100)};
      default -> new double[] {Double.NEGATIVE_INFINITY, Double.POSITIVE_INFINITY};
    };
  }

  @Override
  public String toString() {
    return isNone()
        ? "none"
        : method.name().toLowerCase(Locale.ROOT) + "(" + param + ") on " + fields;
  }
}
