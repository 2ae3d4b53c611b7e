// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Training customers' feature vectors sorted by customer id: training must see the rows in the
 * same order on every runner, or k-means++ would start differently.
 */
public record FeatureTable(List<String> customerIds, double[][] rows) implements Serializable {

  /** The table of (customer id, vector) pairs, in id order. */
  static FeatureTable sortedById(List<KV<String, double[]>> pairs) {
    List<KV<String, double[]>> sorted = new ArrayList<>(pairs);
    sorted.sort(Comparator.comparing(KV::getKey));
    List<String> ids = new ArrayList<>(sorted.size());
    double[][] rows = new double[sorted.size()][];
    for (int i = 0; i < rows.length; i++) {
      ids.add(sorted.get(i).getKey());
      rows[i] = sorted.get(i).getValue();
    }
    return new FeatureTable(ids, rows);
  }
}
