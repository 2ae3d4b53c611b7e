// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

/**
 * Makes a text cell safe to open in a spreadsheet (OWASP "CSV injection"): a cell that starts with
 * {@code =}, {@code +}, {@code -}, {@code @}, a tab or a carriage return would be run as a formula,
 * so it gets a leading apostrophe, which spreadsheets show as text. Every CSV export meant for a
 * CRM or a spreadsheet (the CRM export) writes its text cells through {@link #cell}; numbers
 * written by the program itself are not text cells and are left alone.
 */
public final class SpreadsheetSafe {
  private SpreadsheetSafe() {}

  public static String cell(String value) {
    if (value == null || value.isEmpty()) {
      return value;
    }
    char c = value.charAt(0);
    boolean formula = c == '=' || c == '+' || c == '-' || c == '@' || c == '\t' || c == '\r';
    return formula ? "'" + value : value;
  }

  /** The cell as an RFC 4180 CSV field: neutralised, and quoted when it holds , " or a newline. */
  public static String csvField(String value) {
    String safe = cell(value);
    if (safe == null) {
      return "";
    }
    if (safe.indexOf(',') >= 0
        || safe.indexOf('"') >= 0
        || safe.indexOf('\n') >= 0
        || safe.indexOf('\r') >= 0) {
      return '"' + safe.replace("\"", "\"\"") + '"';
    }
    return safe;
  }
}
