// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A run with three bins, the R rfm package's breaks and a configured rule table on the sample: the
 * scores follow the cut points model.json states (recomputed here with the package's rule), the
 * segments follow the table in order with the rest in the fallback, and every output carries them.
 */
public class RfmMethodsRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path out;
  private static CliRun run;

  @BeforeClass
  public static void runWithThreeBins() throws IOException {
    Path config = TMP.getRoot().toPath().resolve("rfm3.yaml");
    Files.writeString(
        config,
        """
        rfm:
          bins: 3
          method: rfm_package
          fallback: Everyone else
          rules:
            - name: Best
              recency: [3, 3]
              frequency: [3, 3]
            - name: Slipping
              recency: [1, 1]
              monetary: [2, 3]
        """,
        StandardCharsets.UTF_8);
    out = TMP.getRoot().toPath().resolve("out");
    run =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            SampleRunTest.SAMPLE.toString(),
            "--output",
            out.toString(),
            "--k",
            "3");
  }

  @Test
  public void scoresFollowTheStatedCutPointsAndSegmentsTheTable() {
    assertThat(run.toString(), run.exitCode(), is(0));
    SegflowOutput o = SegflowOutput.read(out);
    OutputAssertions.assertCompleteAndConsistent(o);
    JsonNode rfm = o.json("model.json").path("rfm");
    assertThat(rfm.path("method").asText(), is("rfm_package"));
    assertThat(rfm.path("bins").asInt(), is(3));
    assertThat(rfm.path("fallback_segment").asText(), is("Everyone else"));
    Map<String, Integer> sizes = new TreeMap<>();
    for (CustomerRecord c : o.customers) {
      String id = c.getCustomerId().toString();
      int r = 3 - atOrBelow(rfm.path("recency_cuts"), c.getRecencyDays());
      int f = 1 + atOrBelow(rfm.path("frequency_cuts"), c.getFrequency());
      int m = 1 + atOrBelow(rfm.path("monetary_cuts"), c.getMonetary());
      assertThat(id, c.getRfmRecencyScore(), is(r));
      assertThat(id, c.getRfmFrequencyScore(), is(f));
      assertThat(id, c.getRfmMonetaryScore(), is(m));
      assertThat(id, c.getRfmScore().toString(), is("" + r + f + m));
      String segment = r == 3 && f == 3 ? "Best" : r == 1 && m >= 2 ? "Slipping" : "Everyone else";
      assertThat(id, c.getRfmSegment().toString(), is(segment));
      sizes.merge(segment, 1, Integer::sum);
    }
    assertThat(sizes.keySet().size(), is(3));
    Map<String, Long> profiled = new TreeMap<>();
    for (SegmentRecord s : o.segments()) {
      if ("rfm".equals(s.getKind().toString())) {
        profiled.put(s.getSegmentName().toString(), s.getSize());
      }
    }
    assertThat(profiled.get("Everyone else"), is((long) sizes.get("Everyone else")));
    assertThat(profiled.get("Best"), is((long) sizes.get("Best")));
  }

  /** The package's breaks: type-7 quantiles at 1/3 and 2/3 of the values, plus one. */
  @Test
  public void cutPointsAreTheType7QuantilesPlusOne() {
    assertThat(run.toString(), run.exitCode(), is(0));
    SegflowOutput o = SegflowOutput.read(out);
    double[] frequency =
        o.customers.stream().mapToDouble(CustomerRecord::getFrequency).sorted().toArray();
    JsonNode cuts = o.json("model.json").path("rfm").path("frequency_cuts");
    int n = frequency.length;
    for (int k = 1; k <= 2; k++) {
      double index = (n - 1) * (k / 3.0);
      int lo = (int) Math.floor(index);
      double h = index - lo;
      double q = lo + 1 < n ? (1 - h) * frequency[lo] + h * frequency[lo + 1] : frequency[lo];
      assertThat("frequency cut " + k, cuts.get(k - 1).asDouble(), equalTo(q + 1));
    }
    assertThat(Arrays.stream(frequency).max().orElseThrow(), greaterThan(cuts.get(1).asDouble()));
  }

  @Test
  public void theReportShowsAThreeByThreeGridAndTheCrmFileTheSegments() throws IOException {
    assertThat(run.toString(), run.exitCode(), is(0));
    String html = Files.readString(out.resolve("report.html"));
    assertThat(html, containsString("R = 3"));
    assertThat(html.contains("R = 4"), is(false));
    assertThat(Files.readString(out.resolve("crm/customers.csv")), containsString("Everyone else"));
  }

  private static int atOrBelow(JsonNode cuts, double v) {
    int n = 0;
    for (JsonNode c : cuts) {
      if (c.asDouble() <= v) {
        n++;
      }
    }
    return n;
  }
}
