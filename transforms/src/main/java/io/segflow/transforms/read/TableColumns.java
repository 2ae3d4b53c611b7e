// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.math.BigInteger;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The SQL around a database read: the result's column names, the ordering that makes row numbers
 * deterministic, and the ranges of a partition column. Used by {@link ReadTransactionTable} and by
 * the checks that run before a pipeline starts.
 */
public final class TableColumns {
  private static final Set<Integer> INTEGER_TYPES =
      Set.of(Types.TINYINT, Types.SMALLINT, Types.INTEGER, Types.BIGINT);

  private TableColumns() {}

  /** The source as a derived table, so that a table and a query are read the same way. */
  static String from(String sql) {
    return "SELECT * FROM (" + sql + ") AS segflow_source";
  }

  /** The result's column names, in order, without reading a row. */
  public static List<String> names(Connection c, String sql) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(from(sql) + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
      }
      return names;
    }
  }

  /**
   * Checks that {@code column} is an integer column of the result.
   *
   * @throws IllegalArgumentException naming the column and what is wrong
   */
  public static void checkPartitionColumn(Connection c, String sql, String column)
      throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(from(sql) + " WHERE 1 = 0")) {
      ResultSetMetaData md = rs.getMetaData();
      List<String> names = new ArrayList<>();
      for (int i = 1; i <= md.getColumnCount(); i++) {
        names.add(md.getColumnLabel(i));
        if (md.getColumnLabel(i).equalsIgnoreCase(column)) {
          if (!INTEGER_TYPES.contains(md.getColumnType(i))) {
            throw new IllegalArgumentException(
                "partition column '"
                    + column
                    + "' has type "
                    + md.getColumnTypeName(i)
                    + "; it must be an integer column (e.g. a serial id)");
          }
          return;
        }
      }
      throw new IllegalArgumentException(
          "partition column '"
              + column
              + "' is not a column of "
              + "the input; columns found: "
              + names);
    }
  }

  /** ORDER BY every column: a total order up to identical rows, whatever the physical order. */
  static String orderByAll(int columns) {
    StringBuilder sb = new StringBuilder(" ORDER BY ");
    for (int i = 1; i <= columns; i++) {
      sb.append(i == 1 ? "" : ", ").append(i);
    }
    return sb.toString();
  }

  /**
   * WHERE conditions that cut the rows into {@code count} equal-width ranges of {@code column}
   * between its minimum and maximum, then its NULLs; every row falls in exactly one.
   */
  static List<String> ranges(Connection c, String sql, String column, int count)
      throws SQLException {
    BigInteger min;
    BigInteger max;
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT min("
                    + column
                    + "), max("
                    + column
                    + ") FROM ("
                    + sql
                    + ") AS segflow_source")) {
      rs.next();
      if (rs.getString(1) == null) {
        return List.of("TRUE"); // no row, or only NULLs: one slice
      }
      min = new BigInteger(rs.getString(1));
      max = new BigInteger(rs.getString(2));
    }
    BigInteger span = max.subtract(min).add(BigInteger.ONE);
    BigInteger n = BigInteger.valueOf(count);
    BigInteger step = span.add(n).subtract(BigInteger.ONE).divide(n).max(BigInteger.ONE);
    List<String> out = new ArrayList<>();
    for (BigInteger lo = min; lo.compareTo(max) <= 0; lo = lo.add(step)) {
      BigInteger hi = lo.add(step);
      out.add(
          hi.compareTo(max) > 0
              ? column + " >= " + lo
              : column + " >= " + lo + " AND " + column + " < " + hi);
    }
    out.add(column + " IS NULL");
    return out;
  }

  static long count(Connection c, String sql, String where) throws SQLException {
    try (Statement st = c.createStatement();
        ResultSet rs =
            st.executeQuery(
                "SELECT count(*) FROM (" + sql + ") AS segflow_source WHERE " + where)) {
      rs.next();
      return rs.getLong(1);
    }
  }
}
