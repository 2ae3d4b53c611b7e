// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Numbers the RFM segments of two runs so that a number means the same name in both: the names in
 * the rule order saved in the later run's model.json, then those only in the earlier run's, then
 * names found in customers/ but in neither table (alphabetically), then the fallback segments.
 */
final class RfmSegmentIds {
  static final String MODEL_JSON = "model.json";

  private RfmSegmentIds() {}

  /** RFM segment name → its id (1, 2, ...), for both runs. */
  static Map<String, Integer> of(RunCustomers from, RunCustomers to) {
    JsonNode later = rfmOf(to);
    JsonNode earlier = rfmOf(from);
    Set<String> order = new LinkedHashSet<>();
    ruleOrder(later).forEach(order::add);
    ruleOrder(earlier).forEach(order::add);
    Set<String> fallbacks = new LinkedHashSet<>();
    for (JsonNode rfm : List.of(later, earlier)) {
      JsonNode f = rfm.path("fallback_segment");
      if (f.isTextual() && !order.contains(f.asText())) {
        fallbacks.add(f.asText());
      }
    }
    Set<String> unlisted = new TreeSet<>();
    for (RunCustomers run : List.of(from, to)) {
      run.customers()
          .values()
          .forEach(
              c -> {
                String name = c.rfmSegment();
                if (name != null && !order.contains(name) && !fallbacks.contains(name)) {
                  unlisted.add(name);
                }
              });
    }
    order.addAll(unlisted);
    order.addAll(fallbacks);
    Map<String, Integer> ids = new LinkedHashMap<>();
    for (String name : order) {
      ids.put(name, ids.size() + 1);
    }
    return Collections.unmodifiableMap(ids);
  }

  private static JsonNode rfmOf(RunCustomers run) {
    return RunCustomers.json(run.dir().resolve(MODEL_JSON), run.where()).path("rfm");
  }

  private static List<String> ruleOrder(JsonNode rfm) {
    List<String> names = new java.util.ArrayList<>();
    rfm.path("segments_in_rule_order").forEach(n -> names.add(n.asText()));
    return names;
  }
}
