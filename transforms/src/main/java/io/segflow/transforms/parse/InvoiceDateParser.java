// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.format.ResolverStyle;
import java.time.temporal.ChronoField;
import java.time.temporal.TemporalAccessor;
import java.util.Arrays;

/**
 * Parses invoice dates to seconds since 1970-01-01T00:00 on the input's own wall clock.
 *
 * <p>With no pattern ("auto") it recognises {@code yyyy-MM-dd HH:mm[:ss]} (also with a {@code T}),
 * {@code yyyy-MM-dd}, and {@code M/d/yyyy H:mm[:ss]} or {@code M/d/yyyy} (month first, as in the
 * original Online Retail export); a day-first file needs an explicit pattern such as {@code
 * d/M/yyyy H:mm}. Consecutive rows usually share an invoice date, so the last result is cached:
 * that makes parsing nearly free for the common case.
 *
 * <p>Not thread-safe (the cache); each DoFn instance owns one.
 */
public final class InvoiceDateParser {
  /** Returned for a value that does not parse. */
  public static final long INVALID = Long.MIN_VALUE;

  private final DateTimeFormatter formatter;
  private String lastText;
  private long lastValue;
  private byte[] lastBytes = new byte[32];
  private int lastBytesLength = -1;
  private long lastBytesValue;

  private InvoiceDateParser(DateTimeFormatter formatter) {
    this.formatter = formatter;
  }

  /**
   * A parser for one date pattern, or one that detects the pattern from the values.
   *
   * @param pattern a {@link DateTimeFormatter} pattern, or null / "auto" to detect
   */
  public static InvoiceDateParser forPattern(String pattern) {
    if (pattern == null || pattern.isBlank() || pattern.equalsIgnoreCase("auto")) {
      return new InvoiceDateParser(null);
    }
    return new InvoiceDateParser(strict(pattern));
  }

  /**
   * A strict formatter, so that 30/2/2011 is rejected rather than moved to 28/2. Strict resolving
   * needs the proleptic year ('u'), so the usual 'y' is read as 'u' outside quoted literals.
   */
  private static DateTimeFormatter strict(String pattern) {
    StringBuilder p = new StringBuilder(pattern.length());
    boolean quoted = false;
    for (int i = 0; i < pattern.length(); i++) {
      char c = pattern.charAt(i);
      if (c == '\'') {
        quoted = !quoted;
      }
      p.append(!quoted && c == 'y' ? 'u' : c);
    }
    return DateTimeFormatter.ofPattern(p.toString()).withResolverStyle(ResolverStyle.STRICT);
  }

  /** Fails with a message naming the pattern when it is not a valid DateTimeFormatter pattern. */
  public static void validatePattern(String pattern) {
    if (pattern != null && !pattern.isBlank() && !pattern.equalsIgnoreCase("auto")) {
      try {
        strict(pattern);
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException(
            "date format '" + pattern + "' is not a valid pattern: " + e.getMessage(), e);
      }
    }
  }

  public long parse(String text) {
    if (text.equals(lastText)) {
      return lastValue;
    }
    long value = formatter == null ? parseAuto(text.trim()) : parseWithFormatter(text.trim());
    lastText = text;
    lastValue = value;
    return value;
  }

  /**
   * {@link #parse(String)} of the UTF-8 (or ASCII) bytes {@code b[from, to)}, with its own cache of
   * the last bytes, so that a run of rows with the same date makes no String.
   */
  public long parseUtf8(byte[] b, int from, int to) {
    int len = to - from;
    if (len == lastBytesLength && Arrays.equals(b, from, to, lastBytes, 0, len)) {
      return lastBytesValue;
    }
    long value = parse(new String(b, from, len, StandardCharsets.UTF_8));
    if (lastBytes.length < len) {
      lastBytes = new byte[Math.max(len, 2 * lastBytes.length)];
    }
    System.arraycopy(b, from, lastBytes, 0, len);
    lastBytesLength = len;
    lastBytesValue = value;
    return value;
  }

  private long parseWithFormatter(String s) {
    try {
      TemporalAccessor t = formatter.parse(s);
      LocalDate date = LocalDate.from(t);
      int hour = t.isSupported(ChronoField.HOUR_OF_DAY) ? t.get(ChronoField.HOUR_OF_DAY) : 0;
      int minute =
          t.isSupported(ChronoField.MINUTE_OF_HOUR) ? t.get(ChronoField.MINUTE_OF_HOUR) : 0;
      int second =
          t.isSupported(ChronoField.SECOND_OF_MINUTE) ? t.get(ChronoField.SECOND_OF_MINUTE) : 0;
      return date.atTime(hour, minute, second).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeParseException e) {
      return INVALID;
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  private static long parseAuto(String s) {
    int[] f = new int[6];
    int count;
    if (s.length() >= 10 && s.charAt(4) == '-') {
      count = numbers(s, f, "-- ::");
    } else if (s.indexOf('/') > 0) {
      count = numbers(s, f, "// ::");
      if (count >= 3) {
        int month = f[0];
        int day = f[1];
        f[0] = f[2];
        f[1] = month;
        f[2] = day;
      }
    } else {
      return INVALID;
    }
    if (count != 3 && count != 5 && count != 6) {
      return INVALID;
    }
    try {
      return LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5]).toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  /**
   * Reads up to six unsigned numbers separated as {@code seps} says ('-' or '/' in the date, a
   * space or 'T' between date and time, ':' in the time). Returns how many were read, or -1 on
   * anything unexpected.
   */
  private static int numbers(String s, int[] out, String seps) {
    int i = 0;
    int count = 0;
    int len = s.length();
    while (count < 6) {
      int start = i;
      int v = 0;
      while (i < len && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 9) {
        v = v * 10 + (s.charAt(i) - '0');
        i++;
      }
      if (i == start) {
        return -1;
      }
      out[count++] = v;
      if (i == len) {
        return count;
      }
      if (count == 6) {
        return -1; // text after the seconds (fractions, zones, AM/PM): not a form we accept
      }
      char sep = s.charAt(i);
      char expected = seps.charAt(count - 1);
      boolean ok = expected == ' ' ? (sep == ' ' || sep == 'T') : sep == expected;
      if (!ok) {
        return -1;
      }
      i++;
      if (expected == ' ') {
        while (i < len && s.charAt(i) == ' ') {
          i++;
        }
      }
    }
    return -1;
  }
}
