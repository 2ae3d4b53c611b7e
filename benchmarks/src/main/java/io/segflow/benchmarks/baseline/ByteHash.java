// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

/**
 * 64-bit hashes of byte ranges and numbers: FNV-1a over the bytes, finished with a 64-bit mixer so
 * that the low bits (the slot of an open-addressing table) are as random as the high ones.
 */
final class ByteHash {
  private static final long OFFSET = 0xcbf29ce484222325L;
  private static final long PRIME = 0x100000001b3L;

  private ByteHash() {}

  static long of(byte[] b, int from, int to) {
    long h = OFFSET;
    for (int i = from; i < to; i++) {
      h = (h ^ (b[i] & 0xFF)) * PRIME;
    }
    return mix(h ^ (to - from));
  }

  /** A hash of the sequence (h, v): feeding fields one by one, order and boundaries matter. */
  static long combine(long h, long v) {
    return mix(h * 0x9E3779B97F4A7C15L + v);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser. */
  static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
