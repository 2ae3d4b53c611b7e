// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.time.DateTimeException;
import java.time.LocalDate;

/**
 * The fast path for the commonest invoice date form, {@code yyyy-MM-dd HH:mm[:ss]} (also with a
 * {@code T}), read from fixed positions without making a string. Other forms are left to Segflow's
 * {@code InvoiceDateParser}.
 */
final class IsoDateTime {
  /** Returned when the text is not in this exact form (it may still be a valid date). */
  static final long NOT_THIS_FORM = Long.MAX_VALUE;

  private static final long SECONDS_PER_DAY = 86_400L;
  private int lastDate = -1; // yyyymmdd
  private long lastEpochDay;

  /** Seconds since 1970-01-01T00:00 on the input's clock, or {@link #NOT_THIS_FORM}. */
  long seconds(byte[] b, int from, int to) {
    int n = to - from;
    if ((n != 16 && n != 19)
        || b[from + 4] != '-'
        || b[from + 7] != '-'
        || (b[from + 10] != ' ' && b[from + 10] != 'T')
        || b[from + 13] != ':'
        || (n == 19 && b[from + 16] != ':')) {
      return NOT_THIS_FORM;
    }
    int year = digits(b, from, 4);
    int month = digits(b, from + 5, 2);
    int day = digits(b, from + 8, 2);
    int hour = digits(b, from + 11, 2);
    int minute = digits(b, from + 14, 2);
    int second = n == 19 ? digits(b, from + 17, 2) : 0;
    if (year < 0
        || month < 0
        || day < 0
        || hour < 0
        || hour > 23
        || minute < 0
        || minute > 59
        || second < 0
        || second > 59) {
      return NOT_THIS_FORM;
    }
    int date = year * 10_000 + month * 100 + day;
    if (date != lastDate) {
      try {
        lastEpochDay = LocalDate.of(year, month, day).toEpochDay();
      } catch (DateTimeException e) {
        return NOT_THIS_FORM; // 2011-02-30: the slow path rejects it with Segflow's rules
      }
      lastDate = date;
    }
    return lastEpochDay * SECONDS_PER_DAY + hour * 3600L + minute * 60L + second;
  }

  /** The decimal number in b[at, at + count), or -1 when a byte is not a digit. */
  private static int digits(byte[] b, int at, int count) {
    int v = 0;
    for (int i = at; i < at + count; i++) {
      int d = b[i] - '0';
      if (d < 0 || d > 9) {
        return -1;
      }
      v = v * 10 + d;
    }
    return v;
  }
}
