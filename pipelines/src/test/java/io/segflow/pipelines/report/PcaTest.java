// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.greaterThan;

import org.junit.Test;

public class PcaTest {
  private static double variance(double[][] p, int c) {
    double mean = 0;
    for (double[] r : p) {
      mean += r[c] / p.length;
    }
    double v = 0;
    for (double[] r : p) {
      v += (r[c] - mean) * (r[c] - mean) / p.length;
    }
    return v;
  }

  @Test
  public void firstComponentFollowsTheLongAxis() {
    // Points along (1, 2, 0) with a small spread along (0, 0, 1): the first component carries
    // the long axis' variance (t² scaled by |(1,2,0)|² = 5), the second the small spread.
    double[][] x = new double[201][];
    for (int i = 0; i <= 200; i++) {
      double t = (i - 100) / 10.0;
      double e = (i % 2 == 0 ? 0.1 : -0.1);
      x[i] = new double[] {t, 2 * t, e};
    }
    double[][] p = Pca.project2(x);
    double varT = 0;
    for (int i = 0; i <= 200; i++) {
      double t = (i - 100) / 10.0;
      varT += t * t / 201;
    }
    assertThat(variance(p, 0), closeTo(5 * varT, 1e-6));
    assertThat(variance(p, 1), closeTo(0.01, 1e-4));
    assertThat(variance(p, 0), greaterThan(variance(p, 1)));
  }
}
