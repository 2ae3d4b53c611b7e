// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

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
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** The k-way merge over prefetched part files: complete, in id order, failures named. */
public class SortedCustomersTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static CustomerRecord customer(String id) {
    return CustomerRecord.newBuilder()
        .setCustomerId(id)
        .setCountry("United Kingdom")
        .setRecencyDays(3)
        .setFrequency(2)
        .setMonetary(10.5)
        .setTotalQuantity(12L)
        .setAvgBasketValue(5.25)
        .setFirstPurchase(LocalDateTime.of(2011, 1, 2, 3, 4))
        .setLastPurchase(LocalDateTime.of(2011, 12, 7, 8, 9, 10))
        .setTenureDays(340)
        .setDistinctProducts(5)
        .setRowsUsed(7)
        .setAsOfDate(LocalDate.of(2011, 12, 10))
        .build();
  }

  private static void writePart(Path file, List<String> sortedIds) throws IOException {
    Files.createDirectories(file.getParent());
    try (OutputStream os = Files.newOutputStream(file);
        DataFileWriter<CustomerRecord> w =
            new DataFileWriter<>(new SpecificDatumWriter<>(CustomerRecord.class))) {
      w.setCodec(CodecFactory.snappyCodec()); // as Segflow writes them: each block checksummed
      w.create(CustomerRecord.getClassSchema(), os);
      for (String id : sortedIds) {
        w.append(customer(id));
      }
    }
  }

  /** Ids 000000, 000001, ...: already in part order. */
  private static List<String> sequentialIds(int n) {
    List<String> ids = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ids.add(String.format("%06d", i));
    }
    return ids;
  }

  @Test
  public void mergesPartsOfManyChunksIntoOneSortedStream() throws IOException {
    // 3 parts of uneven size, several prefetch chunks each, ids hashed to parts as a run does
    Path dir = tmp.getRoot().toPath();
    List<List<String>> parts = List.of(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
    List<String> all = new ArrayList<>();
    Random random = new Random(42);
    for (int i = 0; i < 12_000; i++) {
      String id = String.valueOf(10_000 + random.nextInt(1_000_000)) + "-" + i;
      all.add(id);
      parts.get(Math.floorMod(id.hashCode(), 7) % 3).add(id);
    }
    for (int p = 0; p < 3; p++) {
      parts.get(p).sort(null);
      writePart(dir.resolve("customers/part-0000" + p + "-of-00003.avro"), parts.get(p));
    }
    all.sort(null);

    List<String> merged = new ArrayList<>();
    SortedCustomers.forEach(dir, all.size(), c -> merged.add(c.getCustomerId()));
    assertThat(merged, equalTo(all));
  }

  @Test
  public void aDamagedPartIsNamed() throws IOException {
    Path dir = tmp.getRoot().toPath();
    List<String> ids = sequentialIds(5_000);
    Path part = dir.resolve("customers/part-00000-of-00001.avro");
    writePart(part, ids);
    byte[] bytes = Files.readAllBytes(part);
    for (int i = bytes.length / 2; i < bytes.length / 2 + 64; i++) {
      bytes[i] ^= 0x5A; // damage a block in the middle: its checksum no longer matches
    }
    Files.write(part, bytes);

    IOException e =
        assertThrows(IOException.class, () -> SortedCustomers.forEach(dir, ids.size(), c -> {}));
    assertThat(e.getMessage(), containsString("part-00000-of-00001.avro"));
  }

  @Test
  public void aTruncatedPartIsReportedNotReadShort() throws IOException {
    // Avro's reader ends quietly where a cut file ends: only the run's count can tell
    Path dir = tmp.getRoot().toPath();
    List<String> ids = sequentialIds(20_000);
    Path part = dir.resolve("customers/part-00000-of-00001.avro");
    writePart(part, ids);
    byte[] bytes = Files.readAllBytes(part);
    Files.write(part, java.util.Arrays.copyOf(bytes, bytes.length / 2));

    List<String> read = new ArrayList<>();
    IOException e =
        assertThrows(
            IOException.class,
            () -> SortedCustomers.forEach(dir, ids.size(), c -> read.add(c.getCustomerId())));
    assertThat(
        e.getMessage(),
        containsString("holds " + read.size() + " customers where the run" + " wrote 20000"));
    assertThat(e.getMessage(), containsString("incomplete"));
  }
}
