// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.List;
import org.junit.Test;

/**
 * Scaled values are compared with sklearn 1.2.1 StandardScaler / MinMaxScaler / RobustScaler output
 * on log1p of the 600-customer fixture ({@code rfm_sample600_scaled.csv}, written by {@code
 * make_metric_fixtures.py}).
 */
public class PreprocessorTest {
  private static final double TOL = 1e-9;

  private static void assertMatchesSklearn(ScalerType type, String prefix) {
    double[][] raw = TestData.sampleCustomers();
    TestData.Csv expectedCsv = TestData.fixture("rfm_sample600_scaled.csv");
    double[][] expected =
        expectedCsv.columns(TestData.FEATURES.stream().map(f -> prefix + f).toList());
    double[][] actual =
        Preprocessor.fit(raw, TestData.FEATURES, FeatureTransform.LOG1P, type).applyAll(raw);
    for (int i = 0; i < raw.length; i++) {
      for (int j = 0; j < raw[i].length; j++) {
        assertThat(type + " row " + i + " col " + j, actual[i][j], closeTo(expected[i][j], TOL));
      }
    }
  }

  @Test
  public void standardMatchesSklearn() {
    assertMatchesSklearn(ScalerType.STANDARD, "std_");
  }

  @Test
  public void minMaxMatchesSklearn() {
    assertMatchesSklearn(ScalerType.MIN_MAX, "minmax_");
  }

  @Test
  public void robustMatchesSklearn() {
    assertMatchesSklearn(ScalerType.ROBUST, "robust_");
  }

  @Test
  public void constantFeatureAndZeroIqrGetScaleOne() {
    // column 0 is constant; column 1 (most customers bought once) has quartiles 1 and 1, so IQR 0
    double[][] x = {{5, 1}, {5, 1}, {5, 1}, {5, 1}, {5, 9}};
    assertThat(ScalerType.STANDARD.fit(x).scale()[0], is(1.0));
    assertThat(ScalerType.MIN_MAX.fit(x).scale()[0], is(1.0));
    assertThat(ScalerType.ROBUST.fit(x).scale()[0], is(1.0));
    Scaling robust = ScalerType.ROBUST.fit(x);
    assertThat(robust.scale()[1], is(1.0));
    assertThat(robust.center()[1], is(1.0));
    assertThat(robust.apply(new double[] {5, 9})[1], is(8.0));
    assertThat(ScalerType.STANDARD.fit(x).scale()[1], is(3.2)); // population std of 1,1,1,1,9
  }

  @Test
  public void log1pIsOddForNegativesAndInvertible() {
    assertThat(FeatureTransform.LOG1P.apply(-3), is(-Math.log1p(3)));
    for (double v : new double[] {-250.5, -1, 0, 0.5, 3, 77183.6}) {
      assertThat(
          FeatureTransform.LOG1P.inverse(FeatureTransform.LOG1P.apply(v)),
          closeTo(v, 1e-9 * (1 + Math.abs(v))));
      assertThat(FeatureTransform.NONE.apply(v), is(v));
    }
  }

  @Test
  public void toOriginalUnitsInvertsApply() {
    double[][] raw = TestData.sampleCustomers();
    for (ScalerType type : ScalerType.values()) {
      for (FeatureTransform transform : FeatureTransform.values()) {
        Preprocessor p = Preprocessor.fit(raw, TestData.FEATURES, transform, type);
        double[] back = p.toOriginalUnits(p.apply(raw[17]));
        for (int j = 0; j < raw[17].length; j++) {
          assertThat(back[j], closeTo(raw[17][j], 1e-9 * (1 + Math.abs(raw[17][j]))));
        }
      }
    }
  }

  @Test
  public void survivesJavaSerialization() throws Exception {
    double[][] raw = TestData.sampleCustomers();
    Preprocessor p =
        Preprocessor.fit(raw, TestData.FEATURES, FeatureTransform.LOG1P, ScalerType.ROBUST);
    Preprocessor copy = roundTrip(p);
    assertThat(copy.featureNames(), contains(TestData.FEATURES.toArray()));
    assertThat(copy.apply(raw[3]), is(p.apply(raw[3])));
  }

  @Test
  public void rejectsMismatchedInput() {
    double[][] raw = {{1, 2}, {3, 4}};
    assertThrows(
        IllegalArgumentException.class,
        () -> Preprocessor.fit(raw, List.of("a"), FeatureTransform.LOG1P, ScalerType.STANDARD));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            Preprocessor.fit(
                new double[][] {{1, 2}, {3}},
                List.of("a", "b"),
                FeatureTransform.NONE,
                ScalerType.STANDARD));
    Preprocessor p =
        Preprocessor.fit(raw, List.of("a", "b"), FeatureTransform.NONE, ScalerType.STANDARD);
    assertThrows(IllegalArgumentException.class, () -> p.apply(new double[] {1}));
  }

  @SuppressWarnings("unchecked")
  static <T> T roundTrip(T value) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
