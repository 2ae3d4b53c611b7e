// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.math.BigInteger;
import java.nio.ByteBuffer;

/**
 * The exact sum of any number of doubles, rounded once at the end. A distributed combine adds and
 * merges in an order that changes from run to run and between runners; a plain {@code double} sum
 * then differs in its last bits, and so would the outputs. This sum is the same whatever the order.
 *
 * <p>How: every finite double is an integer times a power of two, m·2^(e−1075) with m below 2^53.
 * The integer is added, shifted to its exponent, into 32-bit limbs held in longs (a fixed-point
 * number wide enough for every double: a Kulisch accumulator). Limbs are normalised before they
 * could overflow. Adding costs a few shifts and three long additions; {@link #value()} rounds the
 * total once. Non-finite values are summed apart and win.
 */
public final class ExactSum implements Serializable {
  private static final long serialVersionUID = 1L;
  private static final int LIMBS = 2048 / 32 + 3;
  private static final long MASK = 0xFFFF_FFFFL;

  /** Each add puts less than 2^32 into a limb, so 2^30 adds can never overflow a long. */
  private static final int ADDS_BEFORE_NORMALISING = 1 << 30;

  private final long[] limbs = new long[LIMBS];
  private int pendingAdds;
  private double nonFinite;
  private boolean anyNonFinite;

  public void add(double v) {
    if (!Double.isFinite(v)) {
      nonFinite += v;
      anyNonFinite = true;
      return;
    }
    if (v == 0) {
      return;
    }
    long bits = Double.doubleToRawLongBits(v);
    int exponent = (int) ((bits >>> 52) & 0x7FF);
    long mantissa = bits & ((1L << 52) - 1);
    if (exponent == 0) {
      exponent = 1; // subnormal: no implicit leading bit
    } else {
      mantissa |= 1L << 52;
    }
    int limb = exponent >>> 5;
    int shift = exponent & 31;
    long low = mantissa << shift; // the shifted mantissa has at most 84 bits: three limbs
    long high = shift == 0 ? 0 : mantissa >>> (64 - shift);
    long sign = bits < 0 ? -1 : 1;
    limbs[limb] += sign * (low & MASK);
    limbs[limb + 1] += sign * (low >>> 32);
    limbs[limb + 2] += sign * high;
    if (++pendingAdds == ADDS_BEFORE_NORMALISING) {
      normalise();
    }
  }

  /** Adds everything {@code other} holds; {@code other} is unchanged. */
  public ExactSum merge(ExactSum other) {
    normalise();
    other.normalise();
    for (int i = 0; i < LIMBS; i++) {
      limbs[i] += other.limbs[i];
    }
    carry(limbs);
    nonFinite += other.nonFinite;
    anyNonFinite |= other.anyNonFinite;
    return this;
  }

  /** The sum, rounded to the nearest double. */
  public double value() {
    if (anyNonFinite) {
      return nonFinite;
    }
    normalise();
    long[] m = limbs.clone();
    int signum = 1;
    if (m[LIMBS - 1] < 0) {
      signum = -1;
      for (int i = 0; i < LIMBS; i++) {
        m[i] = -m[i];
      }
      carry(m);
    }
    ByteBuffer bigEndian = ByteBuffer.allocate((LIMBS - 1) * 4 + 8).putLong(m[LIMBS - 1]);
    for (int i = LIMBS - 2; i >= 0; i--) {
      bigEndian.putInt((int) m[i]);
    }
    BigInteger magnitude = new BigInteger(1, bigEndian.array());
    if (magnitude.signum() == 0) {
      return 0.0;
    }
    // keep the top 62 bits and OR the rest into a sticky bit: long → double then rounds as the
    // whole would
    int shift = Math.max(0, magnitude.bitLength() - 62);
    long top = magnitude.shiftRight(shift).longValue();
    if (shift > 0 && magnitude.getLowestSetBit() < shift) {
      top |= 1;
    }
    return signum * Math.scalb((double) top, shift - 1075);
  }

  private void normalise() {
    if (pendingAdds > 0) {
      carry(limbs);
      pendingAdds = 0;
    }
  }

  /** Carries so that every limb but the top one lies in [0, 2^32). */
  private static void carry(long[] limbs) {
    for (int i = 0; i < LIMBS - 1; i++) {
      long carry = limbs[i] >> 32; // floor division by 2^32, also for negative limbs
      limbs[i] -= carry << 32;
      limbs[i + 1] += carry;
    }
  }
}
