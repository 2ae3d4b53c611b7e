// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

public class SegmentProfilerTest {
  private static final List<String> NAMES = List.of("recency_days", "frequency", "monetary");

  // label 1: four customers; label 0: two; label -1: one (noise)
  private static final double[][] RAW = {
    {10, 5, 500}, {20, 3, 300}, {30, 4, 100}, {40, 8, 100}, {200, 1, 50}, {300, 1, 30}, {5, 40, 20}
  };
  private static final int[] LABELS = {1, 1, 1, 1, 0, 0, -1};

  @Test
  public void computesSizesSharesMeansAndNumpyMedians() {
    List<SegmentProfile> p = SegmentProfiler.profile(RAW, LABELS, NAMES, "monetary");
    assertThat(p, hasSize(3));
    assertThat(p.get(0).label(), is(-1));
    SegmentProfile loyal = p.get(2);
    assertThat(loyal.label(), is(1));
    assertThat(loyal.size(), is(4));
    assertThat(loyal.customerShare(), closeTo(4.0 / 7, 1e-12));
    assertThat(loyal.mean("recency_days"), is(25.0));
    assertThat(loyal.median("recency_days"), is(25.0)); // even count: mean of 20 and 30
    assertThat(loyal.median("frequency"), is(4.5));
    assertThat(loyal.median("monetary"), is(200.0));
    assertThat(loyal.revenue(), is(1000.0));
    assertThat(loyal.revenueShare(), closeTo(1000.0 / 1100, 1e-12));
    assertThat(p.get(1).median("recency_days"), is(250.0));
  }

  @Test
  public void meanPercentilesAverageOneHalfOverAllCustomersAndHandleTies() {
    List<SegmentProfile> p = SegmentProfiler.profile(RAW, LABELS, NAMES, "monetary");
    for (String f : NAMES) {
      double weighted = 0;
      for (SegmentProfile s : p) {
        weighted += s.meanPercentile(f) * s.size();
      }
      assertThat(f, weighted / RAW.length, closeTo(0.5, 1e-12));
    }
    // frequency 1,1 are the two lowest of 7: mid-rank percentile (0 + 0.5·2)/7 each
    assertThat(p.get(1).meanPercentile("frequency"), closeTo(1.0 / 7, 1e-12));
  }

  @Test
  public void rejectsUnknownRevenueFeatureOrMismatchedLabels() {
    assertThrows(
        IllegalArgumentException.class,
        () -> SegmentProfiler.profile(RAW, LABELS, NAMES, "revenue"));
    assertThrows(
        IllegalArgumentException.class,
        () -> SegmentProfiler.profile(RAW, new int[] {1, 2}, NAMES, "monetary"));
  }
}
