// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.migration;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeSet;

/**
 * Customers counted by their segment in an earlier run (rows) and in a later run (columns). The
 * last row, "new", counts the customers only in the later run; the last column, "gone", the
 * customers only in the earlier run; the cell (new, gone) is always 0. Segments are compared by id
 * as given.
 */
public final class TransitionMatrix {
  private final List<Integer> fromSegments;
  private final List<Integer> toSegments;
  private final long[][] counts;

  TransitionMatrix(List<Integer> fromSegments, List<Integer> toSegments, long[][] counts) {
    this.fromSegments = List.copyOf(fromSegments);
    this.toSegments = List.copyOf(toSegments);
    this.counts = counts;
  }

  /**
   * Counts every customer of {@code from} ∪ {@code to} once.
   *
   * @param from customer id → segment id in the earlier run (no null values)
   * @param to customer id → segment id in the later run (no null values)
   */
  public static TransitionMatrix count(Map<String, Integer> from, Map<String, Integer> to) {
    if (from.values().stream().anyMatch(Objects::isNull)
        || to.values().stream().anyMatch(Objects::isNull)) {
      throw new IllegalArgumentException("every customer needs a segment id");
    }
    List<Integer> rows = new ArrayList<>(new TreeSet<>(from.values()));
    List<Integer> cols = new ArrayList<>(new TreeSet<>(to.values()));
    long[][] counts = new long[rows.size() + 1][cols.size() + 1];
    int gone = cols.size();
    int fresh = rows.size();
    from.forEach(
        (customer, segment) -> {
          Integer later = to.get(customer);
          counts[index(rows, segment)][later == null ? gone : index(cols, later)]++;
        });
    to.forEach(
        (customer, segment) -> {
          if (!from.containsKey(customer)) {
            counts[fresh][index(cols, segment)]++;
          }
        });
    return new TransitionMatrix(rows, cols, counts);
  }

  private static int index(List<Integer> sorted, Integer id) {
    return Collections.binarySearch(sorted, id);
  }

  /** Segment ids of the earlier run, ascending: row i is segment {@code fromSegments().get(i)}. */
  public List<Integer> fromSegments() {
    return fromSegments;
  }

  /** Segment ids of the later run, ascending: column j is segment {@code toSegments().get(j)}. */
  public List<Integer> toSegments() {
    return toSegments;
  }

  public int rows() {
    return fromSegments.size() + 1;
  }

  public int columns() {
    return toSegments.size() + 1;
  }

  /** The row of customers only in the later run (the last row). */
  public int newRow() {
    return fromSegments.size();
  }

  /** The column of customers only in the earlier run (the last column). */
  public int goneColumn() {
    return toSegments.size();
  }

  /** The row of segment {@code id} of the earlier run, or -1. */
  public int rowOf(int id) {
    int i = Collections.binarySearch(fromSegments, id);
    return i < 0 ? -1 : i;
  }

  /** The column of segment {@code id} of the later run, or -1. */
  public int columnOf(int id) {
    int j = Collections.binarySearch(toSegments, id);
    return j < 0 ? -1 : j;
  }

  public long count(int row, int column) {
    return counts[row][column];
  }

  public long rowTotal(int row) {
    long s = 0;
    for (long c : counts[row]) {
      s += c;
    }
    return s;
  }

  public long columnTotal(int column) {
    long s = 0;
    for (long[] row : counts) {
      s += row[column];
    }
    return s;
  }

  /** Every customer of both runs, counted once. */
  public long total() {
    long s = 0;
    for (int i = 0; i < rows(); i++) {
      s += rowTotal(i);
    }
    return s;
  }

  /** True for a row without customers (its probabilities are undefined). */
  public boolean isEmptyRow(int row) {
    return rowTotal(row) == 0;
  }

  /**
   * The share of row {@code row}'s customers that are in column {@code column}; NaN for an empty
   * row.
   */
  public double probability(int row, int column) {
    long n = rowTotal(row);
    return n == 0 ? Double.NaN : (double) counts[row][column] / n;
  }
}
