// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
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
 * <p>With no pattern ("auto") it recognises {@code yyyy-MM-dd HH:mm[:ss[.fff]]} (also with a {@code
 * T}, and with an offset or {@code Z} after the time), {@code yyyy-MM-dd}, {@code yyyyMMdd}, and
 * {@code M/d/yyyy H:mm[:ss]} or {@code M/d/yyyy} (month first, as in the original Online Retail
 * export; {@value #AUTO_DAY_FIRST} reads them day first). {@value #EPOCH_SECONDS} and {@value
 * #EPOCH_MILLIS} read Unix times. A value that names an instant (an offset, a {@code Z}, a Unix
 * time) is placed on the wall clock of the input's time zone, so that calendar days, and recency,
 * are that zone's; values without one are taken as written. Consecutive rows usually share an
 * invoice date, so the last result is cached: that makes parsing nearly free for the common case.
 *
 * <p>Not thread-safe (the cache); each DoFn instance owns one.
 */
public final class InvoiceDateParser {
  /** Returned for a value that does not parse. */
  public static final long INVALID = Long.MIN_VALUE;

  /** Auto, with slash dates read day first ({@code d/M/yyyy}). */
  public static final String AUTO_DAY_FIRST = "auto-day-first";

  public static final String EPOCH_SECONDS = "epoch_seconds";
  public static final String EPOCH_MILLIS = "epoch_millis";

  private final DateTimeFormatter formatter;
  private final boolean dayFirst;
  private final long epochUnit;
  private final ZoneId zone;
  private String lastText;
  private long lastValue;
  private byte[] lastBytes = new byte[32];
  private int lastBytesLength = -1;
  private long lastBytesValue;

  private InvoiceDateParser(
      DateTimeFormatter formatter, boolean dayFirst, long epochUnit, ZoneId zone) {
    this.formatter = formatter;
    this.dayFirst = dayFirst;
    this.epochUnit = epochUnit;
    this.zone = zone;
  }

  /**
   * A parser for one date pattern, or one that detects the pattern from the values.
   *
   * @param pattern a {@link DateTimeFormatter} pattern, null / "auto" to detect, {@value
   *     #AUTO_DAY_FIRST}, {@value #EPOCH_SECONDS} or {@value #EPOCH_MILLIS}
   */
  public static InvoiceDateParser forPattern(String pattern) {
    return forPattern(pattern, ZoneOffset.UTC);
  }

  /**
   * A parser for one date pattern (or detection) that puts instants on {@code zone}'s calendar.
   *
   * @param zone the zone whose calendar an instant (a value with an offset, a Unix time) is put on
   */
  public static InvoiceDateParser forPattern(String pattern, ZoneId zone) {
    if (isAuto(pattern)) {
      return new InvoiceDateParser(null, false, 0, zone);
    }
    if (pattern.equalsIgnoreCase(AUTO_DAY_FIRST)) {
      return new InvoiceDateParser(null, true, 0, zone);
    }
    if (epochUnit(pattern) > 0) {
      return new InvoiceDateParser(null, false, epochUnit(pattern), zone);
    }
    return new InvoiceDateParser(strict(pattern), false, 0, zone);
  }

  /** Whether {@code pattern} asks for detection (null, blank or "auto"). */
  public static boolean isAuto(String pattern) {
    return pattern == null || pattern.isBlank() || pattern.equalsIgnoreCase("auto");
  }

  /** Units per second of a Unix-time format; 0 for any other. */
  private static long epochUnit(String pattern) {
    String p = pattern.toLowerCase(java.util.Locale.ROOT).replace('-', '_');
    return p.equals(EPOCH_SECONDS) ? 1 : p.equals(EPOCH_MILLIS) ? 1000 : 0;
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
    if (!isAuto(pattern) && !pattern.equalsIgnoreCase(AUTO_DAY_FIRST) && epochUnit(pattern) == 0) {
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
    long value =
        epochUnit > 0
            ? parseEpoch(text.trim())
            : formatter == null ? parseAuto(text.trim()) : parseWithFormatter(text.trim());
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

  /** A Unix time in whole seconds or milliseconds, put on the zone's wall clock. */
  private long parseEpoch(String s) {
    if (s.isEmpty() || s.length() > 18) {
      return INVALID;
    }
    long v = 0;
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return INVALID;
      }
      v = v * 10 + (c - '0');
    }
    return onWallClock(Math.floorDiv(v, epochUnit));
  }

  /** The wall-clock seconds, in this parser's zone, of the instant {@code epochSecond}. */
  @SuppressWarnings("ReferenceEquality") // ZoneOffset.UTC is a constant: a fast path, not equality
  private long onWallClock(long epochSecond) {
    if (zone == ZoneOffset.UTC) {
      return epochSecond;
    }
    try {
      return LocalDateTime.ofInstant(Instant.ofEpochSecond(epochSecond), zone)
          .toEpochSecond(ZoneOffset.UTC);
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  private long parseWithFormatter(String s) {
    try {
      TemporalAccessor t = formatter.parse(s);
      if (t.isSupported(ChronoField.OFFSET_SECONDS) && t.isSupported(ChronoField.HOUR_OF_DAY)) {
        return onWallClock(OffsetDateTime.from(t).toEpochSecond());
      }
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

  private long parseAuto(String s) {
    int[] f = new int[6];
    int count;
    int offset = NO_OFFSET;
    if (s.length() >= 10 && s.charAt(4) == '-') {
      int zoneAt = zoneStart(s);
      if (zoneAt >= 0) {
        offset = offsetSeconds(s, zoneAt);
        if (offset == BAD_OFFSET) {
          return INVALID;
        }
        s = s.substring(0, zoneAt);
      }
      s = withoutFraction(s);
      count = numbers(s, f, "-- ::");
    } else if (s.length() == 8 && s.chars().allMatch(c -> c >= '0' && c <= '9')) {
      f[0] = Integer.parseInt(s.substring(0, 4));
      f[1] = Integer.parseInt(s.substring(4, 6));
      f[2] = Integer.parseInt(s.substring(6, 8));
      count = 3;
    } else if (s.indexOf('/') > 0) {
      count = numbers(s, f, "// ::");
      if (count >= 3) {
        int month = dayFirst ? f[1] : f[0];
        int day = dayFirst ? f[0] : f[1];
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
    if (offset != NO_OFFSET && count == 3) {
      return INVALID; // an offset needs a time
    }
    try {
      LocalDateTime t = LocalDateTime.of(f[0], f[1], f[2], f[3], f[4], f[5]);
      return offset == NO_OFFSET
          ? t.toEpochSecond(ZoneOffset.UTC)
          : onWallClock(t.toEpochSecond(ZoneOffset.UTC) - offset);
    } catch (DateTimeException e) {
      return INVALID;
    }
  }

  private static final int NO_OFFSET = Integer.MIN_VALUE;
  private static final int BAD_OFFSET = Integer.MAX_VALUE;

  /** Where a trailing {@code Z} or {@code ±HH[:MM]} begins after an ISO time; -1 if none. */
  private static int zoneStart(String s) {
    int time = Math.max(s.indexOf('T'), s.indexOf(' '));
    if (time < 0) {
      return -1;
    }
    if (s.endsWith("Z") || s.endsWith("z")) {
      return s.length() - 1;
    }
    for (int i = s.length() - 1; i > time; i--) {
      char c = s.charAt(i);
      if (c == '+' || c == '-') {
        return i;
      }
    }
    return -1;
  }

  /** Seconds east of UTC of {@code Z}, {@code ±HH}, {@code ±HHMM} or {@code ±HH:MM}. */
  private static int offsetSeconds(String s, int at) {
    String z = s.substring(at);
    if (z.equalsIgnoreCase("Z")) {
      return 0;
    }
    String digits = z.substring(1).replace(":", "");
    if (!(digits.length() == 2 || digits.length() == 4)
        || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return BAD_OFFSET;
    }
    int hours = Integer.parseInt(digits.substring(0, 2));
    int minutes = digits.length() == 4 ? Integer.parseInt(digits.substring(2)) : 0;
    if (hours > 18 || minutes > 59) {
      return BAD_OFFSET;
    }
    int seconds = hours * 3600 + minutes * 60;
    return z.charAt(0) == '-' ? -seconds : seconds;
  }

  /** The text without a fraction of a second ({@code :ss.fff}); fractions are dropped. */
  private static String withoutFraction(String s) {
    int dot = s.lastIndexOf('.');
    if (dot > 0 && s.lastIndexOf(':') > 0 && dot > s.lastIndexOf(':')) {
      for (int i = dot + 1; i < s.length(); i++) {
        if (s.charAt(i) < '0' || s.charAt(i) > '9') {
          return s;
        }
      }
      return dot + 1 < s.length() ? s.substring(0, dot) : s;
    }
    return s;
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
