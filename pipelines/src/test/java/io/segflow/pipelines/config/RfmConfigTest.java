// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.models.RfmMethod;
import io.segflow.models.RfmScore;
import io.segflow.models.RfmSegmentRules;
import io.segflow.transforms.segment.RfmScoring;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/** The rfm section of a run config: defaults, the shipped rfm package example, and bad values. */
public class RfmConfigTest {
  private static final Path EXAMPLE = Path.of("../run-configs/rfm-package-example.yaml");

  /** Written by the R rfm package (models/src/test/resources/fixtures/rfm-package). */
  private static final Path PACKAGE_SEGMENTS =
      Path.of("../models/src/test/resources/fixtures/rfm-package/expected_rfm_package.csv");

  private static RfmScoring plan(String yaml) {
    SegflowConfig c = ConfigLoader.parse(yaml, "x.yaml");
    c.input.paths = List.of("in.csv");
    c.output.path = "out";
    return RunPlan.of(c).rfm();
  }

  private static String error(String yaml) {
    return assertThrows(ConfigException.class, () -> plan(yaml)).getMessage();
  }

  @Test
  public void defaultsAreQuintilesAndTheBuiltInTable() {
    RfmScoring s = plan("");
    assertThat(s.method(), is(RfmMethod.QUANTILE));
    assertThat(s.bins(), is(5));
    assertThat(s.rules().rules(), equalTo(RfmSegmentRules.defaults().rules()));
    assertThat(s.rules().fallback() == null, is(true));
    assertThat(s.refit(), is(false));
  }

  /** The shipped example gives every customer of the package's sample the package's segment. */
  @Test
  public void shippedExampleGivesThePackagesSegments() throws IOException {
    SegflowConfig c = ConfigLoader.load(EXAMPLE);
    c.input.paths = List.of("in.csv");
    c.output.path = "out";
    RfmScoring s = RunPlan.of(c).rfm();
    assertThat(s.method(), is(RfmMethod.RFM_PACKAGE));
    assertThat(s.rules().unreachable(), is(empty()));
    assertThat(s.rules().segments().get(10).name(), is("Others"));
    List<String> lines = Files.readAllLines(PACKAGE_SEGMENTS);
    assertThat(lines.size(), is(996));
    for (String line : lines.subList(1, lines.size())) {
      String[] cells = line.replace("\"", "").split(",", -1);
      RfmScore score =
          new RfmScore(
              Integer.parseInt(cells[4]), Integer.parseInt(cells[5]), Integer.parseInt(cells[6]));
      assertThat(cells[0], s.rules().segmentOf(score).name(), equalTo(cells[7]));
    }
  }

  @Test
  public void fixedCutsAndOtherBinsAreRead() {
    RfmScoring s =
        plan(
            """
            rfm:
              bins: 3
              method: fixed
              recency_cuts: [30, 90]
              frequency_cuts: [2, 4]
              monetary_cuts: [100, 500.5]
              rules:
                - name: Best
                  recency: [3, 3]
                - name: Best again
                  recency: [3, 3]
                  frequency: [1, 2]
            """);
    assertThat(s.bins(), is(3));
    assertThat(s.fixed().monetary().cuts()[1], is(500.5));
    assertThat(s.rules().unreachable(), contains("Best again"));
    assertThat(s.rules().segmentOf(new RfmScore(1, 1, 1)).name(), is("Others"));
  }

  @Test
  public void badValuesNameTheirKey() {
    assertThat(error("rfm:\n  bins: 11\n"), containsString("rfm.bins"));
    assertThat(error("rfm:\n  bins: 1\n"), containsString("rfm.bins"));
    assertThat(error("rfm:\n  bins: 4\n"), containsString("rfm.rules is required"));
    assertThat(error("rfm:\n  method: deciles\n"), containsString("rfm.method"));
    assertThat(error("rfm:\n  method: fixed\n"), containsString("rfm.recency_cuts"));
    String fixed = "rfm:\n  method: fixed\n  frequency_cuts: [4, 5, 6, 8]\n";
    String money = "  monetary_cuts: [256, 382, 506, 666]\n";
    assertThat(
        error(fixed + money + "  recency_cuts: [115, 181, 181, 482]\n"),
        containsString("rfm.recency_cuts"));
    assertThat(
        error(fixed + money + "  recency_cuts: [115, 181, 297]\n"),
        containsString("needs 4 cut points"));
    assertThat(error("rfm:\n  recency_cuts: [1, 2, 3, 4]\n"), containsString("only used with"));
    String rules = "rfm:\n  rules:\n";
    assertThat(
        error(rules + "    - name: Far\n      recency: [4, 6]\n"),
        containsString("rfm.rules[0].recency"));
    assertThat(
        error(rules + "    - name: A\n    - name: Upside\n      monetary: [3, 2]\n"),
        containsString("rfm.rules[1].monetary"));
    assertThat(
        error(rules + "    - name: ''\n      recency: [1, 2]\n"),
        containsString("rfm.rules[0].name"));
    assertThat(
        error(rules + "    - name: A\n      frequency: [1]\n"),
        containsString("rfm.rules[0].frequency"));
    assertThat(error(rules + "    - name: A\n    - name: A\n"), containsString("duplicate"));
  }
}
