// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.segflow.benchmarks.PeerAssertions;
import io.segflow.pipelines.cli.SegflowCli;
import io.segflow.pipelines.generate.GeneratorConfig;
import io.segflow.pipelines.generate.TransactionGenerator;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import java.util.zip.GZIPOutputStream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The baseline is only a fair floor if it does Segflow's work: on generated data plus hand-written
 * awkward rows (quoted commas and quotes, a float-export customer id, a second date format, a
 * duplicate spelled differently, CRLF, malformed rows), it must find the same customers with the
 * same features as {@code segflow run --no-segmentation}.
 */
public class BaselineMatchesSegflowTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  /** Rows Online Retail has and the generator does not write. */
  // One row per line of code: a text block would hide the trailing \r and the blank line.
  @SuppressWarnings("StringConcatToTextBlock")
  private static final String AWKWARD_ROWS =
      String.join(
              "\n",
              "581000,22423,\"REGENCY CAKESTAND, 3 TIER\",2,2011-12-08 10:00:00,12.75,12346,United Kingdom",
              "581000,22423,\"REGENCY CAKESTAND, 3 TIER\",2,2011-12-08 10:00:00,12.750,12346.0,United Kingdom",
              "581000,22423,\"REGENCY CAKESTAND, 3 TIER\",2.0,2011-12-08 10:00, 12.75 ,12346,United Kingdom",
              "581001,85123A,\"12 \"\"PINK\"\" HEARTS\",6.0,12/8/2011 9:05,2.55,99999.0,France",
              "581001,85123B,PLAIN,3,12/8/2011 9:05,0.85,99999,Germany",
              "581002,22111,MUG,1,2011-12-08 11:00:00,1.25,99999,Germany\r",
              "581003,22112,HALF A MUG,1.5,2011-12-08 11:00:00,1.25,99999,Germany",
              "581004,22113,TOO,MANY,1,2011-12-08 11:00:00,1.25,99999,Germany",
              "581005,22114,EXPONENT,2,2011-12-08 12:00:00,1.5e0,99998,",
              "581006,22115,LATE,1,2011-12-08 13:00:00,NaN,99998,Spain",
              "",
              "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
              "C581007,22116,CANCELLED,-1,2011-12-08 13:00:00,1.00,99998,Spain",
              "581008,22117,\"MULTI",
              "LINE\",4,2011-12-08 14:00:00,0.42,99997,Spain",
              "581009,22118,NO CUSTOMER,4,2011-12-08 14:00:00,0.42, ,Spain")
          + "\n";

  private static Path csv;
  private static Map<String, CustomerRecord> segflow;
  private static PlainJavaBaseline.Result baseline;

  @BeforeClass
  public static void runSegflow() throws Exception {
    Path data = TMP.newFolder("data").toPath();
    TransactionGenerator.generate(GeneratorConfig.of(6_000, 600, 11, data));
    csv = data.resolve("transactions.csv");
    Files.writeString(csv, AWKWARD_ROWS, StandardCharsets.UTF_8, StandardOpenOption.APPEND);
    Path out = TMP.getRoot().toPath().resolve("out");
    int code =
        SegflowCli.execute(
            "run",
            "--input",
            csv.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--no-report");
    assertThat("segflow run exit code", code, is(0));
    segflow = readCustomers(out.resolve("customers"));
    baseline = PlainJavaBaseline.run(List.of(csv));
  }

  @Test
  public void sameCustomersWithTheSameFeatures() {
    assertThat(baseline.rowsRead(), is(6_000L + 15));
    assertThat(baseline.customers().size(), is(segflow.size()));
    assertThat(segflow.size(), greaterThan(550));
    long segflowRows = 0;
    for (BaselineCustomer b : baseline.customers()) {
      CustomerRecord s = segflow.get(b.customerId());
      PeerAssertions.assertSameFeatures(b, s);
      segflowRows += s.getRowsUsed();
    }
    assertThat(baseline.rowsUsed(), is(segflowRows));
  }

  @Test
  public void theAwkwardRowsCountAsSegflowCountsThem() {
    BaselineCustomer c = byId("99999");
    // 6 × 2.55 + 3 × 0.85 + 1 × 1.25; "HALF A MUG" and "TOO,MANY" are rejected
    assertThat(c.rowsUsed(), is(3L));
    assertThat(c.monetary(), closeTo(6 * 2.55 + 3 * 0.85 + 1.25, 1e-9));
    assertThat(c.country(), equalTo("Germany"));
    assertThat(c.frequency(), is(2));
    assertThat(
        c.lastPurchase().toEpochSecond(ZoneOffset.UTC),
        is(segflow.get("99999").getLastPurchase().toEpochSecond(ZoneOffset.UTC)));
    assertThat(byId("99998").country(), equalTo(null));
    assertThat(byId("99997").totalQuantity(), is(4L));
  }

  @Test
  public void respelledCopiesOfARowAreDuplicates() throws IOException {
    Path three = TMP.getRoot().toPath().resolve("three.csv");
    String[] rows = AWKWARD_ROWS.split("\n", -1);
    Files.writeString(
        three, TransactionGenerator.HEADER + rows[0] + "\n" + rows[1] + "\n" + rows[2]);
    PlainJavaBaseline.Result r = PlainJavaBaseline.run(List.of(three));
    assertThat(r.rowsRead(), is(3L));
    assertThat(r.rowsUsed(), is(1L));
  }

  @Test
  public void gzipAndPlainFilesGiveTheSameResult() throws IOException {
    Path gz = TMP.getRoot().toPath().resolve("transactions.csv.gz");
    try (InputStream in = Files.newInputStream(csv);
        OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      in.transferTo(out);
    }
    assertThat(PlainJavaBaseline.run(List.of(gz)), equalTo(baseline));
  }

  private static BaselineCustomer byId(String id) {
    return baseline.customers().stream()
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
