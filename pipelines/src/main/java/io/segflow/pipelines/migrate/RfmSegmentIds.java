// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.output.ModelDescription;
import java.io.IOException;
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
  private RfmSegmentIds() {}

  /** RFM segment name → its id (1, 2, ...), for both runs. */
  static Map<String, Integer> of(RunCustomers from, RunCustomers to) {
    ModelDescription.Rfm later = rfmOf(to);
    ModelDescription.Rfm earlier = rfmOf(from);
    Set<String> order = new LinkedHashSet<>();
    ruleOrder(later).forEach(order::add);
    ruleOrder(earlier).forEach(order::add);
    Set<String> fallbacks = new LinkedHashSet<>();
    for (ModelDescription.Rfm rfm : java.util.Arrays.asList(later, earlier)) {
      String f = rfm == null ? null : rfm.fallbackSegment();
      if (f != null && !order.contains(f)) {
        fallbacks.add(f);
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

  /** The run's RFM rule table from its model.json, or null when it has none. */
  private static ModelDescription.Rfm rfmOf(RunCustomers run) {
    try {
      ModelDescription model = ModelDescription.read(run.dir());
      return model == null ? null : model.rfm();
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          run.where() + ": " + ModelDescription.FILE + " is unreadable: " + e.getMessage(),
          e);
    }
  }

  private static List<String> ruleOrder(ModelDescription.Rfm rfm) {
    return rfm == null || rfm.segmentsInRuleOrder() == null ? List.of() : rfm.segmentsInRuleOrder();
  }
}
