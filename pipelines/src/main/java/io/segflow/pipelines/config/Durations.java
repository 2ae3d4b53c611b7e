// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Durations as people write them in a config or on a command line: 90s, 30m, 2h, 1d or PT30M. */
public final class Durations {
  private static final Pattern SHORT = Pattern.compile("(\\d+)\\s*(ms|s|m|h|d)?");

  private Durations() {}

  /**
   * A duration written as 90s, 30m, 2h, 1d or ISO-8601 (PT30M); empty means zero.
   *
   * @throws ConfigException naming {@code key} for anything else
   */
  public static Duration parse(String key, String text) {
    if (text == null || text.isBlank()) {
      return Duration.ZERO;
    }
    String t = text.trim();
    Matcher m = SHORT.matcher(t);
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      String unit = m.group(2) == null ? "s" : m.group(2);
      return switch (unit) {
        case "ms" -> Duration.ofMillis(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        case "d" -> Duration.ofDays(n);
        default -> Duration.ofSeconds(n);
      };
    }
    try {
      Duration d = Duration.parse(t);
      if (!d.isNegative()) {
        return d;
      }
    } catch (DateTimeParseException e) {
      // reported below
    }
    throw new ConfigException(
        key + " must be a duration such as 90s, 30m, 2h or PT30M, got '" + text + "'");
  }
}
