// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import io.segflow.models.ExactSum;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;

/**
 * Compares predicted with actual holdout purchases, one customer at a time in constant memory: per
 * calibration frequency the mean predicted and mean actual purchases (the calibration/holdout chart
 * of Fader, Hardie &amp; Lee, fig. 4), and per customer the mean absolute error and Pearson
 * correlation. Mergeable, and the result is the same to the bit in any order of adding and merging
 * (every sum of doubles is an {@link ExactSum}), as a distributed combine needs.
 */
public final class HoldoutEvaluation implements Serializable {
  private static final long serialVersionUID = 2L;

  /** Lifetimes' and the paper's chart pool frequencies of 7 and more into one bar. */
  public static final int DEFAULT_TOP_FREQUENCY = 7;

  private final int topFrequency;
  private final long[] customers;
  private final ExactSum[] predicted;
  private final long[] actual;
  private final ExactSum absoluteError = new ExactSum();
  // raw moments of (predicted x, actual y) for the correlation; y is a count, so its sums are exact
  private final ExactSum sumXX = new ExactSum();
  private final ExactSum sumXY = new ExactSum();
  private long sumYY;

  private HoldoutEvaluation(int topFrequency) {
    this.topFrequency = topFrequency;
    this.customers = new long[topFrequency + 1];
    this.predicted = new ExactSum[topFrequency + 1];
    this.actual = new long[topFrequency + 1];
    for (int i = 0; i <= topFrequency; i++) {
      predicted[i] = new ExactSum();
    }
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
    predicted[row].add(predictedPurchases);
    actual[row] += actualPurchases;
    absoluteError.add(Math.abs(predictedPurchases - actualPurchases));
    sumXX.add(predictedPurchases * predictedPurchases);
    sumXY.add(predictedPurchases * actualPurchases);
    sumYY += (long) actualPurchases * actualPurchases;
    return this;
  }

  public HoldoutEvaluation merge(HoldoutEvaluation other) {
    if (other.topFrequency != topFrequency) {
      throw new IllegalArgumentException("cannot merge evaluations with different top rows");
    }
    for (int i = 0; i <= topFrequency; i++) {
      customers[i] += other.customers[i];
      predicted[i].merge(other.predicted[i]);
      actual[i] += other.actual[i];
    }
    absoluteError.merge(other.absoluteError);
    sumXX.merge(other.sumXX);
    sumXY.merge(other.sumXY);
    sumYY += other.sumYY;
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
    ExactSum sumPredicted = new ExactSum();
    long sumActual = 0;
    List<HoldoutResult.FrequencyRow> rows = new ArrayList<>();
    for (int i = 0; i <= topFrequency; i++) {
      n += customers[i];
      sumPredicted.merge(predicted[i]);
      sumActual += actual[i];
      if (customers[i] > 0) {
        rows.add(
            new HoldoutResult.FrequencyRow(
                i,
                i == topFrequency,
                customers[i],
                predicted[i].value() / customers[i],
                (double) actual[i] / customers[i]));
      }
    }
    return new HoldoutResult(
        calibrationDays,
        holdoutDays,
        n,
        n == 0 ? Double.NaN : sumPredicted.value() / n,
        n == 0 ? Double.NaN : (double) sumActual / n,
        n == 0 ? Double.NaN : absoluteError.value() / n,
        correlation(n, sumPredicted.value(), (double) sumActual),
        List.copyOf(rows));
  }

  /** Pearson's r from the raw moments; NaN for fewer than two pairs or a constant side. */
  private double correlation(long n, double sumX, double sumY) {
    double covariance = n * sumXY.value() - sumX * sumY;
    double varianceX = n * sumXX.value() - sumX * sumX;
    double varianceY = (double) n * sumYY - sumY * sumY;
    return n > 1 && varianceX > 0 && varianceY > 0
        ? covariance / Math.sqrt(varianceX * varianceY)
        : Double.NaN;
  }
}
