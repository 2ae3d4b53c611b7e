// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

public class FieldSummaryTest {
  private static FieldSummary of(double... values) {
    FieldSummary s = new FieldSummary();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  @Test
  public void quantilesInterpolateLinearlyBetweenOrderStatisticsAsNumpyDoes() {
    // numpy.quantile([1, 2, 3, 4, 10], q): position q * (n - 1) = 4q between sorted values.
    FieldSummary s = of(10, 3, 1, 4, 2);
    assertThat(s.quantile(0), is(1.0));
    assertThat(s.quantile(0.25), closeTo(2.0, 1e-12)); // position 1
    assertThat(s.quantile(0.5), closeTo(3.0, 1e-12)); // position 2
    assertThat(s.quantile(0.75), closeTo(4.0, 1e-12)); // position 3
    assertThat(s.quantile(0.1), closeTo(1.4, 1e-12)); // position 0.4: 1 + 0.4 x (2 - 1)
    assertThat(s.quantile(0.9), closeTo(7.6, 1e-12)); // position 3.6: 4 + 0.6 x (10 - 4)
    assertThat(s.quantile(1), is(10.0));
  }

  @Test
  public void repeatedValuesCountAsOftenAsTheyOccur() {
    // numpy.quantile([1, 1, 2, 5], 0.5) = 1.5 (position 1.5 between 1 and 2);
    // numpy.quantile([1, 1, 2, 5], 0.75) = 2.75 (position 2.25 between 2 and 5).
    FieldSummary s = of(5, 1, 2, 1);
    assertThat(s.count(), is(4L));
    assertThat(s.quantile(0.5), closeTo(1.5, 1e-12));
    assertThat(s.quantile(0.75), closeTo(2.75, 1e-12));
    assertThat(s.quantile(0.25), closeTo(1.0, 1e-12)); // position 0.75 between 1 and 1
    // Six equal values and one outlier: every quartile is the common value.
    FieldSummary same = of(6, 6, 6, 6, 6, 6, 120);
    assertThat(same.quantile(0.25), is(6.0));
    assertThat(same.quantile(0.75), is(6.0));
  }

  @Test
  public void meanAndPopulationStandardDeviation() {
    // Mean 5; squared deviations 9,1,1,1,0,0,4,16 sum to 32; 32 / 8 = 4; std 2.
    FieldSummary s = of(2, 4, 4, 4, 5, 5, 7, 9);
    assertThat(s.mean(), closeTo(5.0, 1e-12));
    assertThat(s.std(), closeTo(2.0, 1e-12));
  }

  @Test
  public void anEmptySummaryHasNoStatistics() {
    FieldSummary s = new FieldSummary();
    assertThat(s.count(), is(0L));
    assertThat(Double.isNaN(s.quantile(0.5)), is(true));
    assertThat(Double.isNaN(s.mean()), is(true));
    assertThat(Double.isNaN(s.std()), is(true));
  }

  @Test
  public void aSingleValueIsEveryQuantile() {
    FieldSummary s = of(2.55);
    assertThat(s.quantile(0), is(2.55));
    assertThat(s.quantile(0.37), is(2.55));
    assertThat(s.quantile(1), is(2.55));
    assertThat(s.std(), is(0.0));
  }

  @Test
  public void mergingInAnyOrderEqualsAddingEverything() {
    FieldSummary all = of(1, 2, 3, 4, 10, 2, 2.5);
    FieldSummary a = of(10, 2);
    FieldSummary b = of(1, 2.5);
    FieldSummary c = of(3, 4, 2);
    FieldSummary abc = new FieldSummary();
    abc.merge(a);
    abc.merge(b);
    abc.merge(c);
    FieldSummary cba = new FieldSummary();
    cba.merge(c);
    cba.merge(b);
    cba.merge(a);
    for (FieldSummary merged : new FieldSummary[] {abc, cba}) {
      assertThat(merged.count(), is(7L));
      for (double q : new double[] {0, 0.1, 0.25, 0.5, 0.75, 0.9, 1}) {
        assertThat(merged.quantile(q), is(all.quantile(q)));
      }
      assertThat(merged.mean(), is(all.mean()));
      assertThat(merged.std(), is(all.std()));
    }
  }

  @Test
  public void survivesSerialization() {
    FieldSummary s = SerializableUtils.ensureSerializable(of(1, 2, 3, 4, 10));
    assertThat(s.count(), is(5L));
    assertThat(s.quantile(0.9), closeTo(7.6, 1e-12));
  }

  @Test
  public void serializationKeepsEveryDistinctValueBitForBitWithItsCount() {
    FieldSummary s =
        of(
            3.5,
            -0.0,
            0.0,
            0.0,
            Double.NaN,
            Double.NEGATIVE_INFINITY,
            1e-300,
            3.5,
            3.5,
            Double.MAX_VALUE,
            -7.25);
    FieldSummary copy = SerializableUtils.clone(s);
    List<String> before = new ArrayList<>();
    s.forEachValue((v, c) -> before.add(Long.toHexString(Double.doubleToRawLongBits(v)) + "x" + c));
    List<String> after = new ArrayList<>();
    copy.forEachValue(
        (v, c) -> after.add(Long.toHexString(Double.doubleToRawLongBits(v)) + "x" + c));
    assertThat(after, is(before));
    assertThat(after.size(), is(8)); // -0.0 and 0.0 stay apart, as before the copy
    assertThat(copy.count(), is(11L));
    // the copy is a working summary: it still adds and merges
    copy.add(3.5);
    copy.merge(of(-7.25));
    assertThat(copy.count(), is(13L));
    assertThat(copy.valueAt(0), is(Double.NEGATIVE_INFINITY));
    assertThat(copy.valueAt(1), is(-7.25));
    assertThat(copy.valueAt(2), is(-7.25));
  }
}
