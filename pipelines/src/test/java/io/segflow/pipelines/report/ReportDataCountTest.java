// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The report reads customers/ only when it holds as many customers as the run's manifest says. */
public class ReportDataCountTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path runWith(int written, long manifestCustomers) throws IOException {
    Path dir = tmp.newFolder().toPath();
    Files.createDirectories(dir.resolve("customers"));
    try (OutputStream os =
            Files.newOutputStream(dir.resolve("customers/part-00000-of-00001.avro"));
        DataFileWriter<CustomerRecord> w =
            new DataFileWriter<>(new SpecificDatumWriter<>(CustomerRecord.class))) {
      w.create(CustomerRecord.getClassSchema(), os);
      for (int i = 0; i < written; i++) {
        w.append(
            CustomerRecord.newBuilder()
                .setCustomerId(String.valueOf(12346 + i))
                .setCountry("France")
                .setRecencyDays(3 + i)
                .setFrequency(2)
                .setMonetary(100.0 + i)
                .setTotalQuantity(12L)
                .setAvgBasketValue(50.0)
                .setFirstPurchase(LocalDateTime.of(2011, 1, 2, 3, 4))
                .setLastPurchase(LocalDateTime.of(2011, 12, 7, 8, 9))
                .setTenureDays(340)
                .setDistinctProducts(5)
                .setRowsUsed(7)
                .setAsOfDate(LocalDate.of(2011, 12, 10))
                .build());
      }
    }
    Files.writeString(
        dir.resolve("manifest.json"),
        "{\"customers\": " + manifestCustomers + ", \"as_of_date\": \"2011-12-10\"}");
    return dir;
  }

  @Test
  public void aFolderWithFewerCustomersThanTheManifestIsRefused() throws IOException {
    Path dir = runWith(3, 5);
    IOException e = assertThrows(IOException.class, () -> ReportData.read(dir));
    assertThat(e.getMessage(), containsString("holds 3 customers where the run wrote 5"));
  }

  @Test
  public void aCompleteFolderIsRead() throws IOException {
    ReportData data = ReportData.read(runWith(3, 3));
    assertThat(data.values.get("monetary"), equalTo(new double[] {100.0, 101.0, 102.0}));
  }

  @Test
  public void aLargeOutputKeepsAnEvenlySpacedAlignedSampleAndCountsEveryCustomer()
      throws IOException {
    Path dir = runWith(1000, 1000);
    ReportData all = ReportData.read(dir, 1000);
    ReportData sample = ReportData.read(dir, 100);
    assertThat(all.keptCustomers, equalTo(1000L));
    assertThat(sample.keptCustomers, equalTo(100L));
    assertThat(sample.customerCount, equalTo(1000L));
    // customer i (monetary 100 + i, recency 3 + i) is kept when ⌊(i+1)/10⌋ > ⌊i/10⌋: i = 9, 19, …
    double[] monetary = sample.values.get("monetary");
    double[] recency = sample.values.get("recency_days");
    for (int k = 0; k < 100; k++) {
      int i = 10 * k + 9;
      assertThat(monetary[k], equalTo(all.values.get("monetary")[i]));
      assertThat("aligned across features", recency[k], equalTo(monetary[k] - 97));
    }
    assertThat(sample.segmentIds.length, equalTo(100));
    assertThat(HtmlReport.sampleNote(sample), containsString("sample of 100 of them"));
    assertThat(HtmlReport.sampleNote(all), equalTo(""));
  }

  @Test
  public void anOutputAtTheLimitIsReadWhole() throws IOException {
    ReportData data = ReportData.read(runWith(100, 100), 100);
    assertThat(data.keptCustomers, equalTo(100L));
    assertThat(data.values.get("monetary")[99], equalTo(199.0));
  }
}
