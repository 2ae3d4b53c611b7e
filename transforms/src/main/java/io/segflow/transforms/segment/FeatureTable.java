// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import org.apache.beam.sdk.values.KV;

/**
 * Training customers' feature vectors sorted by customer id: training must see the rows in the same
 * order on every runner, or k-means++ would start differently.
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
