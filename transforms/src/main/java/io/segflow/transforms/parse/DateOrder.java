// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

/**
 * Decides from the data whether slash dates ({@code a/b/yyyy}) are day first or month first: a
 * first field above 12 can only be a day, a second field above 12 only a day too. Feed it every
 * date of the input; it keeps the first example of each kind of evidence for messages.
 */
public final class DateOrder {
  /** What the dates seen so far say. */
  public enum Verdict {
    /** No slash dates: the order does not matter. */
    NOT_SLASH_DATES,
    DAY_FIRST,
    MONTH_FIRST,
    /** Every slash date reads both ways (both fields at most 12). */
    AMBIGUOUS,
    /** Some dates can only be day first, others only month first. */
    CONTRADICTORY
  }

  private long slashDates;
  private String dayFirstExample;
  private String monthFirstExample;

  /** Takes one date value (others than {@code a/b/...}, and impossible ones, are ignored). */
  public void add(String value) {
    String s = value.trim();
    int first = s.indexOf('/');
    if (first <= 0) {
      return;
    }
    int second = s.indexOf('/', first + 1);
    if (second < 0) {
      return;
    }
    int a = number(s, 0, first);
    int b = number(s, first + 1, second);
    if (a < 1 || b < 1 || a > 31 || b > 31 || (a > 12 && b > 12)) {
      return; // not a date either way: no evidence (the row is a bad_date)
    }
    slashDates++;
    if (a > 12 && dayFirstExample == null) {
      dayFirstExample = s;
    }
    if (b > 12 && monthFirstExample == null) {
      monthFirstExample = s;
    }
  }

  private static int number(String s, int from, int to) {
    if (to - from < 1 || to - from > 2) {
      return -1;
    }
    int v = 0;
    for (int i = from; i < to; i++) {
      char c = s.charAt(i);
      if (c < '0' || c > '9') {
        return -1;
      }
      v = v * 10 + (c - '0');
    }
    return v;
  }

  public long slashDates() {
    return slashDates;
  }

  /** Whether a date that can be read one way only has been seen (the verdict is no longer open). */
  public boolean decided() {
    return dayFirstExample != null || monthFirstExample != null;
  }

  public Verdict verdict() {
    if (slashDates == 0) {
      return Verdict.NOT_SLASH_DATES;
    }
    if (dayFirstExample != null && monthFirstExample != null) {
      return Verdict.CONTRADICTORY;
    }
    if (dayFirstExample != null) {
      return Verdict.DAY_FIRST;
    }
    return monthFirstExample != null ? Verdict.MONTH_FIRST : Verdict.AMBIGUOUS;
  }

  /** A date that can only be day first, or null. */
  public String dayFirstExample() {
    return dayFirstExample;
  }

  /** A date that can only be month first, or null. */
  public String monthFirstExample() {
    return monthFirstExample;
  }
}
