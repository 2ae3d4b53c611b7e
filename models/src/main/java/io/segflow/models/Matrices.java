// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/** Shared checks and small kernels on {@code double[rows][features]} matrices. */
final class Matrices {
  private Matrices() {}

  /**
   * Checks that {@code x} is non-empty, rectangular and finite; returns the number of columns.
   * Clustering silently produces garbage on NaN, so it is rejected at the door.
   */
  static int requireRectangularFinite(double[][] x) {
    if (x == null || x.length == 0) {
      throw new IllegalArgumentException("x must have at least one row");
    }
    int d = x[0].length;
    if (d == 0) {
      throw new IllegalArgumentException("x must have at least one column");
    }
    for (int i = 0; i < x.length; i++) {
      if (x[i].length != d) {
        throw new IllegalArgumentException(
            "row " + i + " has " + x[i].length + " columns, expected " + d);
      }
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(x[i][j])) {
          throw new IllegalArgumentException("x[" + i + "][" + j + "] is not finite: " + x[i][j]);
        }
      }
    }
    return d;
  }

  static void requireSameLength(double[][] x, int[] labels) {
    if (labels == null || labels.length != x.length) {
      throw new IllegalArgumentException(
          "labels length " + (labels == null ? "null" : labels.length) + " != rows " + x.length);
    }
  }

  static double squaredDistance(double[] a, double[] b) {
    double s = 0;
    for (int f = 0; f < a.length; f++) {
      double t = a[f] - b[f];
      s += t * t;
    }
    return s;
  }

  /** Column {@code j} of {@code x}. */
  static double[] column(double[][] x, int j) {
    double[] c = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      c[i] = x[i][j];
    }
    return c;
  }

  /** Means of the rows of each cluster; {@code codes} must be dense 0..k-1. */
  static double[][] centroids(double[][] x, int[] codes, int k) {
    int d = x[0].length;
    double[][] c = new double[k][d];
    int[] counts = new int[k];
    for (int i = 0; i < x.length; i++) {
      counts[codes[i]]++;
      for (int f = 0; f < d; f++) {
        c[codes[i]][f] += x[i][f];
      }
    }
    for (int g = 0; g < k; g++) {
      for (int f = 0; f < d; f++) {
        c[g][f] /= counts[g];
      }
    }
    return c;
  }

  static double[][] deepCopy(double[][] m) {
    double[][] c = new double[m.length][];
    for (int i = 0; i < m.length; i++) {
      c[i] = m[i].clone();
    }
    return c;
  }
}
