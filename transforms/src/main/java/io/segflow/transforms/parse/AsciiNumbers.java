// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

/**
 * Reads the common spellings of numbers straight from ASCII bytes: an optional sign and digits, for
 * a decimal also one point. Anything else (exponents, long digit strings, stray characters) is left
 * to the String parsers, which then decide; the results here are exactly theirs.
 */
final class AsciiNumbers {
  /** Returned when the bytes are not a number of the simple form. */
  static final long NOT_SIMPLE = Long.MIN_VALUE;

  /** Powers of ten that are exact doubles. */
  private static final double[] POWERS_OF_TEN = new double[16];

  static {
    double p = 1;
    for (int i = 0; i < POWERS_OF_TEN.length; i++) {
      POWERS_OF_TEN[i] = p;
      p *= 10;
    }
  }

  private AsciiNumbers() {}

  /** [sign] 1 to 18 digits, as {@link Long#parseLong}; {@link #NOT_SIMPLE} otherwise. */
  static long wholeNumber(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    if (i == to || to - i > 18) {
      return NOT_SIMPLE;
    }
    long v = 0;
    for (; i < to; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return NOT_SIMPLE;
      }
      v = v * 10 + d;
    }
    return negative ? -v : v;
  }

  /**
   * [sign] digits with at most one point and at most 15 digits, as {@link Double#parseDouble} would
   * read it; NaN otherwise. The digits form an integer below 2^53 and the divisor a power of ten
   * below 10^16, both exact doubles, so their one correctly rounded division is the correctly
   * rounded value of the decimal, which is what parseDouble returns.
   */
  static double decimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long digits = 0;
    int count = 0;
    int point = -1;
    for (; i < to; i++) {
      byte c = b[i];
      if (c == '.' && point < 0) {
        point = count;
      } else {
        int d = c - '0';
        if (d < 0 || d > 9 || ++count > 15) {
          return Double.NaN;
        }
        digits = digits * 10 + d;
      }
    }
    if (count == 0) {
      return Double.NaN;
    }
    double v = point < 0 ? digits : digits / POWERS_OF_TEN[count - point];
    return negative ? -v : v;
  }
}
