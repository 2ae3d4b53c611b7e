// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The R {@code rfm} package's own sample orders (text ids, one row per order, money in {@code
 * revenue}) run end to end: every customer gets the scores of the package's {@code
 * rfm_table_order()} and the segment of its {@code rfm_segment()}, as computed by R in {@code
 * make_rfm_package_fixtures.R} beside the expected files.
 */
public class RfmPackageRunTest {
  private static final Path FIXTURES = Path.of("../models/src/test/resources/fixtures/rfm-package");
  private static final Path ORDERS = FIXTURES.resolve("rfm_data_orders.csv");
  private static final Path EXAMPLE = Path.of("../run-configs/rfm-package-example.yaml");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  /** One customer's scores and segment as R gave them. */
  record Expected(int r, int f, int m, String segment) {}

  @Test
  public void packageBreaksGiveThePackagesScores() throws IOException {
    SegflowOutput out = run("--rfm-method", "rfm_package");
    assertScores(out, expected("expected_rfm_package.csv"), false);
  }

  @Test
  public void fixedCutPointsGiveThePackagesScoresForThoseThresholds() throws IOException {
    SegflowOutput out =
        run(
            "--rfm-method",
            "fixed",
            "--rfm-recency-cuts",
            "115,181,297,482",
            "--rfm-frequency-cuts",
            "4,5,6,8",
            "--rfm-monetary-cuts",
            "256,382,506,666");
    assertScores(out, expected("expected_fixed.csv"), false);
  }

  @Test
  public void theShippedExampleGivesThePackagesSegments() throws IOException {
    SegflowOutput out = run("--config", EXAMPLE.toString());
    assertScores(out, expected("expected_rfm_package.csv"), true);
  }

  private static SegflowOutput run(String... extra) throws IOException {
    Path output = TMP.getRoot().toPath().resolve("out" + System.nanoTime());
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                ORDERS.toString(),
                "--output",
                output.toString(),
                "--column",
                "customer_id=customer_id",
                "--column",
                "invoice_date=order_date",
                "--column",
                "amount=revenue",
                "--as-of",
                "2006-12-31",
                "--k",
                "3",
                "--no-report",
                "--quiet"));
    args.addAll(List.of(extra));
    CliRun run = CliRun.of(args.toArray(new String[0]));
    assertThat(run.toString(), run.exitCode(), is(0));
    return SegflowOutput.read(output);
  }

  private static void assertScores(
      SegflowOutput out, Map<String, Expected> expected, boolean segments) {
    Map<String, CustomerRecord> got = out.customersById();
    assertThat(got.keySet(), equalTo(expected.keySet()));
    expected.forEach(
        (id, e) -> {
          CustomerRecord c = got.get(id);
          assertThat(id, c.getRfmRecencyScore(), is(e.r()));
          assertThat(id, c.getRfmFrequencyScore(), is(e.f()));
          assertThat(id, c.getRfmMonetaryScore(), is(e.m()));
          if (segments) {
            assertThat(id, c.getRfmSegment(), is(e.segment()));
          }
        });
  }

  private static Map<String, Expected> expected(String file) throws IOException {
    Map<String, Expected> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(FIXTURES.resolve(file));
    for (String line : lines.subList(1, lines.size())) {
      List<String> f = csvFields(line);
      out.put(
          f.get(0),
          new Expected(
              Integer.parseInt(f.get(4)),
              Integer.parseInt(f.get(5)),
              Integer.parseInt(f.get(6)),
              f.get(7)));
    }
    return out;
  }

  /** The fields of one line as R's write.csv quotes them ("" inside quotes is one quote). */
  private static List<String> csvFields(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char ch = line.charAt(i);
      if (quoted && ch == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (ch == '"') {
        quoted = !quoted;
      } else if (ch == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(ch);
      }
    }
    fields.add(field.toString());
    return fields;
  }
}
