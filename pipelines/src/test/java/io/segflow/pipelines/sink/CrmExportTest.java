// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.parse.CsvFields;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.apache.avro.specific.SpecificRecord;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** crm/customers.csv: sorted, quoted per RFC 4180, and no cell that a spreadsheet would run. */
public class CrmExportTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static CustomerRecord customer(String id, String country, double monetary) {
    return CustomerRecord.newBuilder()
        .setCustomerId(id)
        .setCountry(country)
        .setRecencyDays(3)
        .setFrequency(2)
        .setMonetary(monetary)
        .setTotalQuantity(12L)
        .setAvgBasketValue(monetary / 2)
        .setFirstPurchase(LocalDateTime.of(2011, 1, 2, 3, 4))
        .setLastPurchase(LocalDateTime.of(2011, 12, 7, 8, 9, 10))
        .setTenureDays(340)
        .setDistinctProducts(5)
        .setRowsUsed(7)
        .setAsOfDate(LocalDate.of(2011, 12, 10))
        .setSegmentId(1)
        .setSegmentName("High-value loyal")
        .setRfmRecencyScore(5)
        .setRfmFrequencyScore(4)
        .setRfmMonetaryScore(5)
        .setRfmScore("545")
        .setRfmSegment("Champions")
        .build();
  }

  private static SegmentRecord segment(String kind, int id, String name, String action) {
    return SegmentRecord.newBuilder()
        .setSegmentId(id)
        .setSegmentName(name)
        .setDescription("d")
        .setRecommendedAction(action)
        .setKind(kind)
        .setSize(1)
        .setCustomerShare(1)
        .setRevenue(1)
        .setRevenueShare(1)
        .setFeatures(List.of(new FeatureStat("monetary", 1.0, 1.0)))
        .build();
  }

  private static <T extends SpecificRecord> void writeAvro(
      Path file, Schema schema, List<T> records) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream os = Files.newOutputStream(file);
        DataFileWriter<T> w = new DataFileWriter<>(new SpecificDatumWriter<>(schema))) {
      w.create(schema, os);
      for (T r : records) {
        w.append(r);
      }
    }
  }

  @Test
  public void moneyIsRoundedHalfUpAsBigDecimalWouldRoundIt() {
    List<Double> values =
        new ArrayList<>(
            List.of(
                0.0,
                -0.0,
                1.005,
                2.675,
                0.125,
                -0.125,
                9.995,
                -9.995,
                99.999,
                0.004,
                -0.004,
                -0.005,
                1e7,
                1.5e-5,
                123456789.125,
                -1e-3,
                3.0,
                4.1,
                999999.995,
                0.045));
    java.util.Random random = new java.util.Random(7);
    for (int i = 0; i < 20_000; i++) {
      double v = Math.round(random.nextGaussian() * 1e6) / Math.pow(10, random.nextInt(6));
      values.add(random.nextBoolean() ? v : v * random.nextDouble());
    }
    for (double v : values) {
      assertThat(
          String.valueOf(v),
          CrmExport.money(v),
          equalTo(
              java.math.BigDecimal.valueOf(v)
                  .setScale(2, java.math.RoundingMode.HALF_UP)
                  .toPlainString()));
    }
  }

  @Test
  public void timestampsAreWrittenAsTheFormatterWouldWriteThem() {
    java.time.format.DateTimeFormatter formatter =
        java.time.format.DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
    for (LocalDateTime t :
        List.of(
            LocalDateTime.of(2010, 12, 1, 8, 26),
            LocalDateTime.of(2011, 1, 9, 23, 59, 59),
            LocalDateTime.of(1970, 1, 1, 0, 0),
            LocalDateTime.of(999, 5, 6, 7, 8, 9),
            LocalDateTime.of(10_000, 12, 31, 0, 0, 1))) {
      StringBuilder out = new StringBuilder();
      CrmExport.timestamp(out, t);
      assertThat(out.toString(), equalTo(t.format(formatter)));
    }
  }

  @Test
  public void cellsThatASpreadsheetWouldRunAreNeutralisedAndQuotingIsCorrect() throws Exception {
    Path dir = tmp.getRoot().toPath();
    List<CustomerRecord> customers =
        List.of(
            customer("=HYPERLINK(\"http://x\",\"y\")", "United Kingdom", 10),
            customer("+12345", "France", 12345678.125),
            customer("-1", "Germany", 1e-3),
            customer("@SUM(A1)", "Spain", 2),
            customer("\tTAB", "Norway", 2),
            customer("\rCR", "Line\nbreak", 2),
            customer("17850", "Korea, Republic of", -5.5));
    // Two part files, each sorted by id as a run writes them: the export merges them (by Java
    // string order, as customers/).
    writeAvro(
        dir.resolve("customers/part-00001-of-00002.avro"),
        CustomerRecord.getClassSchema(),
        sortedById(customers.subList(0, 4)));
    writeAvro(
        dir.resolve("customers/part-00000-of-00002.avro"),
        CustomerRecord.getClassSchema(),
        sortedById(customers.subList(4, 7)));
    writeAvro(
        dir.resolve("segments/part-00000-of-00001.avro"),
        SegmentRecord.getClassSchema(),
        List.of(
            segment("kmeans", 1, "High-value loyal", "=cmd|' /C calc'!A0"),
            segment("rfm", 1, "Champions", "Reward them, early access")));

    assertThat(CrmExport.write(dir, 7), equalTo("crm/customers.csv"));
    String text = Files.readString(dir.resolve("crm/customers.csv"), StandardCharsets.UTF_8);
    String tail =
        ",2011-12-10,1,High-value loyal,'=cmd|' /C calc'!A0,545,Champions,"
            + "\"Reward them, early access\",3,2,";
    String after = ",12,340,5,2011-12-07 08:09:10,";
    // no previous run and no netted returns: the six history and two returns cells are empty
    String noHistory = ",,,,,,,,\r\n";
    assertThat(
        text,
        equalTo(
            String.join(",", CrmExport.HEADER)
                + "\r\n"
                + "'\tTAB"
                + tail
                + "2.00,1.00"
                + after
                + "Norway"
                + noHistory
                + "\"'\rCR\""
                + tail
                + "2.00,1.00"
                + after
                + "\"Line\nbreak\""
                + noHistory
                + "'+12345"
                + tail
                + "12345678.13,6172839.06"
                + after
                + "France"
                + noHistory
                + "'-1"
                + tail
                + "0.00,0.00"
                + after
                + "Germany"
                + noHistory
                + "17850"
                + tail
                + "-5.50,-2.75"
                + after
                + "\"Korea, Republic of\""
                + noHistory
                + "\"'=HYPERLINK(\"\"http://x\"\",\"\"y\"\")\""
                + tail
                + "10.00,5.00"
                + after
                + "United Kingdom"
                + noHistory
                + "'@SUM(A1)"
                + tail
                + "2.00,1.00"
                + after
                + "Spain"
                + noHistory));
  }

  private static List<CustomerRecord> sortedById(List<CustomerRecord> records) {
    return records.stream()
        .sorted(java.util.Comparator.comparing(CustomerRecord::getCustomerId))
        .toList();
  }

  @Test
  public void aPartFileOutOfIdOrderIsReportedNotMergedWrongly() throws Exception {
    Path dir = tmp.getRoot().toPath();
    writeAvro(
        dir.resolve("customers/part-00000-of-00001.avro"),
        CustomerRecord.getClassSchema(),
        List.of(customer("2", "France", 1), customer("1", "France", 1)));
    writeAvro(
        dir.resolve("segments/part-00000-of-00001.avro"),
        SegmentRecord.getClassSchema(),
        List.of(segment("kmeans", 1, "High-value loyal", "Reward")));
    java.io.IOException e =
        org.junit.Assert.assertThrows(java.io.IOException.class, () -> CrmExport.write(dir, 2));
    assertThat(e.getMessage(), org.hamcrest.Matchers.containsString("not sorted by customer id"));
  }

  @Test
  public void aRunWritesTheExportWithEachSegmentsRecommendedAction() throws Exception {
    Path out = tmp.getRoot().toPath().resolve("run");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            "../run-configs/sample/online_retail_sample.csv.gz",
            "--output",
            out.toString(),
            "--k",
            "3",
            "--no-report");
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput o = SegflowOutput.read(out);
    List<String> outputs = new ArrayList<>();
    o.manifest.path("outputs").forEach(n -> outputs.add(n.asText()));
    assertThat(outputs, hasItem("crm/customers.csv"));
    Map<Integer, String> actions = new HashMap<>();
    o.segments().stream()
        .filter(s -> s.getKind().equals("kmeans"))
        .forEach(s -> actions.put(s.getSegmentId(), s.getRecommendedAction()));

    List<String> lines = Files.readAllLines(out.resolve("crm/customers.csv"));
    assertThat(lines.get(0), startsWith("customer_id,as_of_date,segment_id,segment_name,"));
    assertThat(lines.size() - 1, equalTo(o.customers.size()));
    for (int i = 0; i < o.customers.size(); i++) {
      CustomerRecord c = o.customers.get(i); // customers/ is sorted by id, as the export is
      List<String> cells = CsvFields.split(lines.get(i + 1));
      assertThat(cells.get(0), equalTo(c.getCustomerId()));
      assertThat(cells.get(2), equalTo(String.valueOf(c.getSegmentId())));
      assertThat(cells.get(4), equalTo(actions.get(c.getSegmentId())));
      assertThat(cells.get(5), equalTo(c.getRfmScore()));
      assertThat(cells.get(8), equalTo(String.valueOf(c.getRecencyDays())));
    }
  }
}
