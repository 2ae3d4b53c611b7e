// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code runner} section: the Beam runner's name and the pipeline options the config gives it
 * (the command line's runner flags are added, and checked by Beam, when the options are built).
 */
public record RunnerPlan(String name, Map<String, String> options) {
  public RunnerPlan {
    options = Collections.unmodifiableMap(new LinkedHashMap<>(options));
  }

  public static RunnerPlan of(SegflowConfig.Runner r) {
    return new RunnerPlan(r.name, r.options);
  }
}
