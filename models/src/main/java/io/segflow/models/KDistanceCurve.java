// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;
import java.util.TreeSet;

/**
 * The sorted k-distance curve that suggests DBSCAN's eps (Ester et al., 1996): dense regions show
 * up as the long flat part, outliers as the steep tail, and the knee between them ({@link
 * KneeLocator#kneeOfIncreasingConvex}) is the distance below which a customer counts as "in a dense
 * region".
 *
 * <p>The report keeps at most {@link #MAX_POINTS} points of the curve (evenly spaced ranks, plus
 * the knee), enough to plot it without shipping one value per customer.
 *
 * @param minPoints the k of the k-distance (the row itself counted, see {@link KDistance})
 * @param size number of customers, i.e. of points on the full curve
 * @param points the downsampled curve, ascending rank
 * @param kneeRank rank of the knee on the full curve, {@code -1} if the curve has none
 * @param kneeDistance k-distance at the knee, NaN if none
 */
public record KDistanceCurve(
    int minPoints, int size, List<CurvePoint> points, int kneeRank, double kneeDistance)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Most points kept for the report. */
  public static final int MAX_POINTS = 200;

  public KDistanceCurve {
    points = List.copyOf(points);
  }

  /** Sorts {@code kDistances} (one per customer), finds the knee and downsamples. */
  static KDistanceCurve of(double[] kDistances, int minPoints) {
    double[] sorted = Stats.sortedCopy(kDistances);
    int n = sorted.length;
    double[] rank = new double[n];
    for (int i = 0; i < n; i++) {
      rank[i] = i;
    }
    OptionalInt knee = KneeLocator.kneeOfIncreasingConvex(rank, sorted);
    TreeSet<Integer> kept = new TreeSet<>();
    int evenly = Math.min(n, knee.isPresent() ? MAX_POINTS - 1 : MAX_POINTS);
    for (int j = 0; j < evenly; j++) {
      kept.add(evenly == 1 ? 0 : (int) Math.round((double) j * (n - 1) / (evenly - 1)));
    }
    knee.ifPresent(kept::add);
    List<CurvePoint> points = new ArrayList<>(kept.size());
    for (int r : kept) {
      points.add(new CurvePoint(r, sorted[r]));
    }
    return new KDistanceCurve(
        minPoints,
        n,
        points,
        knee.orElse(-1),
        knee.isPresent() ? sorted[knee.getAsInt()] : Double.NaN);
  }

  public boolean hasKnee() {
    return kneeRank >= 0;
  }
}
