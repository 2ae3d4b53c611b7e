// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.migration;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Checks a transition matrix against the two runs it claims to describe, recounting from the runs
 * themselves: a matrix is only published when this finds nothing.
 */
public final class TransitionInvariants {
  /** How far a row of probabilities may be from 1 (rounding of a division per cell). */
  static final double TOLERANCE = 1e-9;

  private TransitionInvariants() {}

  /** The broken invariants, each as one sentence; empty when the matrix is right. */
  public static List<String> violations(
      TransitionMatrix m, Map<String, Integer> from, Map<String, Integer> to) {
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < m.rows(); i++) {
      if (m.isEmptyRow(i)) {
        continue;
      }
      double sum = 0;
      for (int j = 0; j < m.columns(); j++) {
        sum += m.probability(i, j);
      }
      if (Math.abs(sum - 1) > TOLERANCE) {
        problems.add("the probabilities of row " + label(m, i) + " sum to " + sum + ", not 1");
      }
    }
    Set<String> union = new HashSet<>(from.keySet());
    union.addAll(to.keySet());
    expect(problems, "all counts", m.total(), union.size(), "customers of both runs");
    long onlyLater = to.keySet().stream().filter(c -> !from.containsKey(c)).count();
    long onlyEarlier = from.keySet().stream().filter(c -> !to.containsKey(c)).count();
    expect(
        problems, "row new", m.rowTotal(m.newRow()), onlyLater, "customers only in the later run");
    expect(
        problems,
        "column gone",
        m.columnTotal(m.goneColumn()),
        onlyEarlier,
        "customers only in the earlier run");
    expect(problems, "cell (new, gone)", m.count(m.newRow(), m.goneColumn()), 0, "nobody");
    for (int i = 0; i < m.newRow(); i++) {
      int id = m.fromSegments().get(i);
      long size = from.values().stream().filter(s -> Objects.equals(s, id)).count();
      expect(problems, "row " + id, m.rowTotal(i), size, "segment " + id + " of the earlier run");
    }
    for (int j = 0; j < m.goneColumn(); j++) {
      int id = m.toSegments().get(j);
      long size = to.values().stream().filter(s -> Objects.equals(s, id)).count();
      expect(
          problems, "column " + id, m.columnTotal(j), size, "segment " + id + " of the later run");
    }
    return problems;
  }

  private static void expect(
      List<String> problems, String what, long actual, long expected, String of) {
    if (actual != expected) {
      problems.add(what + " add up to " + actual + ", but there are " + expected + " " + of);
    }
  }

  private static String label(TransitionMatrix m, int row) {
    return row == m.newRow() ? "new" : String.valueOf(m.fromSegments().get(row));
  }
}
