// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

/**
 * A 128-bit fingerprint of a parsed row, fed field by field without building an intermediate
 * string: two independent 64-bit FNV-1a-style hashes over the characters and numbers, with a
 * separator between fields so that ("ab","c") and ("a","bc") differ, finished with a 64-bit mixer.
 * Used to recognise exact duplicate rows; an accidental match between two different rows is about
 * as likely as 2^-128 (not a defence against rows crafted to collide).
 */
final class RowFingerprint {
  private static final long PRIME_1 = 0x100000001b3L;
  private static final long PRIME_2 = 0x9E3779B97F4A7C15L;
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
    for (int i = 0, n = s.length(); i < n; i++) {
      addChar(s.charAt(i));
    }
    return separator();
  }

  /**
   * The same as {@code add(new String(b, from, to - from, UTF_8))} for well-formed UTF-8, without
   * making the String: the hash is over the UTF-16 chars the bytes decode to.
   */
  RowFingerprint addUtf8(byte[] b, int from, int to) {
    long x = h1; // locals, not fields, in the loop: it runs over most bytes of every row
    long y = h2;
    int i = from;
    while (i < to) {
      int c = b[i++];
      if (c < 0) {
        if ((c & 0xE0) == 0xC0) {
          c = (c & 0x1F) << 6 | (b[i] & 0x3F);
          i += 1;
        } else if ((c & 0xF0) == 0xE0) {
          c = (c & 0x0F) << 12 | (b[i] & 0x3F) << 6 | (b[i + 1] & 0x3F);
          i += 2;
        } else { // four bytes: two UTF-16 chars, the high surrogate first
          int cp = (c & 0x07) << 18 | (b[i] & 0x3F) << 12 | (b[i + 1] & 0x3F) << 6
              | (b[i + 2] & 0x3F);
          i += 3;
          x = (x ^ Character.highSurrogate(cp)) * PRIME_1;
          y = Long.rotateLeft((y ^ Character.highSurrogate(cp)) * PRIME_2, 29);
          c = Character.lowSurrogate(cp);
        }
      }
      x = (x ^ c) * PRIME_1;
      y = Long.rotateLeft((y ^ c) * PRIME_2, 29);
    }
    h1 = x;
    h2 = y;
    return separator();
  }

  private void addChar(int c) {
    h1 = (h1 ^ c) * PRIME_1;
    h2 = Long.rotateLeft((h2 ^ c) * PRIME_2, 29);
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
