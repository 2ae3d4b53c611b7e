// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.Test;

/** The byte-level fast paths read every number exactly as Java's own parsers do. */
public class NumbersTest {
  @Test
  public void decimalsAreTheDoublesParseDoubleReturns() {
    SplittableRandom rng = new SplittableRandom(7);
    for (int n = 0; n < 50_000; n++) {
      int intDigits = 1 + rng.nextInt(9);
      int fractionDigits = rng.nextInt(8);
      StringBuilder s = new StringBuilder(rng.nextInt(10) == 0 ? "-" : "");
      for (int i = 0; i < intDigits; i++) {
        s.append((char) ('0' + rng.nextInt(10)));
      }
      if (fractionDigits > 0 || rng.nextBoolean()) {
        s.append('.');
      }
      for (int i = 0; i < fractionDigits; i++) {
        s.append((char) ('0' + rng.nextInt(10)));
      }
      String text = s.toString();
      assertThat(
          text,
          Double.doubleToLongBits(decimal(text)),
          is(Double.doubleToLongBits(Double.parseDouble(text))));
    }
  }

  @Test
  public void unusualDecimalsTakeTheSlowPathOrAreRejected() {
    assertThat(decimal("1.5e0"), is(1.5));
    assertThat(decimal("0.1234567890123456789"), is(0.12345678901234568));
    assertThat(decimal(".5"), is(0.5));
    assertThat(Double.isNaN(decimal("NaN")), is(true));
    assertThat(Double.isNaN(decimal("Infinity")), is(true));
    assertThat(Double.isNaN(decimal("1e999")), is(true));
    assertThat(Double.isNaN(decimal("1d")), is(true));
    assertThat(Double.isNaN(decimal("")), is(true));
    assertThat(Double.isNaN(decimal("1.2.3")), is(true));
  }

  @Test
  public void wholeNumbersAcceptAZeroFractionOnly() {
    assertThat(whole("12"), is(12L));
    assertThat(whole("-3"), is(-3L));
    assertThat(whole("6.0"), is(6L));
    assertThat(whole("6."), is(6L));
    assertThat(whole("1e3"), is(1000L));
    assertThat(whole("123456789012345678901"), is(Numbers.NOT_WHOLE));
    assertThat(whole("1.5"), is(Numbers.NOT_WHOLE));
    assertThat(whole(""), is(Numbers.NOT_WHOLE));
    assertThat(whole("twelve"), is(Numbers.NOT_WHOLE));
  }

  private static double decimal(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return Numbers.decimal(b, 0, b.length);
  }

  private static long whole(String s) {
    byte[] b = s.getBytes(StandardCharsets.US_ASCII);
    return Numbers.wholeNumber(b, 0, b.length);
  }
}
