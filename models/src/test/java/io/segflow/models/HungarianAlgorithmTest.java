// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.HashSet;
import java.util.Random;
import java.util.Set;
import org.junit.Test;

public class HungarianAlgorithmTest {

  /** A textbook case where the greedy choice (row 0 takes its cheapest column) is not optimal. */
  @Test
  public void beatsTheGreedyChoice() {
    double[][] cost = {{1, 2}, {1, 10}};
    assertThat(
        HungarianAlgorithm.assign(cost), is(new int[] {1, 0})); // total 3, greedy would pay 11
  }

  @Test
  public void equalsBruteForceOnRandomSquareAndRectangularMatrices() {
    Random random = new Random(7);
    for (int trial = 0; trial < 300; trial++) {
      int rows = 1 + random.nextInt(6);
      int cols = 1 + random.nextInt(6);
      double[][] cost = new double[rows][cols];
      for (double[] row : cost) {
        for (int j = 0; j < cols; j++) {
          row[j] = random.nextInt(4) == 0 ? 1.0 : random.nextDouble() * 10; // with ties
        }
      }
      int[] got = HungarianAlgorithm.assign(cost);
      assertThat(got.length, is(rows));
      Set<Integer> columns = new HashSet<>();
      int paired = 0;
      for (int c : got) {
        if (c >= 0) {
          assertThat("column used twice", columns.add(c), is(true));
          paired++;
        }
      }
      assertThat(paired, is(Math.min(rows, cols)));
      assertThat(
          total(cost, got),
          closeTo(bruteForce(cost, 0, new boolean[cols], rows - Math.min(rows, cols)), 1e-9));
    }
  }

  @Test
  public void isDeterministicUnderTies() {
    double[][] cost = {{1, 1, 1}, {1, 1, 1}};
    assertThat(HungarianAlgorithm.assign(cost), is(HungarianAlgorithm.assign(cost)));
  }

  private static double total(double[][] cost, int[] rowToCol) {
    double sum = 0;
    for (int r = 0; r < rowToCol.length; r++) {
      if (rowToCol[r] >= 0) {
        sum += cost[r][rowToCol[r]];
      }
    }
    return sum;
  }

  /**
   * Cheapest total over every assignment; {@code skips} rows may stay unpaired (more rows than
   * columns).
   */
  private static double bruteForce(double[][] cost, int row, boolean[] used, int skips) {
    if (row == cost.length) {
      return 0;
    }
    double best = Double.POSITIVE_INFINITY;
    if (skips > 0) {
      best = bruteForce(cost, row + 1, used, skips - 1);
    }
    for (int c = 0; c < used.length; c++) {
      if (!used[c]) {
        used[c] = true;
        best = Math.min(best, cost[row][c] + bruteForce(cost, row + 1, used, skips));
        used[c] = false;
      }
    }
    return best;
  }
}
