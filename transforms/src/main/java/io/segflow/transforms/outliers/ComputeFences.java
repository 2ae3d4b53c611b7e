// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;

/**
 * Combines batches of field values (one batch per block: few elements) into {@link Fences} by an
 * {@link OutlierRule}. Exact and order-independent (see {@link FieldSummary}).
 */
// The accumulator is declared a HashMap, not a Map: its coder serializes that one class.
@SuppressWarnings("NonApiType")
final class ComputeFences
    extends Combine.CombineFn<Map<String, double[]>, HashMap<String, FieldSummary>, Fences> {
  private final OutlierRule rule;

  ComputeFences(OutlierRule rule) {
    this.rule = rule;
  }

  @Override
  public HashMap<String, FieldSummary> createAccumulator() {
    return new HashMap<>();
  }

  @Override
  public HashMap<String, FieldSummary> addInput(
      HashMap<String, FieldSummary> acc, Map<String, double[]> batch) {
    batch.forEach(
        (field, values) -> {
          FieldSummary s = acc.computeIfAbsent(field, f -> new FieldSummary());
          for (double v : values) {
            s.add(v);
          }
        });
    return acc;
  }

  @Override
  public HashMap<String, FieldSummary> mergeAccumulators(
      Iterable<HashMap<String, FieldSummary>> accs) {
    HashMap<String, FieldSummary> merged = new HashMap<>();
    for (HashMap<String, FieldSummary> acc : accs) {
      acc.forEach((f, s) -> merged.computeIfAbsent(f, x -> new FieldSummary()).merge(s));
    }
    return merged;
  }

  @Override
  public Fences extractOutput(HashMap<String, FieldSummary> acc) {
    Map<String, double[]> bounds = new TreeMap<>();
    acc.forEach((field, s) -> bounds.put(field, rule.fences(s)));
    return new Fences(bounds);
  }

  @Override
  @SuppressWarnings({"unchecked", "rawtypes"})
  public Coder<HashMap<String, FieldSummary>> getAccumulatorCoder(
      CoderRegistry registry, Coder<Map<String, double[]>> inputCoder) {
    return (Coder) SerializableCoder.of(HashMap.class);
  }

  @Override
  public Coder<Fences> getDefaultOutputCoder(
      CoderRegistry registry, Coder<Map<String, double[]>> inputCoder) {
    return SerializableCoder.of(Fences.class);
  }
}
