// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits one RFC 4180 record into fields: comma separated, fields optionally in double quotes,
 * {@code ""} inside quotes for a quote, commas and line breaks allowed inside quotes.
 *
 * <p>Hand-written rather than a CSV library because the reader must keep each record's exact raw
 * text and starting line for the rejected output, which the libraries do not expose; record
 * boundaries are found by {@code read.CsvRecordSplitter}, this class only splits a record.
 */
public final class CsvFields {
  private CsvFields() {}

  /** Splits {@code record} into {@code out} (cleared first). Text after a closing quote is kept. */
  public static void split(String record, List<String> out) {
    out.clear();
    int len = record.length();
    int i = 0;
    StringBuilder quoted = null;
    while (true) {
      if (i < len && record.charAt(i) == '"') {
        if (quoted == null) {
          quoted = new StringBuilder();
        }
        quoted.setLength(0);
        i++;
        while (i < len) {
          char c = record.charAt(i);
          if (c == '"') {
            if (i + 1 < len && record.charAt(i + 1) == '"') {
              quoted.append('"');
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            quoted.append(c);
            i++;
          }
        }
        // Lenient: anything between the closing quote and the next comma stays in the field.
        int comma = record.indexOf(',', i);
        int end = comma < 0 ? len : comma;
        if (end > i) {
          quoted.append(record, i, end);
        }
        out.add(quoted.toString());
        if (comma < 0) {
          return;
        }
        i = comma + 1;
      } else {
        int comma = record.indexOf(',', i);
        if (comma < 0) {
          out.add(record.substring(i));
          return;
        }
        out.add(record.substring(i, comma));
        i = comma + 1;
      }
    }
  }

  public static List<String> split(String record) {
    List<String> out = new ArrayList<>();
    split(record, out);
    return out;
  }
}
