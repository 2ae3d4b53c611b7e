// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assume.assumeTrue;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RetailOracle;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The headline check: the whole UCI Online Retail data set through {@code segflow run} with the
 * default settings, every customer compared with the independent pandas computation in {@code
 * ../shared/data/reference/} and every count with the figures published beside the data. Skipped
 * where the shared data is absent.
 */
public class OnlineRetailOracleTest {
  static final Path DATA = Path.of("../../shared/data/online_retail.csv.gz");
  static final Path REFERENCE = Path.of("../../shared/data/reference/online_retail_rfm.csv.gz");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void everyCustomerMatchesThePandasReference() throws IOException {
    assumeTrue(
        "the full Online Retail data set and its pandas reference are not at "
            + DATA.getParent().toAbsolutePath()
            + " (benchmarks/fetch-online-retail.sh fetches the data set)",
        Files.isRegularFile(DATA) && Files.isRegularFile(REFERENCE));
    Path output = tmp.getRoot().toPath().resolve("full");
    CliRun run = CliRun.of("run", "--input", DATA.toString(), "--output", output.toString());
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);

    // ../shared/README.md: 541,909 lines; 135,080 without CustomerID; 392,692 clean rows.
    assertThat(out.rowsRead(), equalTo(541_909L));
    assertThat(out.rowsUsed(), equalTo(392_692L));
    assertThat(out.manifestRejectedByReason().get("missing_customer_id"), equalTo(135_080L));
    assertThat(out.manifest.path("as_of_date").asText(), equalTo("2011-12-10"));

    Map<String, String[]> reference = readReference();
    Map<String, CustomerRecord> actual = out.customersById();
    assertThat(reference.size(), equalTo(4_338));
    assertThat(actual.keySet(), equalTo(reference.keySet()));
    double revenue = 0;
    for (Map.Entry<String, String[]> e : reference.entrySet()) {
      String[] r = e.getValue();
      CustomerRecord c = actual.get(e.getKey());
      String id = "customer " + e.getKey() + " ";
      assertThat(id + "recency_days", c.getRecencyDays(), equalTo(Integer.parseInt(r[1])));
      assertThat(id + "frequency", c.getFrequency(), equalTo(Integer.parseInt(r[2])));
      assertThat(
          id + "monetary",
          c.getMonetary(),
          closeTo(Double.parseDouble(r[3]), 1e-6 * Math.abs(Double.parseDouble(r[3])) + 5e-7));
      assertThat(id + "total_quantity", c.getTotalQuantity(), equalTo(Long.parseLong(r[4])));
      assertThat(
          id + "avg_basket_value",
          c.getAvgBasketValue(),
          closeTo(Double.parseDouble(r[5]), 1e-6 * Math.abs(Double.parseDouble(r[5])) + 5e-7));
      revenue += c.getMonetary();
    }
    assertThat("total revenue of the clean rows", revenue, closeTo(8_887_208.9, 0.01));

    // The per-reason counts, from the plain-Java oracle (pandas only published the totals).
    RetailOracle.Result oracle = RetailOracle.compute(DATA, null);
    assertThat(
        OutputAssertions.nonZero(out.manifestRejectedByReason()),
        equalTo(oracle.rejectedByReason()));
  }

  private static Map<String, String[]> readReference() throws IOException {
    Map<String, String[]> rows = new TreeMap<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                new GZIPInputStream(Files.newInputStream(REFERENCE)), StandardCharsets.UTF_8))) {
      assertThat(
          in.readLine(),
          equalTo("customer_id,recency_days,frequency,monetary,total_quantity,avg_basket_value"));
      String line;
      while ((line = in.readLine()) != null) {
        String[] f = line.split(",", -1);
        rows.put(f[0], f);
      }
    }
    return rows;
  }
}
