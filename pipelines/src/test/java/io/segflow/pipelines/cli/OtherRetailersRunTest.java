// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

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
import java.util.concurrent.TimeUnit;
import org.junit.Assume;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Transaction tables of other retailers, read with nothing but a column mapping, against an
 * independent pandas computation of the same definitions ({@code features_oracle.py} beside the
 * fixtures; its expected files were written by it, the CDNOW one is computed when the test runs).
 */
public class OtherRetailersRunTest {
  static final Path FIXTURES = Path.of("src/test/resources/fixtures/inputs");
  static final Path CDNOW = Path.of("../../shared/data/cdnow/cdnow_master.csv.gz");
  static final Path PYTHON = Path.of("/usr/bin/python3");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  /** One customer's expected features; total_quantity null where the input has no quantity. */
  record Expected(int frequency, double monetary, int recencyDays, Long totalQuantity) {}

  static Map<String, Expected> readExpected(Path csv) throws IOException {
    Map<String, Expected> out = new LinkedHashMap<>();
    List<String> lines = Files.readAllLines(csv);
    for (String line : lines.subList(1, lines.size())) {
      // the last four fields are numbers; the id (first) may hold commas inside quotes
      int end = line.length();
      String[] tail = new String[4];
      for (int k = 3; k >= 0; k--) {
        int comma = line.lastIndexOf(',', end - 1);
        tail[k] = line.substring(comma + 1, end);
        end = comma;
      }
      String id = line.substring(0, end);
      if (id.startsWith("\"")) {
        id = id.substring(1, id.length() - 1).replace("\"\"", "\"");
      }
      out.put(
          id,
          new Expected(
              Integer.parseInt(tail[0]),
              Double.parseDouble(tail[1]),
              Integer.parseInt(tail[2]),
              tail[3].isEmpty() ? null : Long.parseLong(tail[3])));
    }
    return out;
  }

  static void assertSameFeatures(SegflowOutput out, Map<String, Expected> expected) {
    Map<String, CustomerRecord> got = out.customersById();
    assertThat(got.keySet(), equalTo(expected.keySet()));
    expected.forEach(
        (id, e) -> {
          CustomerRecord c = got.get(id);
          assertThat(id, c.getFrequency(), is(e.frequency()));
          assertThat(id, c.getMonetary(), closeTo(e.monetary(), 1e-6 * Math.max(1, e.monetary())));
          assertThat(id, c.getRecencyDays(), is(e.recencyDays()));
          assertThat(id, c.getTotalQuantity(), is(e.totalQuantity()));
        });
  }

  private SegflowOutput run(String... args) throws IOException {
    Path output = tmp.getRoot().toPath().resolve("out" + System.nanoTime());
    List<String> all = new ArrayList<>(List.of("run", "--output", output.toString(), "--quiet"));
    all.addAll(List.of(args));
    CliRun run = CliRun.of(all.toArray(new String[0]));
    assertThat(run.toString(), run.exitCode(), is(0));
    return SegflowOutput.read(output);
  }

  @Test
  public void anOrdersTableWithTextIdsAndNoOrderIdsMatchesPandas() throws IOException {
    SegflowOutput out =
        run(
            "--input",
            FIXTURES.resolve("rfm_data_orders.csv.gz").toString(),
            "--column",
            "customer_id=customer_id",
            "--column",
            "invoice_date=order_date",
            "--column",
            "amount=revenue",
            "--as-of",
            "2007-01-01");
    assertSameFeatures(out, readExpected(FIXTURES.resolve("rfm_data_orders_expected.csv")));
    assertThat(out.customers.size(), is(995));
    CustomerRecord c = out.customers.get(0);
    assertThat(c.getDistinctProducts(), is(nullValue()));
    // total_quantity has no column: null, and not among the features clustered on
    assertThat(out.json("model.json").get("features").toString(), not(containsString("quantity")));
    assertThat(
        out.manifest.at("/input_model/absent_features/total_quantity").asText(),
        containsString("no quantity column"));
  }

  @Test
  public void aReceiptsTableWithLineTotalsAndUtcTimestampsMatchesPandas() throws IOException {
    SegflowOutput out =
        run(
            "--input",
            FIXTURES.resolve("completejourney_sample.csv.gz").toString(),
            "--column",
            "customer_id=household_id",
            "--column",
            "invoice_no=basket_id",
            "--column",
            "invoice_date=transaction_timestamp",
            "--column",
            "amount=sales_value",
            "--column",
            "stock_code=product_id",
            "--timezone",
            "America/New_York",
            "--as-of",
            "2018-01-01",
            "--no-segmentation");
    assertSameFeatures(out, readExpected(FIXTURES.resolve("completejourney_sample_expected.csv")));
    assertThat(out.rejectedReasonCounts().get("non_positive_quantity"), is(23L));
  }

  @Test
  public void cdnowMasterRunsAsDocumentedAndMatchesPandas() throws Exception {
    Assume.assumeTrue(
        "CDNOW master file not present: " + CDNOW.toAbsolutePath(), Files.isRegularFile(CDNOW));
    Assume.assumeTrue(
        "Debian's python3-pandas is needed for the oracle (apt-get install python3-pandas)",
        pandasAvailable());
    Path expected = tmp.getRoot().toPath().resolve("cdnow_expected.csv");
    Process p =
        new ProcessBuilder(
                PYTHON.toString(),
                FIXTURES.resolve("features_oracle.py").toString(),
                CDNOW.toString(),
                expected.toString(),
                "--as-of",
                "1998-07-01",
                "--date-format",
                "%Y%m%d",
                "--column",
                "customer_id=customer_id",
                "--column",
                "invoice_date=date",
                "--column",
                "amount=dollar_value",
                "--column",
                "quantity=number_of_cds")
            .inheritIO()
            .start();
    assertThat(p.waitFor(), is(0));
    SegflowOutput out =
        run(
            "--input",
            CDNOW.toString(),
            "--column",
            "customer_id=customer_id",
            "--column",
            "invoice_date=date",
            "--column",
            "amount=dollar_value",
            "--column",
            "quantity=number_of_cds",
            "--date-format",
            "yyyyMMdd",
            "--as-of",
            "1998-07-01");
    assertSameFeatures(out, readExpected(expected));
    assertThat(out.customers.size(), is(23_502));
    assertThat(out.rowsRead(), is(69_659L));
    assertThat(out.rejectedReasonCounts().get("duplicate_row"), is(255L));
    assertThat(out.rejectedReasonCounts().get("non_positive_price"), is(80L));
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
