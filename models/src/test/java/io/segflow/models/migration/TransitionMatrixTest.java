// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.migration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class TransitionMatrixTest {
  /**
   * a, b in segment 1 and c, d in 2 before; then a stays, b drops to 2, d leaves, e and f arrive.
   */
  private static final Map<String, Integer> BEFORE = Map.of("a", 1, "b", 1, "c", 2, "d", 2);

  private static final Map<String, Integer> AFTER = Map.of("a", 1, "b", 2, "c", 2, "e", 1, "f", 3);

  @Test
  public void countsEachCustomerOnceWithNewRowAndGoneColumn() {
    TransitionMatrix m = TransitionMatrix.count(BEFORE, AFTER);
    assertThat(m.fromSegments(), contains(1, 2));
    assertThat(m.toSegments(), contains(1, 2, 3));
    //           to 1  2  3  gone
    long[][] expected = {
      {1, 1, 0, 0}, // from 1: a stayed, b moved to 2
      {0, 1, 0, 1}, // from 2: c stayed, d gone
      {1, 0, 1, 0}
    }; // new: e in 1, f in 3
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.columns(); j++) {
        assertThat("cell " + i + "," + j, m.count(i, j), equalTo(expected[i][j]));
      }
    }
    assertThat(m.total(), equalTo(6L));
    assertThat(m.rowTotal(m.newRow()), equalTo(2L));
    assertThat(m.columnTotal(m.goneColumn()), equalTo(1L));
    assertThat(m.probability(0, 1), closeTo(0.5, 0));
    assertThat(m.rowOf(2), equalTo(1));
    assertThat(m.rowOf(3), equalTo(-1));
    assertThat(m.columnOf(3), equalTo(2));
    assertThat(TransitionInvariants.violations(m, BEFORE, AFTER), is(empty()));
  }

  @Test
  public void identicalRunsGiveTheIdentityMatrix() {
    Map<String, Integer> run = new TreeMap<>();
    for (int c = 0; c < 90; c++) {
      run.put("c" + c, 1 + c % 3);
    }
    TransitionMatrix m = TransitionMatrix.count(run, run);
    for (int i = 0; i < 3; i++) {
      for (int j = 0; j < m.columns(); j++) {
        assertThat(m.probability(i, j), closeTo(i == j ? 1 : 0, 0));
      }
    }
    assertThat(m.isEmptyRow(m.newRow()), is(true));
    assertThat(Double.isNaN(m.probability(m.newRow(), 0)), is(true));
    assertThat(m.columnTotal(m.goneColumn()), equalTo(0L));
    assertThat(TransitionInvariants.violations(m, run, run), is(empty()));
  }

  @Test
  public void disjointRunsAreAllNewOrGone() {
    Map<String, Integer> before = Map.of("a", 1, "b", 2);
    Map<String, Integer> after = Map.of("x", 1, "y", 1, "z", 2);
    TransitionMatrix m = TransitionMatrix.count(before, after);
    assertThat(m.columnTotal(m.goneColumn()), equalTo(2L));
    assertThat(m.rowTotal(m.newRow()), equalTo(3L));
    assertThat(m.probability(0, m.goneColumn()), closeTo(1, 0));
    assertThat(m.probability(1, m.goneColumn()), closeTo(1, 0));
    assertThat(m.count(m.newRow(), m.goneColumn()), equalTo(0L));
    assertThat(m.total(), equalTo(5L));
    assertThat(TransitionInvariants.violations(m, before, after), is(empty()));
  }

  @Test
  public void aSegmentThatDisappearsKeepsItsRowButHasNoColumn() {
    Map<String, Integer> before = Map.of("a", 1, "b", 2, "c", 3, "d", 3);
    Map<String, Integer> after = Map.of("a", 1, "b", 2, "c", 2, "d", 1);
    TransitionMatrix m = TransitionMatrix.count(before, after);
    assertThat(m.fromSegments(), contains(1, 2, 3));
    assertThat(m.toSegments(), contains(1, 2));
    assertThat(m.probability(m.rowOf(3), m.columnOf(1)), closeTo(0.5, 0));
    assertThat(m.probability(m.rowOf(3), m.columnOf(2)), closeTo(0.5, 0));
    assertThat(TransitionInvariants.violations(m, before, after), is(empty()));
  }

  @Test
  public void rowsOfProbabilitiesSumToOneOnAnUnevenSplit() {
    Map<String, Integer> before = new TreeMap<>();
    Map<String, Integer> after = new TreeMap<>();
    for (int c = 0; c < 1000; c++) {
      before.put("c" + c, 1 + c % 7);
      if (c % 11 != 0) {
        after.put("c" + c, 1 + (c * 31 + c / 13) % 5);
      }
    }
    for (int c = 1000; c < 1123; c++) {
      after.put("c" + c, 1 + c % 3);
    }
    TransitionMatrix m = TransitionMatrix.count(before, after);
    for (int i = 0; i < m.rows(); i++) {
      double sum = 0;
      for (int j = 0; j < m.columns(); j++) {
        sum += m.probability(i, j);
      }
      assertThat("row " + i, sum, closeTo(1, 1e-12));
    }
    assertThat(m.total(), equalTo(1123L));
    assertThat(TransitionInvariants.violations(m, before, after), is(empty()));
  }

  @Test
  public void invariantsCatchAMatrixThatDoesNotMatchTheRuns() {
    // The matrix of BEFORE → AFTER with customer d counted as staying in 2 instead of gone.
    TransitionMatrix wrong =
        new TransitionMatrix(
            List.of(1, 2),
            List.of(1, 2, 3),
            new long[][] {{1, 1, 0, 0}, {0, 2, 0, 0}, {1, 0, 1, 0}});
    List<String> problems = TransitionInvariants.violations(wrong, BEFORE, AFTER);
    assertThat(problems, hasItem(startsWith("column gone add up to 0, but there are 1")));
    assertThat(problems, hasItem(startsWith("column 2 add up to 3, but there are 2")));
  }

  @Test(expected = IllegalArgumentException.class)
  public void aCustomerWithoutSegmentIsRefused() {
    Map<String, Integer> before = new TreeMap<>();
    before.put("a", null);
    TransitionMatrix.count(before, Map.of("a", 1));
  }
}
