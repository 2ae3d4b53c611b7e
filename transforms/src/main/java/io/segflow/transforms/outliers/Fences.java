// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/** Per-field [low, high] bounds; a value outside them is an outlier. */
public final class Fences implements Serializable {
  private final TreeMap<String, double[]> bounds;

  public Fences(Map<String, double[]> bounds) {
    this.bounds = new TreeMap<>(bounds);
  }

  public static Fences none() {
    return new Fences(Map.of());
  }

  /**
   * The first field of {@code values} outside its fence, described, or null when all are inside.
   */
  public String violation(Map<String, Double> values) {
    for (Map.Entry<String, double[]> e : bounds.entrySet()) {
      Double v = values.get(e.getKey());
      double[] b = e.getValue();
      if (v != null && (v < b[0] || v > b[1])) {
        return e.getKey() + " " + v + " outside [" + b[0] + ", " + b[1] + "]";
      }
    }
    return null;
  }

  public Map<String, double[]> bounds() {
    return bounds;
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("Fences{");
    bounds.forEach(
        (k, b) -> sb.append(k).append("=[").append(b[0]).append(", ").append(b[1]).append("] "));
    return sb.append('}').toString();
  }
}
