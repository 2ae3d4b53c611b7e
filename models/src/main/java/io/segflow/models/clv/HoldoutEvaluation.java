// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares predicted with actual holdout purchases, one customer at a time in constant memory: per
 * calibration frequency the mean predicted and mean actual purchases (the calibration/holdout chart
 * of Fader, Hardie &amp; Lee, fig. 4), and per customer the mean absolute error and Pearson
 * correlation. Mergeable.
 */
public final class HoldoutEvaluation implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Lifetimes' and the paper's chart pool frequencies of 7 and more into one bar. */
  public static final int DEFAULT_TOP_FREQUENCY = 7;

  private final int topFrequency;
  private final long[] customers;
  private final double[] predicted;
  private final double[] actual;
  private final CoMoments moments = new CoMoments();
  private double absoluteError;

  private HoldoutEvaluation(int topFrequency) {
    this.topFrequency = topFrequency;
    this.customers = new long[topFrequency + 1];
    this.predicted = new double[topFrequency + 1];
    this.actual = new double[topFrequency + 1];
  }

  /** Pools calibration frequencies of {@code topFrequency} and above into the last row. */
  public static HoldoutEvaluation create(int topFrequency) {
    if (topFrequency < 1) {
      throw new IllegalArgumentException("topFrequency must be >= 1: " + topFrequency);
    }
    return new HoldoutEvaluation(topFrequency);
  }

  public HoldoutEvaluation add(
      int calibrationFrequency, double predictedPurchases, int actualPurchases) {
    int row = Math.min(calibrationFrequency, topFrequency);
    customers[row]++;
    predicted[row] += predictedPurchases;
    actual[row] += actualPurchases;
    absoluteError += Math.abs(predictedPurchases - actualPurchases);
    moments.add(predictedPurchases, actualPurchases);
    return this;
  }

  public HoldoutEvaluation merge(HoldoutEvaluation other) {
    if (other.topFrequency != topFrequency) {
      throw new IllegalArgumentException("cannot merge evaluations with different top rows");
    }
    for (int i = 0; i <= topFrequency; i++) {
      customers[i] += other.customers[i];
      predicted[i] += other.predicted[i];
      actual[i] += other.actual[i];
    }
    absoluteError += other.absoluteError;
    moments.merge(other.moments);
    return this;
  }

  /**
   * The evaluation of the customers added so far.
   *
   * @param calibrationDays days of the calibration period (for the record)
   * @param holdoutDays days of the holdout period predicted
   */
  public HoldoutResult result(long calibrationDays, long holdoutDays) {
    long n = 0;
    double sumPredicted = 0;
    double sumActual = 0;
    List<HoldoutResult.FrequencyRow> rows = new ArrayList<>();
    for (int i = 0; i <= topFrequency; i++) {
      n += customers[i];
      sumPredicted += predicted[i];
      sumActual += actual[i];
      if (customers[i] > 0) {
        rows.add(
            new HoldoutResult.FrequencyRow(
                i,
                i == topFrequency,
                customers[i],
                predicted[i] / customers[i],
                actual[i] / customers[i]));
      }
    }
    double correlation = moments.correlation();
    return new HoldoutResult(
        calibrationDays,
        holdoutDays,
        n,
        n == 0 ? Double.NaN : sumPredicted / n,
        n == 0 ? Double.NaN : sumActual / n,
        n == 0 ? Double.NaN : absoluteError / n,
        correlation,
        List.copyOf(rows));
  }

  /**
   * Means and co-moments updated one pair at a time (Welford) and merged with Chan, Golub &amp;
   * LeVeque's formula: stable for millions of customers. Hipparchus' StorelessCovariance would do
   * the updates but cannot merge (its append is unsupported), which a parallel pass needs.
   */
  private static final class CoMoments implements Serializable {
    private static final long serialVersionUID = 1L;
    private long n;
    private double meanX;
    private double meanY;
    private double m2x;
    private double m2y;
    private double cxy;

    void add(double x, double y) {
      n++;
      double dx = x - meanX;
      meanX += dx / n;
      double dy = y - meanY;
      meanY += dy / n;
      m2x += dx * (x - meanX);
      m2y += dy * (y - meanY);
      cxy += dx * (y - meanY);
    }

    void merge(CoMoments o) {
      if (o.n == 0) {
        return;
      }
      long total = n + o.n;
      double dx = o.meanX - meanX;
      double dy = o.meanY - meanY;
      double weight = (double) n * o.n / total;
      m2x += o.m2x + dx * dx * weight;
      m2y += o.m2y + dy * dy * weight;
      cxy += o.cxy + dx * dy * weight;
      meanX += dx * o.n / total;
      meanY += dy * o.n / total;
      n = total;
    }

    /** Pearson's r; NaN for fewer than two pairs or a constant side. */
    double correlation() {
      return n > 1 && m2x > 0 && m2y > 0 ? cxy / Math.sqrt(m2x * m2y) : Double.NaN;
    }
  }
}
