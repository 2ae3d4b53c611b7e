// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.util.Arrays;
import java.util.function.ToDoubleFunction;
import org.hipparchus.exception.MathIllegalStateException;
import org.hipparchus.linear.EigenDecompositionSymmetric;
import org.hipparchus.linear.MatrixUtils;
import org.hipparchus.optim.InitialGuess;
import org.hipparchus.optim.MaxEval;
import org.hipparchus.optim.PointValuePair;
import org.hipparchus.optim.SimpleBounds;
import org.hipparchus.optim.nonlinear.scalar.GoalType;
import org.hipparchus.optim.nonlinear.scalar.ObjectiveFunction;
import org.hipparchus.optim.nonlinear.scalar.noderiv.BOBYQAOptimizer;

/**
 * Maximises a log-likelihood over strictly positive parameters with Hipparchus' BOBYQA (Powell's
 * bound-constrained, derivative-free trust-region method). The search runs on log-parameters
 * (positivity for free, comparable scales) inside bounds, on the mean log-likelihood per customer
 * (tolerances independent of the data size), and restarts from its own optimum until a restart no
 * longer improves it. An exhausted budget, a parameter at a bound or a flat optimum is reported,
 * never silently returned as converged.
 */
final class MaximumLikelihood {
  /** Log-parameter bounds: parameters between about 2e-9 and 5e8. */
  static final double LOG_LOWER = -20;

  static final double LOG_UPPER = 20;

  private static final double AT_BOUND = 0.5;
  private static final double INITIAL_RADIUS = 0.5;
  private static final double STOPPING_RADIUS = 1e-8;
  private static final double RELATIVE_TOLERANCE = 1e-12;
  private static final int MAX_RESTARTS = 10;
  private static final double HESSIAN_STEP = 1e-3;

  /** Curvature ratios below this mean a direction the data barely constrain. */
  static final double MIN_CURVATURE_RATIO = 1e-6;

  /** The outcome in natural parameters. */
  record Estimate(
      double[] params, double logLikelihood, FitStatus status, int evaluations, String note) {}

  private MaximumLikelihood() {}

  /**
   * @param logLikelihood total log-likelihood of natural (positive) parameters
   * @param names parameter names, for notes
   * @param start natural starting values
   * @param totalWeight customers behind the likelihood (scales it to a mean)
   */
  static Estimate maximize(
      ToDoubleFunction<double[]> logLikelihood,
      String[] names,
      double[] start,
      double totalWeight,
      int maxEvaluations) {
    int n = start.length;
    double[] lower = new double[n];
    double[] upper = new double[n];
    Arrays.fill(lower, LOG_LOWER);
    Arrays.fill(upper, LOG_UPPER);
    Tracker tracker = new Tracker(logLikelihood, totalWeight);
    double[] y = new double[n];
    for (int i = 0; i < n; i++) {
      y[i] = Math.log(start[i]);
    }
    double previous = Double.POSITIVE_INFINITY;
    boolean settled = false;
    String note = "";
    try {
      for (int restart = 0; restart < MAX_RESTARTS && !settled; restart++) {
        BOBYQAOptimizer optimizer = new BOBYQAOptimizer(2 * n + 1, INITIAL_RADIUS, STOPPING_RADIUS);
        PointValuePair best =
            optimizer.optimize(
                new MaxEval(Math.max(1, maxEvaluations - tracker.evaluations)),
                new ObjectiveFunction(tracker::meanNegative),
                GoalType.MINIMIZE,
                new InitialGuess(y),
                new SimpleBounds(lower, upper));
        y = best.getPoint();
        double value = best.getValue();
        settled = previous - value <= RELATIVE_TOLERANCE * (1 + Math.abs(value));
        previous = Math.min(previous, value);
      }
      if (!settled) {
        note = "the optimum still moved after " + MAX_RESTARTS + " restarts";
      }
    } catch (MathIllegalStateException e) {
      note = "stopped after " + maxEvaluations + " likelihood evaluations without converging";
    }
    if (tracker.bestLogParams == null) {
      return new Estimate(
          null,
          Double.NaN,
          FitStatus.NOT_FITTED,
          tracker.evaluations,
          "the likelihood was not finite anywhere the optimizer looked");
    }
    double[] logParams = tracker.bestLogParams;
    double[] params = new double[n];
    for (int i = 0; i < n; i++) {
      params[i] = Math.exp(logParams[i]);
      if (logParams[i] < LOG_LOWER + AT_BOUND || logParams[i] > LOG_UPPER - AT_BOUND) {
        note =
            join(
                note,
                names[i]
                    + " ran to the bound ("
                    + params[i]
                    + "): the likelihood has no interior maximum on these data");
      }
    }
    if (note.isEmpty()) {
      double ratio = curvatureRatio(tracker::meanNegative, logParams);
      if (!(ratio > MIN_CURVATURE_RATIO)) {
        note =
            "the likelihood is flat along some direction at the optimum (curvature ratio "
                + ratio
                + "): these data do not identify the parameters";
      }
    }
    FitStatus status = note.isEmpty() ? FitStatus.CONVERGED : FitStatus.NOT_CONVERGED;
    return new Estimate(
        params, logLikelihood.applyAsDouble(params), status, tracker.evaluations, note);
  }

  /**
   * Smallest over largest eigenvalue of the negative log-likelihood's Hessian in log-parameters
   * (central differences): near 0 or negative when the optimum is a ridge or a saddle rather than a
   * maximum, which the optimizer's own stopping test cannot tell apart.
   */
  static double curvatureRatio(ToDoubleFunction<double[]> f, double[] u) {
    int n = u.length;
    double h = HESSIAN_STEP;
    double center = f.applyAsDouble(u);
    double[][] hessian = new double[n][n];
    for (int i = 0; i < n; i++) {
      hessian[i][i] =
          (f.applyAsDouble(shift(u, i, h, i, 0))
                  - 2 * center
                  + f.applyAsDouble(shift(u, i, -h, i, 0)))
              / (h * h);
      for (int j = 0; j < i; j++) {
        double value =
            (f.applyAsDouble(shift(u, i, h, j, h))
                    - f.applyAsDouble(shift(u, i, h, j, -h))
                    - f.applyAsDouble(shift(u, i, -h, j, h))
                    + f.applyAsDouble(shift(u, i, -h, j, -h)))
                / (4 * h * h);
        hessian[i][j] = value;
        hessian[j][i] = value;
      }
    }
    double[] eigenvalues =
        new EigenDecompositionSymmetric(MatrixUtils.createRealMatrix(hessian)).getEigenvalues();
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double e : eigenvalues) {
      min = Math.min(min, e);
      max = Math.max(max, e);
    }
    return max > 0 ? min / max : Double.NaN;
  }

  private static double[] shift(double[] u, int i, double di, int j, double dj) {
    double[] out = u.clone();
    out[i] += di;
    out[j] += dj;
    return out;
  }

  private static String join(String a, String b) {
    return a.isEmpty() ? b : a + "; " + b;
  }

  /** Counts evaluations and remembers the best finite point, whatever stops the optimizer. */
  private static final class Tracker {
    private final ToDoubleFunction<double[]> logLikelihood;
    private final double totalWeight;
    private int evaluations;
    private double bestValue = Double.POSITIVE_INFINITY;
    private double[] bestLogParams;

    Tracker(ToDoubleFunction<double[]> logLikelihood, double totalWeight) {
      this.logLikelihood = logLikelihood;
      this.totalWeight = totalWeight;
    }

    double meanNegative(double[] logParams) {
      evaluations++;
      double[] params = new double[logParams.length];
      for (int i = 0; i < params.length; i++) {
        params[i] = Math.exp(logParams[i]);
      }
      double value = -logLikelihood.applyAsDouble(params) / totalWeight;
      if (!Double.isFinite(value)) {
        // a huge finite value keeps the optimizer's quadratic model free of NaN
        return Double.MAX_VALUE;
      }
      if (value < bestValue) {
        bestValue = value;
        bestLogParams = logParams.clone();
      }
      return value;
    }
  }
}
