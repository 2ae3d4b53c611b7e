// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.peers;

import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * What a features run found, in three numbers two implementations must agree on: customers, rows
 * used and total revenue (the sum of every customer's monetary).
 */
public record RunTotals(long customers, long rowsUsed, double revenue) {
  /** Sums differ in the last bits when their terms are added in another order. */
  private static final double REVENUE_TOLERANCE = 1e-9;

  static RunTotals of(List<DuckDbFeatures.Customer> customers) {
    long rows = 0;
    double revenue = 0;
    for (DuckDbFeatures.Customer c : customers) {
      rows += c.rowsUsed();
      revenue += c.monetary();
    }
    return new RunTotals(customers.size(), rows, revenue);
  }

  /** The totals of a Segflow output folder's {@code customers/} (Avro part files). */
  static RunTotals ofSegflowOutput(Path output) throws IOException {
    Path dir = output.resolve("customers");
    long customers = 0;
    long rows = 0;
    double revenue = 0;
    List<Path> parts;
    try (Stream<Path> files = Files.list(dir)) {
      parts = files.filter(p -> p.toString().endsWith(".avro")).sorted().toList();
    }
    for (Path part : parts) {
      try (DataFileReader<CustomerRecord> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
        for (CustomerRecord c : reader) {
          customers++;
          rows += c.getRowsUsed();
          revenue += c.getMonetary();
        }
      }
    }
    return new RunTotals(customers, rows, revenue);
  }

  /** Same customers and rows, and the same revenue up to the order of the additions. */
  boolean matches(RunTotals other) {
    return customers == other.customers
        && rowsUsed == other.rowsUsed
        && Math.abs(revenue - other.revenue)
            <= REVENUE_TOLERANCE * Math.max(Math.abs(revenue), Math.abs(other.revenue));
  }

  String describe() {
    return String.format(
        Locale.ROOT, "customers=%d rows_used=%d revenue=%.2f", customers, rowsUsed, revenue);
  }
}
