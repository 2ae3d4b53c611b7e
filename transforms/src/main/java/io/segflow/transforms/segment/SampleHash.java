// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.nio.charset.StandardCharsets;

/**
 * A seeded 64-bit hash of a customer id, the same in every JVM: FNV-1a over the id's UTF-8 bytes,
 * then a SplitMix64 finaliser so that nearby ids spread over the whole range. The customers with
 * the smallest hashes form a uniform random sample that does not depend on how the data is split or
 * ordered (a bottom-k sample).
 */
final class SampleHash {
  private SampleHash() {}

  static long of(String customerId, long seed) {
    long h = 0xCBF2_9CE4_8422_2325L ^ mix(seed);
    for (byte b : customerId.getBytes(StandardCharsets.UTF_8)) {
      h ^= b & 0xFF;
      h *= 0x0000_0100_0000_01B3L;
    }
    return mix(h);
  }

  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xBF58_476D_1CE4_E5B9L;
    z = (z ^ (z >>> 27)) * 0x94D0_49BB_1331_11EBL;
    return z ^ (z >>> 31);
  }
}
