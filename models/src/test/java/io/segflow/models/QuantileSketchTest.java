// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.util.Arrays;
import java.util.Random;
import org.junit.Test;

public class QuantileSketchTest {
  private static double numpyQuantile(double[] values, double q) {
    double[] s = values.clone();
    Arrays.sort(s);
    double pos = q * (s.length - 1);
    int lo = (int) Math.floor(pos);
    double frac = pos - lo;
    return frac == 0 ? s[lo] : s[lo] + frac * (s[lo + 1] - s[lo]);
  }

  @Test
  public void heavyTailedValuesAreWithinTheRelativeAccuracy() {
    Random r = new Random(7);
    double[] values = new double[200_000];
    QuantileSketch sketch = new QuantileSketch();
    for (int i = 0; i < values.length; i++) {
      values[i] =
          Math.round(Math.exp(6 + 1.5 * r.nextGaussian()) * 100) / 100.0; // spend in currency
      sketch.add(values[i]);
    }
    for (double q : new double[] {0.01, 0.25, 0.5, 0.75, 0.99}) {
      double exact = numpyQuantile(values, q);
      assertThat(
          "q=" + q,
          Math.abs(sketch.quantile(q) - exact) / exact,
          lessThan(QuantileSketch.RELATIVE_ACCURACY));
    }
    assertThat("memory follows the spread, not the count", sketch.buckets(), lessThan(3000));
  }

  @Test
  public void repeatedIntegerValuesGiveExactMedians() {
    double[] values = {1, 1, 2, 2, 2, 3, 5, 8, 8, 0, 0, 13};
    QuantileSketch sketch = new QuantileSketch();
    for (double v : values) {
      sketch.add(v);
    }
    assertThat(sketch.quantile(0.5), is(numpyQuantile(values, 0.5)));
    assertThat(sketch.quantile(0), is(0.0));
    assertThat(sketch.quantile(1), is(13.0));
  }

  @Test
  public void mergeOrderDoesNotMatterAndNegativesSortFirst() {
    Random r = new Random(11);
    QuantileSketch all = new QuantileSketch();
    QuantileSketch a = new QuantileSketch();
    QuantileSketch b = new QuantileSketch();
    double[] values = new double[10_001];
    for (int i = 0; i < values.length; i++) {
      values[i] = r.nextGaussian() * 1000;
      all.add(values[i]);
      (i % 3 == 0 ? a : b).add(values[i]);
    }
    QuantileSketch ba = new QuantileSketch().merge(b).merge(a);
    for (double q : new double[] {0, 0.1, 0.5, 0.9, 1}) {
      assertThat(ba.quantile(q), is(all.quantile(q)));
      double exact = numpyQuantile(values, q);
      assertThat(
          ba.quantile(q), closeTo(exact, Math.abs(exact) * QuantileSketch.RELATIVE_ACCURACY));
    }
    QuantileSketch counted = new QuantileSketch();
    counted.add(4.5, 3);
    counted.add(-2, 1);
    assertThat(counted.count(), is(4L));
    assertThat(counted.quantile(0), is(-2.0));
    assertThat(counted.quantile(0.5), is(4.5));
  }

  @Test
  public void rejectsWhatItCannotHold() {
    QuantileSketch s = new QuantileSketch();
    assertThat(Double.isNaN(s.quantile(0.5)), is(true));
    assertThrows(IllegalArgumentException.class, () -> s.add(Double.NaN));
    assertThrows(IllegalArgumentException.class, () -> s.add(1, 0));
    assertThrows(IllegalArgumentException.class, () -> s.quantile(1.5));
  }
}
