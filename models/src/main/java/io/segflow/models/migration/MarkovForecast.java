// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.migration;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Deque;
import java.util.List;
import java.util.Optional;
import weka.core.matrix.Matrix;

/**
 * Expected segment sizes period after period under a Markov chain with leaving and arrivals: a
 * customer in state i moves to state j with probability {@code step[i][j]} or leaves for good with
 * probability {@code leave[i]}, and {@code inflow[j]} new customers arrive in state j every period.
 * So {@code sizes(t+1) = sizes(t) · step + inflow}. Sizes are expectations (fractions of
 * customers).
 */
public final class MarkovForecast {
  static final double TOLERANCE = 1e-9;

  private final double[][] step;
  private final double[] leave;
  private final double[] inflow;

  private MarkovForecast(double[][] step, double[] leave, double[] inflow) {
    this.step = step;
    this.leave = leave;
    this.inflow = inflow;
  }

  /**
   * A forecast from per-period move, leave and inflow rates.
   *
   * @param step n × n move probabilities among the states, each ≥ 0
   * @param leave per state, the probability of leaving; {@code step[i]} and {@code leave[i]} sum to
   *     1
   * @param inflow per state, new customers per period (≥ 0)
   */
  public static MarkovForecast of(double[][] step, double[] leave, double[] inflow) {
    int n = step.length;
    if (leave.length != n || inflow.length != n) {
      throw new IllegalArgumentException(
          "step has "
              + n
              + " states but leave has "
              + leave.length
              + " and inflow "
              + inflow.length);
    }
    for (int i = 0; i < n; i++) {
      if (step[i].length != n) {
        throw new IllegalArgumentException(
            "step row " + i + " has " + step[i].length + " columns, not " + n);
      }
      double sum = leave[i];
      requireProbability(leave[i], "leave[" + i + "]");
      for (int j = 0; j < n; j++) {
        requireProbability(step[i][j], "step[" + i + "][" + j + "]");
        sum += step[i][j];
      }
      if (Math.abs(sum - 1) > TOLERANCE) {
        throw new IllegalArgumentException(
            "row " + i + " of step plus leave sums to " + sum + ", not 1");
      }
      if (!(inflow[i] >= 0) || Double.isInfinite(inflow[i])) {
        throw new IllegalArgumentException(
            "inflow[" + i + "] must be finite and ≥ 0, got " + inflow[i]);
      }
    }
    double[][] copy = new double[n][];
    for (int i = 0; i < n; i++) {
      copy[i] = step[i].clone();
    }
    return new MarkovForecast(copy, leave.clone(), inflow.clone());
  }

  private static void requireProbability(double p, String name) {
    if (!(p >= 0 && p <= 1 + TOLERANCE)) {
      throw new IllegalArgumentException(name + " must be a probability, got " + p);
    }
  }

  /**
   * The chain observed between two runs, on the later run's segments: a segment's customers move as
   * the earlier run's customers of the same segment id did (to the later run's segments or gone); a
   * segment without customers in the earlier run has no observed moves, and its customers are taken
   * to stay. Each period brings as many new customers as the later run had, spread as they were.
   */
  public static MarkovForecast fromTransitions(TransitionMatrix t) {
    List<Integer> states = t.toSegments();
    int n = states.size();
    double[][] step = new double[n][n];
    double[] leave = new double[n];
    double[] inflow = new double[n];
    for (int k = 0; k < n; k++) {
      int row = t.rowOf(states.get(k));
      if (row < 0 || t.isEmptyRow(row)) {
        step[k][k] = 1;
      } else {
        for (int j = 0; j < n; j++) {
          step[k][j] = t.probability(row, j);
        }
        leave[k] = t.probability(row, t.goneColumn());
      }
      inflow[k] = t.count(t.newRow(), k);
    }
    return of(step, leave, inflow);
  }

  /** The later run's segments that had no customers in the earlier run: assumed to keep theirs. */
  public static List<Integer> segmentsWithoutObservedMoves(TransitionMatrix t) {
    return t.toSegments().stream()
        .filter(id -> t.rowOf(id) < 0 || t.isEmptyRow(t.rowOf(id)))
        .toList();
  }

  /** One projected period: expected sizes at its end, and the customers who came and left in it. */
  public record Period(int period, double[] sizes, double arrived, double left) {
    public double total() {
      return Arrays.stream(sizes).sum();
    }
  }

  public int states() {
    return step.length;
  }

  /** Periods 1..{@code periods} starting from {@code start} (sizes at period 0). */
  public List<Period> project(double[] start, int periods) {
    if (start.length != states()) {
      throw new IllegalArgumentException("start has " + start.length + " states, not " + states());
    }
    List<Period> out = new ArrayList<>(periods);
    double[] sizes = start.clone();
    double arrived = Arrays.stream(inflow).sum();
    for (int t = 1; t <= periods; t++) {
      double left = 0;
      for (int i = 0; i < sizes.length; i++) {
        left += sizes[i] * leave[i];
      }
      sizes = next(sizes);
      out.add(new Period(t, sizes, arrived, left));
    }
    return out;
  }

  /** One step: {@code sizes · step + inflow}. */
  public double[] next(double[] sizes) {
    int n = states();
    double[] out = inflow.clone();
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        out[j] += sizes[i] * step[i][j];
      }
    }
    return out;
  }

  /**
   * The sizes that one step maps to themselves, {@code n = n · step + inflow}, when they exist
   * independently of the start: that is when customers of every state eventually leave (directly or
   * through other states). The projection then converges to them from any start. Empty otherwise —
   * for example when nobody ever leaves while new customers keep arriving, so sizes grow without
   * bound.
   */
  public Optional<double[]> steadyState() {
    if (!everyStateLeaks()) {
      return Optional.empty();
    }
    int n = states();
    // n (I − step) = inflow, solved as (I − step)ᵀ nᵀ = inflowᵀ.
    double[][] a = new double[n][n];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < n; j++) {
        a[j][i] = (i == j ? 1 : 0) - step[i][j];
      }
    }
    double[][] b = new double[n][1];
    for (int i = 0; i < n; i++) {
      b[i][0] = inflow[i];
    }
    Matrix x = new Matrix(a).solve(new Matrix(b));
    double[] sizes = new double[n];
    for (int i = 0; i < n; i++) {
      sizes[i] = Math.max(0, x.get(i, 0)); // −0.0000…1 from rounding is 0
    }
    return Optional.of(sizes);
  }

  /**
   * Whether a customer of every state can reach a state with a positive chance of leaving: exactly
   * when I − step is invertible for a sub-stochastic step (no closed class keeps its customers).
   * Decided on the graph, so no floating-point rank threshold is needed.
   */
  boolean everyStateLeaks() {
    int n = states();
    boolean[] leaks = new boolean[n];
    Deque<Integer> queue = new ArrayDeque<>();
    for (int i = 0; i < n; i++) {
      if (leave[i] > 0) {
        leaks[i] = true;
        queue.add(i);
      }
    }
    while (!queue.isEmpty()) {
      int j = queue.poll();
      for (int i = 0; i < n; i++) {
        if (!leaks[i] && step[i][j] > 0) {
          leaks[i] = true;
          queue.add(i);
        }
      }
    }
    for (boolean l : leaks) {
      if (!l) {
        return false;
      }
    }
    return true;
  }
}
