// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

/**
 * The first two principal components of a small number of columns, for the report's scatter plot:
 * covariance matrix, then power iteration with deflation (deterministic start), which is plenty for
 * a handful of features.
 */
final class Pca {
  private Pca() {}

  /** Projects the rows of {@code x} (n × d, already scaled) on the first two components. */
  static double[][] project2(double[][] x) {
    int n = x.length;
    int d = x[0].length;
    double[] mean = new double[d];
    for (double[] row : x) {
      for (int j = 0; j < d; j++) {
        mean[j] += row[j] / n;
      }
    }
    double[][] cov = new double[d][d];
    for (double[] row : x) {
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          cov[a][b] += (row[a] - mean[a]) * (row[b] - mean[b]) / n;
        }
      }
    }
    double[] pc1 = dominant(cov);
    double l1 = rayleigh(cov, pc1);
    for (int a = 0; a < d; a++) {
      for (int b = 0; b < d; b++) {
        cov[a][b] -= l1 * pc1[a] * pc1[b];
      }
    }
    double[] pc2 = dominant(cov);
    double[][] out = new double[n][2];
    for (int i = 0; i < n; i++) {
      for (int j = 0; j < d; j++) {
        double c = x[i][j] - mean[j];
        out[i][0] += c * pc1[j];
        out[i][1] += c * pc2[j];
      }
    }
    return out;
  }

  private static double[] dominant(double[][] m) {
    int d = m.length;
    double[] v = new double[d];
    for (int j = 0; j < d; j++) {
      v[j] = 1.0 / Math.sqrt(d) + 0.01 * j; // fixed, not orthogonal to any axis
    }
    for (int it = 0; it < 500; it++) {
      double[] w = new double[d];
      for (int a = 0; a < d; a++) {
        for (int b = 0; b < d; b++) {
          w[a] += m[a][b] * v[b];
        }
      }
      double norm = 0;
      for (double c : w) {
        norm += c * c;
      }
      norm = Math.sqrt(norm);
      if (norm == 0) {
        return v;
      }
      for (int a = 0; a < d; a++) {
        w[a] /= norm;
      }
      v = w;
    }
    // A deterministic sign: the largest loading is positive.
    int big = 0;
    for (int j = 1; j < d; j++) {
      if (Math.abs(v[j]) > Math.abs(v[big])) {
        big = j;
      }
    }
    if (v[big] < 0) {
      for (int j = 0; j < d; j++) {
        v[j] = -v[j];
      }
    }
    return v;
  }

  private static double rayleigh(double[][] m, double[] v) {
    double s = 0;
    for (int a = 0; a < v.length; a++) {
      for (int b = 0; b < v.length; b++) {
        s += v[a] * m[a][b] * v[b];
      }
    }
    return s;
  }
}
