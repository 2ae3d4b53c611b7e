// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import io.segflow.schemas.CustomerRecord;
import java.io.File;
import java.io.IOException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/** Reading back what the writers wrote, with Avro's own reader. */
final class AvroFiles {
  private AvroFiles() {}

  static <T> List<T> read(File file, Class<T> type) throws IOException {
    List<T> out = new ArrayList<>();
    try (DataFileReader<T> reader = new DataFileReader<>(file, new SpecificDatumReader<>(type))) {
      reader.forEach(out::add);
    }
    return out;
  }

  /** The names of the files in {@code dir}, sorted. */
  static List<String> names(File dir) {
    String[] names = dir.list();
    if (names == null) {
      return List.of();
    }
    Arrays.sort(names);
    return List.of(names);
  }

  /** A customer with made-up but consistent features. */
  static CustomerRecord customer(String id, double monetary) {
    return CustomerRecord.newBuilder()
        .setCustomerId(id)
        .setCountry(id.endsWith("7") ? null : "United Kingdom")
        .setRecencyDays(10)
        .setFrequency(2)
        .setMonetary(monetary)
        .setTotalQuantity(40L)
        .setAvgBasketValue(monetary / 2)
        .setFirstPurchase(LocalDateTime.of(2010, 12, 1, 8, 26))
        .setLastPurchase(LocalDateTime.of(2011, 11, 30, 17, 5, 9))
        .setTenureDays(374)
        .setDistinctProducts(7)
        .setRowsUsed(12)
        .setAsOfDate(LocalDate.of(2011, 12, 10))
        .build();
  }
}
