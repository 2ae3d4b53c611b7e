// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.lessThan;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The scale benchmark chart: what scale.sh writes becomes one log–log line per runner. */
public class ScaleChartTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String HEADER =
      "size,rows,customers,mode,runner,wall_s,rows_per_s,"
          + "peak_rss_mb,overhead_vs_baseline,rows_used,customers_out,matches_baseline,load_1m,status";

  private Path csv(String... lines) throws IOException {
    Path f = tmp.newFile().toPath();
    Files.write(f, List.of(lines));
    return f;
  }

  private static List<String> all(String svg, String regex) {
    Matcher m = Pattern.compile(regex).matcher(svg);
    List<String> out = new ArrayList<>();
    while (m.find()) {
      out.add(m.group(1));
    }
    return out;
  }

  @Test
  public void oneLinePerRunnerWithFinishedRunsOnly() throws IOException {
    Path small =
        csv(
            HEADER,
            "0.5M,500000,50000,features,baseline,0.96,520833,168,1.00,485872,49828,-,1.40,ok",
            "0.5M,500000,50000,features,direct,6.59,75872,1618,6.86,485872,49828,yes,1.40,ok",
            "5M,5000000,500000,features,baseline,2.67,1872659,583,1.00,4858804,498281,-,1.2,ok",
            "5M,5000000,500000,features,direct,28.08,178063,4101,10.52,4858804,498281,yes,1.3,ok",
            "5M,5000000,500000,features,flink,,,,,,,,1.5,failed (exit 1, see logs/5M-flink.log)");
    Path large =
        csv(
            HEADER,
            "50M,50000000,5000000,features,baseline,41.18,1214182,6030,1.00,1,1,-,2.10,ok",
            "50M,50000000,5000000,features,flink,402.50,124224,7223,9.77,1,1,yes,1.56,ok");
    List<ScaleChart.Run> runs = new ArrayList<>(ScaleChart.read(small));
    runs.addAll(ScaleChart.read(large));
    assertThat(runs, hasSize(6)); // the failed Flink run is left out

    String svg = ScaleChart.svg(runs);
    assertThat(
        all(svg, "<polyline class=\"series\"[^>]*data-name=\"([^\"]*)\""),
        contains("plain-Java baseline", "direct (features)", "flink (features)"));
    assertThat(all(svg, "data-y=\"([^\"]*)\""), hasSize(6));
    assertThat(svg, containsString("402.5"));
  }

  @Test
  public void pointsSitOnLogarithmicAxes() {
    String svg =
        SvgCharts.logLogLines(
            "t",
            List.of(
                new SvgCharts.Series("s", new double[] {1e5, 1e6, 1e7}, new double[] {1, 10, 100})),
            "x",
            "y");
    List<Double> cx = new ArrayList<>();
    all(svg, "<circle class=\"point\" cx=\"([^\"]*)\"").forEach(v -> cx.add(Double.parseDouble(v)));
    List<Double> cy = new ArrayList<>();
    all(svg, "<circle class=\"point\" cx=\"[^\"]*\" cy=\"([^\"]*)\"")
        .forEach(v -> cy.add(Double.parseDouble(v)));
    assertThat(cx, hasSize(3));
    // equal ratios are equal distances on both axes; larger values higher up (smaller y)
    assertThat(cx.get(1) - cx.get(0), closeTo(cx.get(2) - cx.get(1), 0.15));
    assertThat(cy.get(0) - cy.get(1), closeTo(cy.get(1) - cy.get(2), 0.15));
    assertThat(cy.get(2), lessThan(cy.get(0)));
  }

  @Test
  public void aFileWithoutTheColumnsIsNamed() throws IOException {
    Path bad = csv("a,b,c", "1,2,3");
    try {
      ScaleChart.read(bad);
      throw new AssertionError("expected an IOException");
    } catch (IOException e) {
      assertThat(e.getMessage(), containsString("no column 'runner'"));
    }
  }
}
