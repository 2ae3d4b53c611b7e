// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import java.util.Locale;

/**
 * HTML escaping and number formatting for the report; every string from the data goes through
 * {@link #esc}.
 */
public final class Html {
  private Html() {}

  /** Escapes text for HTML element content and quoted attribute values. */
  public static String esc(Object value) {
    if (value == null) {
      return "";
    }
    String s = value.toString();
    StringBuilder sb = new StringBuilder(s.length() + 16);
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '&' -> sb.append("&amp;");
        case '<' -> sb.append("&lt;");
        case '>' -> sb.append("&gt;");
        case '"' -> sb.append("&quot;");
        case '\'' -> sb.append("&#39;");
        default -> sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * Makes JSON safe to embed in a {@code <script type="application/json">}: no '<', '>' or '&' is
   * left, so no {@code </script>} or comment opener can appear (JSON parsers read the escapes
   * back).
   */
  public static String scriptJson(String json) {
    return json.replace("<", "\\u003c")
        .replace(">", "\\u003e")
        .replace("&", "\\u0026")
        .replace("\u2028", "\\u2028")
        .replace("\u2029", "\\u2029");
  }

  /** A number with a fixed count of decimals, in the root locale. */
  public static String num(double v, int decimals) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "–";
    }
    return String.format(Locale.ROOT, "%,." + decimals + "f", v);
  }

  /** A count with thousands separators, in the root locale. */
  public static String count(long n) {
    return String.format(Locale.ROOT, "%,d", n);
  }

  /** A coordinate for SVG: short, in the root locale. */
  static String c(double v) {
    if (Double.isNaN(v) || Double.isInfinite(v)) {
      return "0";
    }
    return String.format(Locale.ROOT, "%.1f", v);
  }

  public static String pct(double share) {
    return num(100 * share, 1) + "%";
  }
}
