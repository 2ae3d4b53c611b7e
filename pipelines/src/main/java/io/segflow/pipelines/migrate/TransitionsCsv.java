// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.models.migration.TransitionMatrix;
import io.segflow.transforms.write.SpreadsheetSafe;
import java.util.Locale;

/**
 * transitions.csv: the matrix one cell per line (every cell, zeros too), for a spreadsheet or a
 * loader. Names are text cells written through {@link SpreadsheetSafe}.
 */
final class TransitionsCsv {
  static final String HEADER = "from_segment,from_name,to_segment,to_name,customers,share_of_from";

  private TransitionsCsv() {}

  static String render(Migration g) {
    TransitionMatrix m = g.matrix();
    StringBuilder sb = new StringBuilder(HEADER).append('\n');
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.columns(); j++) {
        sb.append(g.rowKey(i))
            .append(',')
            .append(SpreadsheetSafe.csvField(g.rowName(i)))
            .append(',')
            .append(g.columnKey(j))
            .append(',')
            .append(SpreadsheetSafe.csvField(g.columnName(j)))
            .append(',')
            .append(m.count(i, j))
            .append(',')
            .append(m.isEmptyRow(i) ? "" : String.format(Locale.ROOT, "%.6f", m.probability(i, j)))
            .append('\n');
      }
    }
    return sb.toString();
  }
}
