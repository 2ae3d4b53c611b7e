// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.startsWith;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Test;

/** The SVG helpers: the marks are there, their sizes follow the values, labels are escaped. */
public class ReportSvgChartsTest {
  private static final String EVIL = "<script>alert(1)</script>\"'";

  private static List<String> attr(String svg, String element, String name) {
    Matcher m =
        Pattern.compile("<" + element + " class=\"[^\"]*\"[^>]*?\\s" + name + "=\"([^\"]*)\"")
            .matcher(svg);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  public void barWidthsAreProportionalToValues() {
    String svg = SvgCharts.bars("Rejected", List.of("a", "b", "c"), new double[] {10, 5, 0}, null);
    assertThat(svg, startsWith("<svg "));
    assertThat(svg, containsString("</svg>"));
    List<String> widths = attr(svg, "rect", "width");
    assertThat(widths, hasSize(3));
    double full = Double.parseDouble(widths.get(0));
    assertThat(Double.parseDouble(widths.get(1)), closeTo(full / 2, 0.11));
    assertThat(Double.parseDouble(widths.get(2)), closeTo(0, 1e-9));
    assertThat(attr(svg, "rect", "data-value"), equalTo(List.of("10.0", "5.0", "0.0")));
  }

  @Test
  public void labelsAndTitlesAreEscaped() {
    String svg =
        SvgCharts.bars(EVIL, List.of(EVIL), new double[] {1}, null)
            + SvgCharts.histogram(EVIL, new double[] {1, 2}, 2, false, EVIL)
            + SvgCharts.line(EVIL, new double[] {1, 2}, new double[] {1, 2}, EVIL, EVIL)
            + SvgCharts.heatmap(
                EVIL,
                List.of(EVIL),
                List.of(EVIL),
                new double[][] {{1}},
                new String[][] {{EVIL}},
                true);
    assertThat(svg, not(containsString("<script")));
    assertThat(svg, not(containsString("\"'")));
    assertThat(svg, containsString("&lt;script&gt;alert(1)&lt;/script&gt;&quot;&#39;"));
  }

  @Test
  public void histogramCountsEveryValueOnce() {
    double[] v = {0, 1, 1, 2, 9, 10};
    String svg = SvgCharts.histogram("h", v, 5, false, "x");
    List<String> counts = attr(svg, "rect", "data-count");
    assertThat(counts, equalTo(List.of("3", "1", "0", "0", "2")));
    String log = SvgCharts.histogram("h", new double[] {0, 9, 99, 999}, 3, true, "x");
    assertThat(attr(log, "rect", "data-count"), equalTo(List.of("1", "1", "2")));
    assertThat(log, containsString("(log scale)"));
  }

  @Test
  public void lineMarksTheChosenPointAndThreshold() {
    String svg =
        SvgCharts.line(
            "WCSS",
            new double[] {2, 3, 4},
            new double[] {30, 20, 10},
            "k",
            "WCSS",
            3.0,
            15.0,
            false);
    assertThat(svg, containsString("<polyline class=\"series\""));
    assertThat(attr(svg, "circle", "data-x"), equalTo(List.of("2.0", "3.0", "4.0", "3.0")));
    assertThat(svg, containsString("class=\"chosen\""));
    assertThat(svg, containsString("class=\"mark-y\""));
    // y grows downwards: the highest value is drawn highest (smallest cy).
    List<String> cy = attr(svg, "circle", "cy");
    assertThat(Double.parseDouble(cy.get(0)) < Double.parseDouble(cy.get(2)), equalTo(true));
  }

  @Test
  public void heatmapColoursFollowTheSign() {
    String svg =
        SvgCharts.heatmap(
            "z",
            List.of("r"),
            List.of("a", "b", "c"),
            new double[][] {{-2, 0, 2}},
            new String[][] {{"-2", "0", "2"}},
            true);
    List<String> fills = attr(svg, "rect", "fill");
    assertThat(fills, equalTo(List.of("#2b6cb0", "#ffffff", "#c53030")));
    assertThat(attr(svg, "rect", "data-value"), equalTo(List.of("-2.0", "0.0", "2.0")));
  }

  @Test
  public void topShareAndSkewness() {
    double[] v = new double[100];
    for (int i = 0; i < 100; i++) {
      v[i] = i < 99 ? 1 : 101;
    }
    assertThat(HtmlReport.topShare(v, 0.01), closeTo(101.0 / 200, 1e-12));
    assertThat(HtmlReport.topShare(v, 0.10), closeTo(110.0 / 200, 1e-12));
    assertThat(HtmlReport.skewness(new double[] {1, 2, 3}), closeTo(0, 1e-12));
    assertThat(HtmlReport.skewness(v) > 1, equalTo(true));
    double[][] l = HtmlReport.lorenz(v);
    assertThat(l[1][l[1].length - 1], closeTo(1, 1e-12));
  }
}
