// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.Test;

public class ExactSumTest {
  private static double exactly(List<Double> values) {
    BigDecimal sum = BigDecimal.ZERO;
    for (double v : values) {
      sum = sum.add(new BigDecimal(v));
    }
    return sum.doubleValue();
  }

  private static List<Double> awkwardValues(long seed) {
    Random r = new Random(seed);
    List<Double> values = new ArrayList<>();
    for (int i = 0; i < 5000; i++) {
      double magnitude = Math.pow(10, r.nextInt(40) - 20);
      values.add((r.nextBoolean() ? 1 : -1) * r.nextDouble() * magnitude);
    }
    values.add(1e300);
    values.add(-1e300);
    values.add(Double.MIN_VALUE);
    values.add(0.1);
    return values;
  }

  private static ExactSum sumOf(List<Double> values) {
    ExactSum s = new ExactSum();
    values.forEach(s::add);
    return s;
  }

  @Test
  public void equalsTheRoundedExactSum() {
    List<Double> values = awkwardValues(1);
    assertThat(sumOf(values).value(), is(exactly(values)));
  }

  @Test
  public void doesNotDependOnOrderOrMergeSplits() {
    List<Double> values = awkwardValues(2);
    double expected = sumOf(values).value();
    double naive = 0;
    for (double v : values) {
      naive += v;
    }
    List<Double> shuffled = new ArrayList<>(values);
    Collections.shuffle(shuffled, new Random(3));
    double naiveShuffled = 0;
    for (double v : shuffled) {
      naiveShuffled += v;
    }
    assertThat("the plain sum is order-dependent here", naive, not(is(naiveShuffled)));
    ExactSum a = sumOf(shuffled.subList(0, 1234));
    ExactSum b = sumOf(shuffled.subList(1234, 4000));
    ExactSum c = sumOf(shuffled.subList(4000, shuffled.size()));
    assertThat(c.merge(a).merge(b).value(), is(expected));
  }

  @Test
  public void cancelsExactlyAndHandlesEdgeValues() {
    ExactSum s = new ExactSum();
    s.add(1e16);
    s.add(1);
    s.add(-1e16);
    assertThat(s.value(), is(1.0));
    assertThat(new ExactSum().value(), is(0.0));
    ExactSum inf = new ExactSum();
    inf.add(Double.POSITIVE_INFINITY);
    inf.add(1);
    assertThat(inf.value(), is(Double.POSITIVE_INFINITY));
    ExactSum tiny = new ExactSum();
    tiny.add(Double.MIN_VALUE);
    tiny.add(Double.MIN_VALUE);
    assertThat(tiny.value(), is(2 * Double.MIN_VALUE));
  }
}
