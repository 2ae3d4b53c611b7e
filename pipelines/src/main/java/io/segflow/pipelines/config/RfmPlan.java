// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.models.RfmMethod;
import io.segflow.models.RfmRule;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.models.ScoreRange;
import io.segflow.transforms.segment.RfmScoring;
import java.util.ArrayList;
import java.util.List;

/** Checks the {@code rfm} section of a config and turns it into {@link RfmScoring}. */
final class RfmPlan {
  private RfmPlan() {}

  static RfmScoring of(SegflowConfig.Rfm c) {
    if (c.bins < RfmScore.MIN_BINS || c.bins > RfmScore.MAX_BINS) {
      throw new ConfigException(
          "rfm.bins (--rfm-bins) must be between "
              + RfmScore.MIN_BINS
              + " and "
              + RfmScore.MAX_BINS
              + ", got "
              + c.bins);
    }
    RfmMethod method;
    try {
      method = RfmMethod.of(c.method);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("rfm.method (--rfm-method) " + e.getMessage());
    }
    RfmThresholds fixed = null;
    if (method == RfmMethod.FIXED) {
      fixed =
          RfmThresholds.of(
              RfmMethod.FIXED,
              cuts("rfm.recency_cuts (--rfm-recency-cuts)", c.recencyCuts, c.bins),
              cuts("rfm.frequency_cuts (--rfm-frequency-cuts)", c.frequencyCuts, c.bins),
              cuts("rfm.monetary_cuts (--rfm-monetary-cuts)", c.monetaryCuts, c.bins));
    } else if (c.recencyCuts != null || c.frequencyCuts != null || c.monetaryCuts != null) {
      throw new ConfigException(
          "rfm.recency_cuts, frequency_cuts and monetary_cuts are only used with "
              + "rfm.method: fixed (--rfm-method fixed), but the method is "
              + method.key());
    }
    return new RfmScoring(method, c.bins, fixed, rules(c), c.refit);
  }

  private static double[] cuts(String key, List<Double> values, int bins) {
    if (values == null || values.isEmpty()) {
      throw new ConfigException(
          key + " is required with rfm.method fixed: " + (bins - 1) + " cut points");
    }
    if (values.size() != bins - 1) {
      throw new ConfigException(
          key
              + " needs "
              + (bins - 1)
              + " cut points for "
              + bins
              + " bins (rfm.bins), got "
              + values.size()
              + ": "
              + values);
    }
    double[] cuts = new double[values.size()];
    for (int i = 0; i < cuts.length; i++) {
      Double v = values.get(i);
      if (v == null || !Double.isFinite(v) || (i > 0 && v <= cuts[i - 1])) {
        throw new ConfigException(key + " must be finite and strictly increasing, got " + values);
      }
      cuts[i] = v;
    }
    return cuts;
  }

  private static RfmSegmentRules rules(SegflowConfig.Rfm c) {
    if (c.rules == null) {
      if (c.bins != 5) {
        throw new ConfigException(
            "rfm.rules is required when rfm.bins is not 5: the built-in rule table is for "
                + "scores 1..5");
      }
      return RfmSegmentRules.defaults();
    }
    if (c.rules.isEmpty()) {
      throw new ConfigException("rfm.rules is empty: list at least one rule, or remove the key");
    }
    if (c.fallback == null || c.fallback.isBlank()) {
      throw new ConfigException("rfm.fallback must name the segment of unmatched customers");
    }
    List<RfmRule> rules = new ArrayList<>();
    for (int i = 0; i < c.rules.size(); i++) {
      SegflowConfig.RfmRuleConfig r = c.rules.get(i);
      String key = "rfm.rules[" + i + "]";
      if (r == null || r.name == null || r.name.isBlank()) {
        throw new ConfigException(key + ".name is empty: every rule needs a segment name");
      }
      try {
        rules.add(
            new RfmRule(
                r.name,
                r.description == null ? "" : r.description,
                r.action == null ? "" : r.action,
                range(key + ".recency", r.recency, c.bins),
                range(key + ".frequency", r.frequency, c.bins),
                range(key + ".monetary", r.monetary, c.bins),
                ScoreRange.ANY));
      } catch (IllegalArgumentException e) {
        throw new ConfigException(key + ": " + e.getMessage());
      }
    }
    try {
      return RfmSegmentRules.configured(rules, c.bins, c.fallback);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("rfm.rules: " + e.getMessage());
    }
  }

  private static ScoreRange range(String key, List<Integer> bounds, int bins) {
    if (bounds == null) {
      return ScoreRange.ANY;
    }
    if (bounds.size() != 2 || bounds.get(0) == null || bounds.get(1) == null) {
      throw new ConfigException(key + " must be [lower, upper], got " + bounds);
    }
    int lower = bounds.get(0);
    int upper = bounds.get(1);
    if (lower < 1 || upper > bins || lower > upper) {
      throw new ConfigException(
          key
              + " ["
              + lower
              + ", "
              + upper
              + "] must satisfy 1 <= lower <= upper <= "
              + bins
              + " (rfm.bins)");
    }
    return ScoreRange.of(lower, upper);
  }
}
