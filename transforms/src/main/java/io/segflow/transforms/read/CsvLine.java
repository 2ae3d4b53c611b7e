// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

/**
 * Renders values as one RFC 4180 record, the form the parser reads: a value holding a comma, a
 * quote or a line break is quoted (quotes doubled), NULL is an empty field. No spreadsheet
 * neutralising: this is the row as read, for the parser and for rejected/.
 */
public final class CsvLine {
  private CsvLine() {}

  public static String join(String[] values) {
    StringBuilder sb = new StringBuilder(16 * values.length);
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        sb.append(',');
      }
      String v = values[i];
      if (v == null) {
        continue;
      }
      if (needsQuotes(v)) {
        sb.append('"').append(v.replace("\"", "\"\"")).append('"');
      } else {
        sb.append(v);
      }
    }
    return sb.toString();
  }

  private static boolean needsQuotes(String v) {
    for (int i = 0; i < v.length(); i++) {
      char c = v.charAt(i);
      if (c == ',' || c == '"' || c == '\n' || c == '\r') {
        return true;
      }
    }
    return false;
  }
}
