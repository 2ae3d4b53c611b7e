// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.Collectors;

/**
 * A table partitioned by {@code as_of_date} whose partition a load replaces: rows are staged in a
 * temporary table, upserted (a row whose values did not change is left alone, so a rerun rewrites
 * nothing), and rows of the partition that are not staged are deleted. The caller owns the
 * transaction.
 *
 * @param columns every column, {@code as_of_date} first, in the order {@link Binder} binds them
 * @param keys the primary key, {@code as_of_date} first
 */
record PartitionTable<T>(
    String name, List<String> columns, List<String> keys, List<String> json, Binder<T> binder) {
  private static final int BATCH = 1_000;

  /** Binds one record's values (parameters 1..columns) after the as-of date (parameter 1). */
  interface Binder<T> {
    void bind(PreparedStatement st, LocalDate asOf, T record) throws SQLException;
  }

  /** Rows handed one by one to a consumer that may fail with the database's error. */
  interface Rows<T> {
    void forEach(RowSink<T> sink) throws SQLException, IOException;

    static <T> Rows<T> of(List<T> list) {
      return sink -> {
        for (T row : list) {
          sink.accept(row);
        }
      };
    }
  }

  interface RowSink<T> {
    void accept(T row) throws SQLException;
  }

  /**
   * Replaces the table's rows of one as-of date by {@code rows} in one transaction; the rows are
   * streamed into the stage in batches, never held.
   *
   * @return {rows inserted or changed, rows deleted}
   */
  long[] replace(Connection c, String table, LocalDate asOf, Rows<T> rows)
      throws SQLException, IOException {
    String stage = "segflow_stage_" + name;
    String cols = String.join(", ", columns);
    try (Statement st = c.createStatement()) {
      st.execute("CREATE TEMP TABLE " + stage + " (LIKE " + table + ") ON COMMIT DROP");
    }
    String values =
        columns.stream()
            .map(col -> json.contains(col) ? "?::jsonb" : "?")
            .collect(Collectors.joining(", "));
    try (PreparedStatement st =
        c.prepareStatement("INSERT INTO " + stage + " (" + cols + ") VALUES (" + values + ")")) {
      int[] pending = {0};
      rows.forEach(
          row -> {
            binder.bind(st, asOf, row);
            st.addBatch();
            if (++pending[0] == BATCH) {
              st.executeBatch();
              pending[0] = 0;
            }
          });
      if (pending[0] > 0) {
        st.executeBatch();
      }
    }
    List<String> values2 = columns.stream().filter(col -> !keys.contains(col)).toList();
    String set =
        values2.stream().map(col -> col + " = EXCLUDED." + col).collect(Collectors.joining(", "));
    String old = values2.stream().map(col -> "t." + col).collect(Collectors.joining(", "));
    String now = values2.stream().map(col -> "EXCLUDED." + col).collect(Collectors.joining(", "));
    long changed;
    try (Statement st = c.createStatement()) {
      changed =
          st.executeUpdate(
              "INSERT INTO "
                  + table
                  + " AS t ("
                  + cols
                  + ") SELECT "
                  + cols
                  + " FROM "
                  + stage
                  + " ON CONFLICT ("
                  + String.join(", ", keys)
                  + ") DO UPDATE SET "
                  + set
                  + " WHERE ("
                  + old
                  + ") IS DISTINCT FROM ("
                  + now
                  + ")");
    }
    String sameKey =
        keys.stream().map(k -> "s." + k + " = t." + k).collect(Collectors.joining(" AND "));
    long deleted;
    try (PreparedStatement st =
        c.prepareStatement(
            "DELETE FROM "
                + table
                + " t WHERE "
                + "t.as_of_date = ? AND NOT EXISTS (SELECT 1 FROM "
                + stage
                + " s WHERE "
                + sameKey
                + ")")) {
      st.setObject(1, asOf);
      deleted = st.executeUpdate();
    }
    return new long[] {changed, deleted};
  }
}
