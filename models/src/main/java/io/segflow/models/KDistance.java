// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * Every row's k-distance: the distance to its {@code minPoints}-th nearest row, <em>counting the
 * row itself</em> as the first (distance 0), like scikit-learn's {@code
 * NearestNeighbors(n_neighbors=minPoints).kneighbors(X)} on the training data. With that convention
 * a row is a DBSCAN core point exactly when its k-distance is below eps, so the same numbers choose
 * eps and mark the core points. Exact and O(n²·d); rows are split over the common fork-join pool,
 * each row computed by one thread, so the result does not depend on the thread count.
 */
final class KDistance {
  private KDistance() {}

  static double[] of(double[][] x, int minPoints) {
    int n = x.length;
    if (minPoints < 1 || minPoints > n) {
      throw new IllegalArgumentException("minPoints must be in 1.." + n + ": " + minPoints);
    }
    double[] out = new double[n];
    IntStream.range(0, n)
        .parallel()
        .forEach(i -> out[i] = Math.sqrt(kthSmallestSquared(x, i, minPoints)));
    return out;
  }

  /**
   * The k-th smallest squared distance from row i to all rows (itself included), via a sorted
   * buffer of size k.
   */
  private static double kthSmallestSquared(double[][] x, int i, int k) {
    double[] best = new double[k];
    Arrays.fill(best, Double.POSITIVE_INFINITY);
    for (double[] other : x) {
      double d = Matrices.squaredDistance(x[i], other);
      if (d < best[k - 1]) {
        int p = k - 1;
        while (p > 0 && best[p - 1] > d) {
          best[p] = best[p - 1];
          p--;
        }
        best[p] = d;
      }
    }
    return best[k - 1];
  }
}
