// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;

/**
 * Minimum-cost assignment (Kuhn–Munkres with potentials, O(n²m)) on a rectangular cost matrix: each
 * row gets at most one column and each column at most one row, as many pairs as the smaller side
 * allows, with the smallest total cost. Used to match a retrained model's clusters to an earlier
 * model's segments.
 */
public final class HungarianAlgorithm {
  private HungarianAlgorithm() {}

  /**
   * Assigns rows to columns at the least total cost.
   *
   * @param cost finite costs, {@code cost[row][column]}, rectangular
   * @return for each row the column assigned to it, or -1 when there are more rows than columns and
   *     the row is left out
   */
  public static int[] assign(double[][] cost) {
    int rows = cost.length;
    if (rows == 0) {
      return new int[0];
    }
    int cols = Matrices.requireRectangularFinite(cost);
    if (rows > cols) {
      int[] colToRow = assign(transpose(cost));
      int[] rowToCol = new int[rows];
      Arrays.fill(rowToCol, -1);
      for (int c = 0; c < colToRow.length; c++) {
        rowToCol[colToRow[c]] = c;
      }
      return rowToCol;
    }
    // 1-based arrays as in the classic formulation; u, v are the row and column potentials.
    double[] u = new double[rows + 1];
    double[] v = new double[cols + 1];
    int[] rowOfCol = new int[cols + 1];
    int[] way = new int[cols + 1];
    for (int i = 1; i <= rows; i++) {
      rowOfCol[0] = i;
      int j0 = 0;
      double[] minv = new double[cols + 1];
      Arrays.fill(minv, Double.POSITIVE_INFINITY);
      boolean[] used = new boolean[cols + 1];
      do {
        used[j0] = true;
        int i0 = rowOfCol[j0];
        double delta = Double.POSITIVE_INFINITY;
        int j1 = 0;
        for (int j = 1; j <= cols; j++) {
          if (!used[j]) {
            double cur = cost[i0 - 1][j - 1] - u[i0] - v[j];
            if (cur < minv[j]) {
              minv[j] = cur;
              way[j] = j0;
            }
            if (minv[j]
                < delta) { // strict: the lowest column wins ties, so the result is deterministic
              delta = minv[j];
              j1 = j;
            }
          }
        }
        for (int j = 0; j <= cols; j++) {
          if (used[j]) {
            u[rowOfCol[j]] += delta;
            v[j] -= delta;
          } else {
            minv[j] -= delta;
          }
        }
        j0 = j1;
      } while (rowOfCol[j0] != 0);
      do {
        int j1 = way[j0];
        rowOfCol[j0] = rowOfCol[j1];
        j0 = j1;
      } while (j0 != 0);
    }
    int[] rowToCol = new int[rows];
    Arrays.fill(rowToCol, -1);
    for (int j = 1; j <= cols; j++) {
      if (rowOfCol[j] != 0) {
        rowToCol[rowOfCol[j] - 1] = j - 1;
      }
    }
    return rowToCol;
  }

  private static double[][] transpose(double[][] m) {
    double[][] t = new double[m[0].length][m.length];
    for (int i = 0; i < m.length; i++) {
      for (int j = 0; j < m[0].length; j++) {
        t[j][i] = m[i][j];
      }
    }
    return t;
  }
}
