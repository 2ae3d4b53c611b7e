// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.OptionalInt;
import org.junit.Test;

public class KneeLocatorTest {
  private static double[] range(int from, int to) {
    double[] x = new double[to - from + 1];
    for (int i = 0; i < x.length; i++) {
      x[i] = from + i;
    }
    return x;
  }

  @Test
  public void findsTheCornerOfADecreasingPiecewiseLinearCurve() {
    double[] k = range(1, 10);
    double[] wcss = new double[k.length];
    for (int i = 0; i < k.length; i++) {
      wcss[i] =
          k[i] <= 4 ? 100 - 25 * (k[i] - 1) : 25 - 2 * (k[i] - 4); // steep until k=4, then flat
    }
    assertThat(KneeLocator.kneeOfDecreasingConvex(k, wcss), is(OptionalInt.of(3)));
  }

  @Test
  public void findsTheKneeOfAHyperbola() {
    // y = 1/x on x = 1..10: the Kneedle difference 1 - xn - yn peaks at x = 3 (index 2)
    double[] x = range(1, 10);
    double[] y = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      y[i] = 1 / x[i];
    }
    // xn = (x-1)/9, yn = (1/x - 0.1)/0.9 → diff(2)=0.444, diff(3)=0.519, diff(4)=0.500
    assertThat(KneeLocator.kneeOfDecreasingConvex(x, y), is(OptionalInt.of(2)));
  }

  @Test
  public void findsTheKneeOfAnIncreasingKDistanceCurve() {
    // sorted k-distances: flat inside clusters, then a sharp rise at the outliers from index 15 on
    double[] x = range(0, 19);
    double[] d = new double[x.length];
    for (int i = 0; i < x.length; i++) {
      d[i] = i < 15 ? 0.1 + 0.01 * i : 0.24 + 2.0 * (i - 14);
    }
    assertThat(KneeLocator.kneeOfIncreasingConvex(x, d), is(OptionalInt.of(14)));
  }

  @Test
  public void noKneeOnAStraightLineOrAConcaveCurveOrTooFewPoints() {
    double[] x = range(1, 5);
    assertThat(
        KneeLocator.kneeOfDecreasingConvex(x, new double[] {5, 4, 3, 2, 1}),
        is(OptionalInt.empty()));
    assertThat(
        KneeLocator.kneeOfDecreasingConvex(x, new double[] {10, 9.9, 9.5, 8, 1}),
        is(OptionalInt.empty()));
    assertThat(
        KneeLocator.kneeOfIncreasingConvex(x, new double[] {1, 1, 1, 1, 1}),
        is(OptionalInt.empty()));
    assertThat(
        KneeLocator.kneeOfDecreasingConvex(new double[] {1, 2}, new double[] {2, 1}),
        is(OptionalInt.empty()));
  }

  @Test
  public void rejectsUnsortedOrMismatchedInput() {
    assertThrows(
        IllegalArgumentException.class,
        () -> KneeLocator.kneeOfDecreasingConvex(new double[] {1, 3, 2}, new double[] {3, 2, 1}));
    assertThrows(
        IllegalArgumentException.class,
        () -> KneeLocator.kneeOfDecreasingConvex(new double[] {1, 2, 3}, new double[] {3, 2}));
  }
}
