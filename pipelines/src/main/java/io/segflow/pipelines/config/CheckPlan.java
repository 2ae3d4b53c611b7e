// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.transforms.rows.RejectReason;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * The quality gates a run must keep to be published ({@code checks}, {@code checks_mode}), checked.
 *
 * @param gates gate name → limit
 * @param mode fail (a broken gate stops the run) or warn (report and publish)
 */
public record CheckPlan(Map<String, Double> gates, String mode) {
  /** The reject-rate gate; {@code max_reject_rate.REASON} limits one reason's share. */
  public static final String REJECT_RATE = "max_reject_rate";

  public static final List<String> NAMES =
      List.of(
          REJECT_RATE,
          "min_rows_read",
          "min_customers",
          "max_customers_change",
          "max_segment_moved_share",
          "max_segment_share_change",
          "min_silhouette");

  public CheckPlan {
    gates = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(gates));
  }

  /** True when a failed gate is only reported. */
  public boolean warnOnly() {
    return "warn".equals(mode);
  }

  /**
   * The gates and mode, checked.
   *
   * @throws ConfigException for an unknown gate or reason, a negative limit or an unknown mode
   */
  public static CheckPlan of(Map<String, Double> gates, String mode) {
    TreeSet<String> reasons = new TreeSet<>();
    Arrays.stream(RejectReason.values()).forEach(r -> reasons.add(r.code()));
    gates.forEach(
        (name, limit) -> {
          if (name.startsWith(REJECT_RATE + ".")) {
            String reason = name.substring(REJECT_RATE.length() + 1);
            if (!reasons.contains(reason)) {
              throw new ConfigException(
                  "check '"
                      + name
                      + "': unknown reject reason '"
                      + reason
                      + "'; reasons: "
                      + String.join(", ", reasons));
            }
          } else if (!NAMES.contains(name)) {
            throw new ConfigException(
                "unknown check '"
                    + name
                    + "'; checks: "
                    + String.join(", ", NAMES)
                    + ", max_reject_rate.REASON");
          }
          if (limit == null || limit.isNaN() || limit < 0) {
            throw new ConfigException("check '" + name + "' needs a limit >= 0, got " + limit);
          }
        });
    if (!List.of("fail", "warn").contains(mode)) {
      throw new ConfigException("checks_mode must be fail or warn, got '" + mode + "'");
    }
    return new CheckPlan(gates, mode);
  }
}
