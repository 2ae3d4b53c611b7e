// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.models.migration.MarkovForecast;
import io.segflow.models.migration.TransitionInvariants;
import io.segflow.models.migration.TransitionMatrix;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Who moved where between two runs: the transition matrix (checked against both runs before anyone
 * sees it) and the Markov forecast of the later run's segment sizes built from it.
 *
 * @param segmentation which segments {@code from} and {@code to} hold
 * @param forecast periods 1..N after the later run
 * @param steadyState the sizes the chain settles at, when they exist (see {@link
 *     MarkovForecast#steadyState})
 */
public record Migration(
    Segmentation segmentation,
    RunFolder from,
    RunFolder to,
    TransitionMatrix matrix,
    MarkovForecast chain,
    List<MarkovForecast.Period> forecast,
    Optional<double[]> steadyState) {

  /** A non-empty cell of the matrix. */
  public record Flow(int row, int column, long customers, double shareOfRow) {}

  /**
   * Counts the moves between two runs and forecasts {@code periods} periods ahead.
   *
   * @throws SegflowException (INTERNAL) if the matrix does not add up to the two runs: a bug, and
   *     nothing may be published then
   */
  public static Migration compute(
      Segmentation segmentation, RunFolder from, RunFolder to, int periods) {
    TransitionMatrix m = TransitionMatrix.count(from.segments(), to.segments());
    List<String> problems = TransitionInvariants.violations(m, from.segments(), to.segments());
    if (!problems.isEmpty()) {
      throw new SegflowException(
          ExitCode.INTERNAL,
          "the transition matrix does not add up to the "
              + "two runs (a bug; nothing was published): "
              + String.join("; ", problems));
    }
    MarkovForecast chain = MarkovForecast.fromTransitions(m);
    return new Migration(
        segmentation,
        from,
        to,
        m,
        chain,
        chain.project(observedSizes(m), periods),
        chain.steadyState());
  }

  /** The later run's segment sizes, the forecast's period 0. */
  static double[] observedSizes(TransitionMatrix m) {
    double[] sizes = new double[m.toSegments().size()];
    for (int j = 0; j < sizes.length; j++) {
      sizes[j] = m.columnTotal(j);
    }
    return sizes;
  }

  public double[] observedSizes() {
    return observedSizes(matrix);
  }

  /** "3" for segment 3, "new" for the last row. */
  public String rowKey(int row) {
    return row == matrix.newRow() ? "new" : String.valueOf(matrix.fromSegments().get(row));
  }

  /** "3" for segment 3, "gone" for the last column. */
  public String columnKey(int column) {
    return column == matrix.goneColumn() ? "gone" : String.valueOf(matrix.toSegments().get(column));
  }

  /** The segment's name in the earlier run, or "new customers". */
  public String rowName(int row) {
    return row == matrix.newRow()
        ? "new customers"
        : from.names().get(matrix.fromSegments().get(row));
  }

  /** The segment's name in the later run, or "gone". */
  public String columnName(int column) {
    return column == matrix.goneColumn() ? "gone" : to.names().get(matrix.toSegments().get(column));
  }

  /** "3. At-risk / lapsed" for a segment row, "new customers" for the last. */
  public String rowLabel(int row) {
    return row == matrix.newRow() ? rowName(row) : rowKey(row) + ". " + rowName(row);
  }

  public String columnLabel(int column) {
    return column == matrix.goneColumn() ? "gone" : columnKey(column) + ". " + columnName(column);
  }

  /** Ids present in both runs under different names. */
  public List<Integer> renamedSegments() {
    List<Integer> ids = new ArrayList<>();
    from.names()
        .forEach(
            (id, name) -> {
              String later = to.names().get(id);
              if (later != null && !later.equals(name)) {
                ids.add(id);
              }
            });
    return ids;
  }

  /** Every non-empty cell, biggest first (ties: by row, then column). */
  public List<Flow> flows() {
    List<Flow> flows = new ArrayList<>();
    for (int i = 0; i < matrix.rows(); i++) {
      for (int j = 0; j < matrix.columns(); j++) {
        if (matrix.count(i, j) > 0) {
          flows.add(new Flow(i, j, matrix.count(i, j), matrix.probability(i, j)));
        }
      }
    }
    flows.sort(
        Comparator.comparingLong(Flow::customers)
            .reversed()
            .thenComparingInt(Flow::row)
            .thenComparingInt(Flow::column));
    return flows;
  }

  /** Flows from a segment of the earlier run to a segment with another id in the later run. */
  public List<Flow> movesBetweenSegments() {
    return flows().stream()
        .filter(
            f ->
                f.row() != matrix.newRow()
                    && f.column() != matrix.goneColumn()
                    && !sameSegment(f.row(), f.column()))
        .toList();
  }

  public boolean sameSegment(int row, int column) {
    return row != matrix.newRow()
        && column != matrix.goneColumn()
        && Objects.equals(matrix.fromSegments().get(row), matrix.toSegments().get(column));
  }

  /**
   * Segment ids rank value (1 = most valuable), so a move to a higher id is a slip to a lower-value
   * segment: +1 for a slip, −1 for a rise, 0 when either side is not a ranked segment (id 0 is
   * DBSCAN's outliers) or the ids are equal. RFM segments follow the rule order, not value: always
   * 0.
   */
  public int direction(Flow f) {
    if (segmentation == Segmentation.RFM
        || f.row() == matrix.newRow()
        || f.column() == matrix.goneColumn()) {
      return 0;
    }
    int a = matrix.fromSegments().get(f.row());
    int b = matrix.toSegments().get(f.column());
    return a < 1 || b < 1 ? 0 : Integer.compare(b, a);
  }

  /** Customers in both runs. */
  public long inBoth() {
    return matrix.total()
        - matrix.rowTotal(matrix.newRow())
        - matrix.columnTotal(matrix.goneColumn());
  }

  /** Customers in both runs with the same segment id in each. */
  public long sameSegmentId() {
    long n = 0;
    for (int i = 0; i < matrix.newRow(); i++) {
      int j = matrix.columnOf(matrix.fromSegments().get(i));
      n += j < 0 ? 0 : matrix.count(i, j);
    }
    return n;
  }

  /** Days from the earlier run's as-of date to the later one's: the length of a forecast period. */
  public long periodDays() {
    return ChronoUnit.DAYS.between(from.asOfDate(), to.asOfDate());
  }
}
