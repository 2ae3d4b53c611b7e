// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.peers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.segflow.benchmarks.PeerAssertions;
import io.segflow.pipelines.cli.SegflowCli;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The DuckDB peer is only a fair comparison if its one statement does Segflow's work: on the
 * shipped sample of real Online Retail rows plus awkward rows the file format allows (a
 * float-export customer id, a respelled duplicate, the workbook's date form, a fractional quantity,
 * a NaN price, a row with too many fields, a quoted line break), it must find the same customers
 * with the same features as {@code segflow run --no-segmentation}.
 */
public class DuckDbFeaturesTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");

  private static final List<String> AWKWARD_ROWS =
      List.of(
          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
          "581000,22423,\"REGENCY CAKESTAND, 3 TIER\",2,2011-12-08 10:00:00,12.75,12346,United Kingdom",
          "581000,22423,\"REGENCY CAKESTAND, 3 TIER\",2,2011-12-08 10:00:00,12.750,12346.0,United Kingdom",
          "581001,85123A,\"12 \"\"PINK\"\" HEARTS\",6.0,12/13/2011 9:05,2.55,99999.0,France",
          "581001,85123B,PLAIN,3,12/13/2011 9:05,0.85,99999,Germany",
          "581002,22111,MUG,1,2011-12-08 11:00:00,1.25,99999,Germany",
          "581003,22112,HALF A MUG,1.5,2011-12-08 11:00:00,1.25,99999,Germany",
          "581004,22113,TOO,MANY,1,2011-12-08 11:00:00,1.25,99999,Germany",
          "581005,22114,EXPONENT,2,2011-12-08 12:00:00,1.5e0,99998,",
          "581006,22115,LATE,1,2011-12-08 13:00:00,NaN,99998,Spain",
          "C581007,22116,CANCELLED,-1,2011-12-08 13:00:00,1.00,99998,Spain",
          "581008,22117,\"MULTI",
          "LINE\",4,2011-12-08 14:00:00,0.42,99997,Spain",
          "581009,22118,NO CUSTOMER,4,2011-12-08 14:00:00,0.42, ,Spain");

  private static Path awkward;
  private static Path segflowOutput;
  private static Map<String, CustomerRecord> segflow;
  private static List<DuckDbFeatures.Customer> duckdb;

  @BeforeClass
  public static void runBoth() throws Exception {
    awkward = TMP.getRoot().toPath().resolve("awkward.csv");
    Files.writeString(awkward, String.join("\n", AWKWARD_ROWS) + "\n", StandardCharsets.UTF_8);
    segflowOutput = TMP.getRoot().toPath().resolve("out");
    int code =
        SegflowCli.execute(
            "run",
            "--input",
            SAMPLE + "," + awkward,
            "--output",
            segflowOutput.toString(),
            "--no-segmentation",
            "--no-report",
            "--quiet");
    assertThat("segflow run exit code", code, is(0));
    segflow = readCustomers(segflowOutput.resolve("customers"));
    duckdb = DuckDbFeatures.run(List.of(SAMPLE, awkward));
  }

  @Test
  public void sameCustomersWithTheSameFeatures() {
    assertThat(segflow.size(), greaterThan(250));
    assertThat(duckdb.size(), is(segflow.size()));
    for (DuckDbFeatures.Customer d : duckdb) {
      CustomerRecord s = segflow.get(d.customerId());
      PeerAssertions.assertSameFeatures(d, s);
    }
  }

  @Test
  public void theAwkwardRowsCountAsSegflowCountsThem() {
    DuckDbFeatures.Customer c = byId("99999");
    // 6 × 2.55 + 3 × 0.85 + 1 × 1.25; "HALF A MUG" and "TOO,MANY" are rejected
    assertThat(c.rowsUsed(), is(3L));
    assertThat(c.monetary(), closeTo(6 * 2.55 + 3 * 0.85 + 1.25, 1e-9));
    assertThat(c.country(), equalTo("Germany"));
    assertThat(byId("12346").rowsUsed(), is(segflow.get("12346").getRowsUsed()));
    assertThat(byId("99998").rowsUsed(), is(1L));
    assertThat(byId("99998").country(), equalTo(null));
    assertThat(byId("99997").totalQuantity(), is(4L));
  }

  @Test
  public void theCheckAgreesWithSegflowsOutputAndCatchesADifference() throws IOException {
    RunTotals fromSegflow = RunTotals.ofSegflowOutput(segflowOutput);
    RunTotals fromDuckDb = RunTotals.of(duckdb);
    assertThat(fromSegflow.customers(), is((long) segflow.size()));
    assertThat(
        fromSegflow.rowsUsed(),
        is(segflow.values().stream().mapToLong(CustomerRecord::getRowsUsed).sum()));
    assertThat(fromDuckDb.matches(fromSegflow), is(true));
    RunTotals oneCustomerLess =
        RunTotals.of(duckdb.subList(1, duckdb.size())); // the first customer's revenue is > 0
    assertThat(oneCustomerLess.matches(fromSegflow), is(false));
    RunTotals aCentMore =
        new RunTotals(
            fromSegflow.customers(), fromSegflow.rowsUsed(), fromSegflow.revenue() + 0.01);
    assertThat(aCentMore.matches(fromSegflow), is(false));
  }

  private static DuckDbFeatures.Customer byId(String id) {
    return duckdb.stream()
        .filter(c -> c.customerId().equals(id))
        .findFirst()
        .orElseThrow(() -> new AssertionError("no customer " + id));
  }

  private static Map<String, CustomerRecord> readCustomers(Path dir) throws IOException {
    Map<String, CustomerRecord> byId = new TreeMap<>();
    try (Stream<Path> parts = Files.list(dir)) {
      for (Path part : parts.filter(p -> p.toString().endsWith(".avro")).toList()) {
        try (DataFileReader<CustomerRecord> reader =
            new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
          reader.forEach(c -> byId.put(c.getCustomerId(), c));
        }
      }
    }
    return byId;
  }
}
