// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;

/**
 * Which feature columns carry the RFM meaning that profiling and naming need. Names rather than
 * positions, so a pipeline can add or reorder features without silently mislabelling segments.
 *
 * @param recency days since the last purchase (low = engaged)
 * @param frequency number of orders
 * @param monetary revenue; its sum is the "share of revenue"
 * @param tenure optional days since the first purchase, used to tell new customers apart; {@code
 *     null} if absent
 */
public record FeatureRoles(String recency, String frequency, String monetary, String tenure)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The default Segflow feature names (recency_days, frequency, monetary; no tenure). */
  public static final FeatureRoles DEFAULT =
      new FeatureRoles("recency_days", "frequency", "monetary", null);

  public FeatureRoles {
    if (recency == null || frequency == null || monetary == null) {
      throw new IllegalArgumentException(
          "recency, frequency and monetary feature names are required");
    }
  }

  /** Fails early, with the names, if a required role is not among {@code featureNames}. */
  void requirePresentIn(List<String> featureNames) {
    for (String name : List.of(recency, frequency, monetary)) {
      if (!featureNames.contains(name)) {
        throw new IllegalArgumentException("feature '" + name + "' not among " + featureNames);
      }
    }
  }

  /** Whether a tenure feature is configured and present. */
  boolean hasTenureIn(List<String> featureNames) {
    return tenure != null && featureNames.contains(tenure);
  }
}
