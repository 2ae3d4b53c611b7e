// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * {@code cleaning.returns: net} on the full Online Retail file against an independent pandas
 * computation ({@code returns_oracle.py} beside the fixtures, run by the test). Skipped when the
 * file or Debian's python3-pandas is absent.
 */
public class ReturnsNetRunTest {
  static final Path DATA = Path.of("../../shared/data/online_retail.csv.gz");
  static final Path ORACLE = Path.of("src/test/resources/fixtures/inputs/returns_oracle.py");
  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void everyCustomersNetMoneyAndQuantityEqualPandasAndTheCountsAddUp() throws Exception {
    Assume.assumeTrue(
        "the shared data set is not beside the repository: " + DATA.toAbsolutePath(),
        Files.isRegularFile(DATA));
    Assume.assumeTrue("Debian's python3-pandas is needed for the oracle", pandasAvailable());
    Path expected = tmp.getRoot().toPath().resolve("expected.csv");
    Process p =
        new ProcessBuilder(
                PYTHON.toString(),
                ORACLE.toString(),
                DATA.toString(),
                expected.toString(),
                "--as-of",
                "2011-12-10")
            .redirectErrorStream(true)
            .start();
    String oracleSays =
        new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8)
            .trim();
    assertThat(oracleSays, p.waitFor(), is(0));
    Path config = tmp.getRoot().toPath().resolve("net.yaml");
    Files.writeString(config, "cleaning:\n  returns: net\n");
    Path output = tmp.getRoot().toPath().resolve("out");
    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            DATA.toString(),
            "--output",
            output.toString(),
            "--as-of",
            "2011-12-10",
            "--no-segmentation",
            "--quiet");
    assertThat(run.toString(), run.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(output);

    // "used N returns_netted M rejected_return_without_purchase K customers C"
    String[] w = oracleSays.substring(oracleSays.lastIndexOf("used ")).split(" ", -1);
    assertThat(out.rowsUsed(), is(Long.parseLong(w[1])));
    assertThat(out.manifest.at("/rows/returns_netted").asLong(), is(Long.parseLong(w[3])));
    assertThat(out.rejectedReasonCounts().get("return_without_purchase"), is(Long.parseLong(w[5])));
    assertThat(out.rowsRead(), is(out.rowsUsed() + out.rowsRejected()));
    assertThat(out.rejectedReasonCounts().containsKey("cancellation"), is(false));

    Map<String, double[]> want = new TreeMap<>();
    List<String> lines = Files.readAllLines(expected);
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      double[] v = new double[6];
      for (int k = 0; k < 6; k++) {
        v[k] = Double.parseDouble(f[k + 1]);
      }
      want.put(f[0], v);
    }
    Map<String, CustomerRecord> got = out.customersById();
    assertThat(got.keySet(), equalTo(want.keySet()));
    want.forEach(
        (id, v) -> {
          CustomerRecord c = got.get(id);
          assertThat(id, (double) c.getFrequency(), is(v[0]));
          assertThat(id, c.getMonetary(), closeTo(v[1], 1e-6 * Math.max(1, Math.abs(v[1]))));
          assertThat(id, (double) c.getRecencyDays(), is(v[2]));
          assertThat(id, (double) c.getTotalQuantity(), is(v[3]));
          assertThat(id, c.getGrossMonetary(), closeTo(v[4], 1e-6 * Math.max(1, v[4])));
          assertThat(id, c.getReturnsValue(), closeTo(v[5], 1e-6 * Math.max(1, v[5])));
        });

    // The CRM file carries the same money before and after returns, rounded to cents.
    List<String> crm = Files.readAllLines(output.resolve("crm/customers.csv"));
    List<String> header = List.of(crm.get(0).split(",", -1));
    int id = header.indexOf("customer_id");
    int gross = header.indexOf("gross_monetary");
    int returns = header.indexOf("returns_value");
    assertThat(crm.size() - 1, is(want.size()));
    for (String line : crm.subList(1, crm.size())) {
      String[] f = line.split(",", -1); // no cell of this file holds a comma
      assertThat(line, f.length, is(header.size()));
      double[] v = want.get(f[id]);
      assertThat(line, Double.parseDouble(f[gross]), closeTo(v[4], 0.005 + 1e-9 * v[4]));
      assertThat(line, Double.parseDouble(f[returns]), closeTo(v[5], 0.005 + 1e-9 * v[5]));
    }
  }

  private static boolean pandasAvailable() throws InterruptedException {
    try {
      Process p = new ProcessBuilder(PYTHON.toString(), "-c", "import pandas").start();
      return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
    } catch (IOException e) {
      return false;
    }
  }
}
