// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

public class FlowChartsTest {
  private static final long[][] COUNTS = {{30, 10, 0}, {5, 15, 2}, {8, 0, 0}};

  private static String sankey() {
    return FlowCharts.sankey(
        "Flows",
        "before",
        "after",
        List.of("1. A", "2. <B>", "new customers"),
        new int[] {1, 2, -1},
        List.of("1. A", "2. <B>", "gone"),
        new int[] {1, 2, -1},
        COUNTS);
  }

  @Test
  public void drawsOneBandPerNonEmptyCellAsThickAsItsCount() {
    String svg = sankey();
    Matcher m =
        Pattern.compile(
                "<path class=\"flow\" d=\"M[\\d.]+,([\\d.]+) C[^L]*L[\\d.]+,[\\d.]+ "
                    + "C[^Z]* [\\d.]+,([\\d.]+) Z\"[^>]*data-count=\"(\\d+)\"")
            .matcher(svg);
    List<long[]> bands = new ArrayList<>();
    double perCustomer = Double.NaN;
    while (m.find()) {
      double thickness = Double.parseDouble(m.group(2)) - Double.parseDouble(m.group(1));
      long n = Long.parseLong(m.group(3));
      if (Double.isNaN(perCustomer)) {
        perCustomer = thickness / n;
      }
      // coordinates are written with one decimal
      assertThat("band of " + n, thickness, closeTo(n * perCustomer, 0.15));
      bands.add(new long[] {n});
    }
    assertThat(bands.size(), equalTo(6));
    assertThat(bands.stream().mapToLong(b -> b[0]).sum(), equalTo(70L));
  }

  @Test
  public void labelsAreEscapedAndNewAndGoneAreGrey() {
    String svg = sankey();
    assertThat(svg, not(containsString("<B>")));
    assertThat(svg, containsString("2. &lt;B&gt; (22)"));
    assertThat(svg, containsString("data-label=\"gone\" data-count=\"2\""));
    assertThat(
        svg, containsString("fill=\"" + FlowCharts.NEUTRAL + "\" data-label=\"new customers\""));
  }

  @Test
  public void linesHaveOnePolylinePerSeriesAndEscapeLabels() {
    String svg =
        FlowCharts.lines(
            "Sizes",
            new double[] {0, 1, 2},
            List.of("1. <x>", "2. y"),
            new int[] {1, 2},
            new double[][] {{10, 12, 14}, {5, 4, 3}},
            "period",
            "customers");
    assertThat(svg.split("<polyline").length - 1, equalTo(2));
    assertThat(svg.split("<circle").length - 1, equalTo(6));
    assertThat(svg, containsString("1. &lt;x&gt;"));
    assertThat(svg, not(containsString("<x>")));
  }
}
