// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;

/**
 * How a model was trained on a sample because there were more customers than {@link
 * Sampling#threshold()}: the {@code size} customers with the smallest {@link SampleHash} of their
 * id under {@code seed}, a uniform sample without replacement chosen with Beam's {@code Top}
 * combine (each worker keeps only its smallest hashes).
 */
public record TrainingSample(int size, long threshold, long seed) implements Serializable {
  public static final String METHOD =
      "uniform random sample without replacement: the customers with the "
          + "smallest seeded 64-bit hash of customer_id (bottom-k), chosen with a distributed Beam Top combine";
}
