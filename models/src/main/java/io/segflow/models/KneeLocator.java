// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.OptionalInt;

/**
 * Finds the knee (or elbow) of a monotone convex curve the Kneedle way (Satopää, Albrecht, Irwin,
 * Raghavan, 2011): normalise x and y to [0, 1], take the difference curve between the chord joining
 * the end points and the curve, and return the point where the curve lies farthest below that
 * chord. Unlike Kneedle's online detector there is no sensitivity parameter: the global maximum of
 * the difference curve is the knee, ties → the smaller x.
 *
 * <p>Used for the elbow of WCSS versus k (decreasing, convex) and, for DBSCAN, the knee of the
 * sorted k-distance curve (increasing, convex) that suggests eps.
 */
public final class KneeLocator {
  private KneeLocator() {}

  /**
   * Elbow of a decreasing convex curve, e.g. WCSS over k; empty if the curve never dips below its
   * chord.
   */
  public static OptionalInt kneeOfDecreasingConvex(double[] x, double[] y) {
    return knee(x, y, false);
  }

  /**
   * Knee of an increasing convex curve, e.g. sorted k-distances; empty if the curve never dips
   * below its chord.
   */
  public static OptionalInt kneeOfIncreasingConvex(double[] x, double[] y) {
    return knee(x, y, true);
  }

  private static OptionalInt knee(double[] x, double[] y, boolean increasing) {
    if (x.length != y.length) {
      throw new IllegalArgumentException(
          "x and y differ in length: " + x.length + " vs " + y.length);
    }
    if (x.length < 3) {
      return OptionalInt.empty(); // two points are their own chord: no knee to find
    }
    for (int i = 0; i < x.length; i++) {
      if (!Double.isFinite(x[i]) || !Double.isFinite(y[i])) {
        throw new IllegalArgumentException("non-finite point at index " + i);
      }
      if (i > 0 && !(x[i] > x[i - 1])) {
        throw new IllegalArgumentException("x must be strictly increasing at index " + i);
      }
    }
    double yMin = Stats.min(y);
    double yRange = Stats.max(y) - yMin;
    if (yRange == 0) {
      return OptionalInt.empty();
    }
    double xRange = x[x.length - 1] - x[0];
    int best = -1;
    double bestDiff = 0;
    for (int i = 0; i < x.length; i++) {
      double xn = (x[i] - x[0]) / xRange;
      double yn = (y[i] - yMin) / yRange;
      double chord = increasing ? xn : 1 - xn;
      double diff = chord - yn;
      if (diff > bestDiff + 1e-12) {
        bestDiff = diff;
        best = i;
      }
    }
    return best < 0 ? OptionalInt.empty() : OptionalInt.of(best);
  }
}
