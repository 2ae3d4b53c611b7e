// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.values.KV;

/**
 * All customers' feature vectors in one place, sorted by customer id: training must see the rows
 * in the same order on every runner, or k-means++ would start differently.
 */
public record FeatureTable(List<String> customerIds, double[][] rows) implements Serializable {

  /**
   * SHA-256 (hex) of the ids and vectors in order: two trainings on the same customers with the
   * same features have the same fingerprint, so a saved model names the data it was trained on.
   */
  public String fingerprint() {
    MessageDigest sha;
    try {
      sha = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
    ByteBuffer number = ByteBuffer.allocate(Long.BYTES);
    for (int i = 0; i < rows.length; i++) {
      sha.update(customerIds.get(i).getBytes(StandardCharsets.UTF_8));
      sha.update((byte) 0);
      for (double v : rows[i]) {
        sha.update(number.clear().putLong(Double.doubleToLongBits(v)).array());
      }
    }
    return HexFormat.of().formatHex(sha.digest());
  }

  /** Gathers (customer id, vector) pairs into a sorted table. */
  static final class GatherFn
      extends Combine.CombineFn<KV<String, double[]>, TreeMap<String, double[]>, FeatureTable> {
    @Override
    public TreeMap<String, double[]> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public TreeMap<String, double[]> addInput(TreeMap<String, double[]> acc, KV<String, double[]> in) {
      acc.put(in.getKey(), in.getValue());
      return acc;
    }

    @Override
    public TreeMap<String, double[]> mergeAccumulators(Iterable<TreeMap<String, double[]>> accs) {
      TreeMap<String, double[]> merged = new TreeMap<>();
      for (TreeMap<String, double[]> acc : accs) {
        merged.putAll(acc);
      }
      return merged;
    }

    @Override
    public FeatureTable extractOutput(TreeMap<String, double[]> acc) {
      List<String> ids = new ArrayList<>(acc.size());
      double[][] rows = new double[acc.size()][];
      int i = 0;
      for (Map.Entry<String, double[]> e : acc.entrySet()) {
        ids.add(e.getKey());
        rows[i++] = e.getValue();
      }
      return new FeatureTable(ids, rows);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Coder<TreeMap<String, double[]>> getAccumulatorCoder(
        CoderRegistry registry, Coder<KV<String, double[]>> inputCoder) {
      return (Coder) SerializableCoder.of(TreeMap.class);
    }

    @Override
    public Coder<FeatureTable> getDefaultOutputCoder(
        CoderRegistry registry, Coder<KV<String, double[]>> inputCoder) {
      return SerializableCoder.of(FeatureTable.class);
    }
  }
}
