// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Quantity and unit price read straight from bytes. The common forms ({@code 12}, {@code 6.0},
 * {@code 2.55}) take a fast path; anything else goes through {@link BigDecimal} or {@link
 * Double#parseDouble}, so that every value comes out as Segflow's parser reads it.
 */
final class Numbers {
  /** Returned by {@link #wholeNumber} for a value that is not a whole number in range of a long. */
  static final long NOT_WHOLE = Long.MIN_VALUE;

  private static final double[] POW10 = {
    1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11, 1e12, 1e13, 1e14, 1e15
  };

  private Numbers() {}

  /** A whole number, also with a zero fraction ("6.0", "6."); {@link #NOT_WHOLE} otherwise. */
  static long wholeNumber(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    int digits = i;
    long v = 0;
    while (i < to && i - digits < 18 && isDigit(b[i])) {
      v = v * 10 + (b[i] - '0');
      i++;
    }
    if (i > digits && i < to && b[i] == '.') {
      int j = i + 1;
      while (j < to && b[j] == '0') {
        j++;
      }
      i = j == to ? to : i;
    }
    if (i > digits && i == to) {
      return negative ? -v : v;
    }
    try {
      return new BigDecimal(ascii(b, from, to)).longValueExact();
    } catch (ArithmeticException | NumberFormatException e) {
      return NOT_WHOLE;
    }
  }

  /** A finite plain decimal number; NaN otherwise ("NaN", "Infinity", "1d", "0x1p3" included). */
  static double decimal(byte[] b, int from, int to) {
    int i = from;
    boolean negative = false;
    if (i < to && (b[i] == '-' || b[i] == '+')) {
      negative = b[i] == '-';
      i++;
    }
    long mantissa = 0;
    int digits = 0;
    int fractionDigits = -1;
    for (; i < to; i++) {
      byte c = b[i];
      if (isDigit(c) && digits < 15) {
        mantissa = mantissa * 10 + (c - '0');
        digits++;
        if (fractionDigits >= 0) {
          fractionDigits++;
        }
      } else if (c == '.' && fractionDigits < 0) {
        fractionDigits = 0;
      } else {
        return slowDecimal(b, from, to);
      }
    }
    if (digits == 0) {
      return slowDecimal(b, from, to);
    }
    // Both operands are exact doubles (< 2^53 and <= 10^15), and IEEE division rounds correctly:
    // the quotient is the double nearest the decimal, as Double.parseDouble returns it.
    double v = fractionDigits <= 0 ? mantissa : mantissa / POW10[fractionDigits];
    return negative ? -v : v;
  }

  private static double slowDecimal(byte[] b, int from, int to) {
    for (int i = from; i < to; i++) {
      byte c = b[i];
      if (!isDigit(c) && c != '.' && c != 'e' && c != 'E' && c != '-' && c != '+') {
        return Double.NaN;
      }
    }
    try {
      double v = Double.parseDouble(ascii(b, from, to));
      return Double.isInfinite(v) ? Double.NaN : v;
    } catch (NumberFormatException e) {
      return Double.NaN;
    }
  }

  private static boolean isDigit(byte c) {
    return c >= '0' && c <= '9';
  }

  private static String ascii(byte[] b, int from, int to) {
    return new String(b, from, to - from, StandardCharsets.ISO_8859_1);
  }
}
