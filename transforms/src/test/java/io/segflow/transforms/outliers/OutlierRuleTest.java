// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import org.junit.Test;

public class OutlierRuleTest {
  private static final List<String> QUANTITY = List.of("quantity");

  private static FieldSummary of(double... values) {
    FieldSummary s = new FieldSummary();
    for (double v : values) {
      s.add(v);
    }
    return s;
  }

  @Test
  public void iqrFencesAreTheQuartilesWidenedByTheMultipleOfTheirDistance() {
    // Quartiles of 1, 2, 3, 4, 10 are 2 and 4; IQR 2.
    FieldSummary s = of(1, 2, 3, 4, 10);
    double[] f = OutlierRule.of("iqr", Double.NaN, QUANTITY).fences(s);
    assertThat(f[0], closeTo(2 - 1.5 * 2, 1e-12));
    assertThat(f[1], closeTo(4 + 1.5 * 2, 1e-12));
    double[] wide = OutlierRule.of("iqr", 3, QUANTITY).fences(s);
    assertThat(wide[0], closeTo(-4, 1e-12));
    assertThat(wide[1], closeTo(10, 1e-12));
  }

  @Test
  public void zscoreFencesAreTheMeanPlusOrMinusZStandardDeviations() {
    FieldSummary s = of(2, 4, 4, 4, 5, 5, 7, 9); // mean 5, std 2
    double[] f = OutlierRule.of("zscore", Double.NaN, QUANTITY).fences(s);
    assertThat(f[0], closeTo(-1, 1e-12));
    assertThat(f[1], closeTo(11, 1e-12));
    double[] one = OutlierRule.of("ZScore", 1, QUANTITY).fences(s);
    assertThat(one[0], closeTo(3, 1e-12));
    assertThat(one[1], closeTo(7, 1e-12));
  }

  @Test
  public void percentileFencesAreThePAndHundredMinusPPercentiles() {
    FieldSummary s = of(1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11); // position = q x 10
    double[] f = OutlierRule.of("percentile", 10, QUANTITY).fences(s);
    assertThat(f[0], closeTo(2, 1e-12));
    assertThat(f[1], closeTo(10, 1e-12));
    double[] byDefault = OutlierRule.of(" percentile ", Double.NaN, QUANTITY).fences(s);
    assertThat(byDefault[0], closeTo(1.1, 1e-12)); // 1st percentile: position 0.1
    assertThat(byDefault[1], closeTo(10.9, 1e-12));
  }

  @Test
  public void noneHasNoFieldsAndInfiniteFences() {
    OutlierRule none = OutlierRule.of("none", Double.NaN, List.of());
    assertThat(none.isNone(), is(true));
    assertThat(none.fields(), is(List.of()));
    assertThat(OutlierRule.none().fences(of(1, 2))[0], is(Double.NEGATIVE_INFINITY));
    assertThat(OutlierRule.none().fences(of(1, 2))[1], is(Double.POSITIVE_INFINITY));
  }

  @Test
  public void remembersMethodParameterAndFields() {
    OutlierRule r = OutlierRule.of("iqr", 2.5, List.of("quantity", "unit_price"));
    assertThat(r.method(), is(OutlierRule.Method.IQR));
    assertThat(r.param(), is(2.5));
    assertThat(r.fields(), is(List.of("quantity", "unit_price")));
    assertThat(OutlierRule.of("zscore", Double.NaN, QUANTITY).param(), is(3.0));
    assertThat(OutlierRule.of("percentile", Double.NaN, QUANTITY).param(), is(1.0));
  }

  @Test
  public void rejectsAnUnknownMethodNamingTheKnownOnes() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> OutlierRule.of("mad", Double.NaN, QUANTITY));
    assertThat(e.getMessage(), containsString("'mad'"));
    assertThat(e.getMessage(), containsString("iqr"));
  }

  @Test
  public void rejectsParametersOutOfRange() {
    for (double bad : new double[] {0, -1.5}) {
      assertThrows(IllegalArgumentException.class, () -> OutlierRule.of("iqr", bad, QUANTITY));
      assertThrows(IllegalArgumentException.class, () -> OutlierRule.of("zscore", bad, QUANTITY));
      assertThrows(
          IllegalArgumentException.class, () -> OutlierRule.of("percentile", bad, QUANTITY));
    }
    assertThrows(IllegalArgumentException.class, () -> OutlierRule.of("percentile", 50, QUANTITY));
    assertThrows(IllegalArgumentException.class, () -> OutlierRule.of("percentile", 75, QUANTITY));
    OutlierRule.of("percentile", 49.9, QUANTITY); // allowed
  }

  @Test
  public void aMethodOtherThanNoneNeedsAField() {
    assertThrows(IllegalArgumentException.class, () -> OutlierRule.of("iqr", 1.5, List.of()));
  }

  @Test
  public void fencesReportTheFirstFieldOutsideItsBounds() {
    Fences f =
        new Fences(Map.of("quantity", new double[] {-1, 7}, "unit_price", new double[] {0.5, 10}));
    assertThat(f.violation(Map.of("quantity", 7.0, "unit_price", 0.5)), is(nullValue()));
    assertThat(
        f.violation(Map.of("quantity", 100.0, "unit_price", 2.55)),
        is("quantity 100.0 outside [-1.0, 7.0]"));
    assertThat(
        f.violation(Map.of("quantity", 6.0, "unit_price", 10.01)),
        is("unit_price 10.01 outside [0.5, 10.0]"));
    assertThat(f.violation(Map.of("line_total", 1e9)), is(nullValue())); // no fence for it
    assertThat(Fences.none().violation(Map.of("quantity", 1e9)), is(nullValue()));
  }
}
