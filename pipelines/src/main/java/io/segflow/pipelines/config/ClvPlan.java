// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.transforms.clv.ClvSettings;

/** Checks the {@code clv} section of a config and turns it into {@link ClvSettings}. */
final class ClvPlan {
  private ClvPlan() {}

  /** The settings, or null when {@code clv.enabled} is false (--no-clv). */
  static ClvSettings of(SegflowConfig.Clv c) {
    if (!c.enabled) {
      if (c.holdoutDays != null) {
        throw new ConfigException(
            "clv.holdout_days (--clv-holdout-days) checks the CLV models, which clv.enabled: false"
                + " (--no-clv) turns off: drop one of the two");
      }
      return null;
    }
    ClvTimeUnit unit;
    try {
      unit = ClvTimeUnit.parse(c.timeUnit == null ? "" : c.timeUnit);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "clv.time_unit (--clv-time-unit) must be day or week, got '" + c.timeUnit + "'");
    }
    if (c.horizonDays < 1 || c.horizonDays > 36_500) {
      throw new ConfigException(
          "clv.horizon_days (--clv-horizon-days) must be between 1 and 36500 days, got "
              + c.horizonDays);
    }
    if (!(c.discountRate >= 0 && c.discountRate < 1)) {
      throw new ConfigException(
          "clv.discount_rate must be a monthly rate in [0, 1), e.g. 0.01, got " + c.discountRate);
    }
    if (!(c.margin > 0 && c.margin <= 1)) {
      throw new ConfigException(
          "clv.margin must be the share of spend kept, in (0, 1], got " + c.margin);
    }
    if (c.holdoutDays != null && c.holdoutDays < 1) {
      throw new ConfigException(
          "clv.holdout_days (--clv-holdout-days) must be a number of days >= 1, got "
              + c.holdoutDays);
    }
    return new ClvSettings(
        unit, c.horizonDays, c.discountRate, c.margin, c.holdoutDays == null ? 0 : c.holdoutDays);
  }
}
