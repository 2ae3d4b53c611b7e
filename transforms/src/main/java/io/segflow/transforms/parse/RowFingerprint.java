// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * A 128-bit fingerprint of a parsed row, fed field by field without building an intermediate
 * string: two independent 64-bit FNV-1a-style hashes over the fields' UTF-8 bytes, eight at a time,
 * and the numbers, each field closed by its length so that ("ab","c") and ("a","bc") differ,
 * finished with a 64-bit mixer. Text is hashed as UTF-8 so that a field read straight from the
 * file's bytes and the same field as a String hash alike. Used to recognise exact duplicate rows;
 * an accidental match between two different rows is about as likely as 2^-128 (not a defence
 * against rows crafted to collide).
 */
final class RowFingerprint {
  private static final long PRIME_1 = 0x100000001b3L;
  private static final long PRIME_2 = 0x9E3779B97F4A7C15L;
  private static final VarHandle LONGS =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.LITTLE_ENDIAN);
  private long h1;
  private long h2;

  RowFingerprint reset() {
    h1 = 0xcbf29ce484222325L;
    h2 = 0x84222325cbf29ce4L;
    return this;
  }

  RowFingerprint add(String s) {
    if (s == null) {
      return addLong(0x7FF8DEADBEEFL);
    }
    byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
    return addUtf8(utf8, 0, utf8.length);
  }

  /** The same as {@code add(new String(b, from, to - from, UTF_8))} for well-formed UTF-8. */
  RowFingerprint addUtf8(byte[] b, int from, int to) {
    long x = h1; // locals, not fields, in the loop: it runs over most bytes of every row
    long y = h2;
    int i = from;
    for (; i + 8 <= to; i += 8) {
      long w = (long) LONGS.get(b, i);
      x = (x ^ w) * PRIME_1;
      y = Long.rotateLeft((y ^ w) * PRIME_2, 29);
    }
    if (i < to) {
      long w = 0;
      for (int shift = 0; i < to; i++, shift += 8) {
        w |= (b[i] & 0xFFL) << shift;
      }
      x = (x ^ w) * PRIME_1;
      y = Long.rotateLeft((y ^ w) * PRIME_2, 29);
    }
    h1 = x;
    h2 = y;
    return addLong(to - from); // the length ends the field: zero padding of the last word is moot
  }

  RowFingerprint addLong(long v) {
    h1 = (h1 ^ v) * PRIME_1;
    h2 = Long.rotateLeft((h2 ^ v) * PRIME_2, 29);
    return separator();
  }

  private RowFingerprint separator() {
    h1 = (h1 ^ 0x1F) * PRIME_1;
    h2 = Long.rotateLeft((h2 ^ 0x1F) * PRIME_2, 29);
    return this;
  }

  long hi() {
    return mix(h1);
  }

  long lo() {
    return mix(h2 ^ h1 >>> 17);
  }

  /** Stafford's variant 13 of the MurmurHash3 finaliser. */
  private static long mix(long z) {
    z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
    z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
    return z ^ (z >>> 31);
  }
}
