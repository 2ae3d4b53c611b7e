// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;
import java.util.Objects;

/**
 * What {@link TransactionGenerator} writes: exactly {@code rows} data rows for {@code customers}
 * customers of the given latent {@code types}, with about {@code defectRate} of the rows defects
 * the cleaning stage rejects, invoices between {@code startDate} and {@code endDate}, split into
 * {@code files} CSV files (gzip-compressed when {@code gzip}) in {@code output}.
 */
public record GeneratorConfig(
    long rows,
    int customers,
    long seed,
    List<CustomerType> types,
    double defectRate,
    LocalDate startDate,
    LocalDate endDate,
    boolean gzip,
    int files,
    Path output) {

  public static final LocalDate DEFAULT_START = LocalDate.of(2010, 12, 1);
  public static final LocalDate DEFAULT_END = LocalDate.of(2011, 12, 9);
  public static final double DEFAULT_DEFECT_RATE = 0.03;
  public static final long DEFAULT_SEED = 42;

  public GeneratorConfig {
    Objects.requireNonNull(output, "output");
    Objects.requireNonNull(startDate, "startDate");
    Objects.requireNonNull(endDate, "endDate");
    types = List.copyOf(types);
    if (customers < 1) {
      throw new IllegalArgumentException("customers must be at least 1, got " + customers);
    }
    if (rows < customers) {
      throw new IllegalArgumentException(
          "rows must be at least the number of customers (" + customers + "), got " + rows);
    }
    if (types.isEmpty() || types.size() != types.stream().distinct().count()) {
      throw new IllegalArgumentException("types must be one or more distinct types, got " + types);
    }
    if (!(defectRate >= 0 && defectRate <= 0.5)) {
      throw new IllegalArgumentException(
          "defect rate must be between 0 and 0.5, got " + defectRate);
    }
    if (files < 1 || files > customers) {
      throw new IllegalArgumentException(
          "files must be between 1 and the number of customers (" + customers + "), got " + files);
    }
    if (!endDate.isAfter(startDate.plusDays(CustomerType.LAPSED.maxRecency + 30))) {
      throw new IllegalArgumentException(
          "the date range "
              + startDate
              + ".."
              + endDate
              + " is too short for the customer types (at least a year is needed)");
    }
  }

  /** The defaults: all types, 3 % defects, 2010-12-01..2011-12-09, one plain CSV file. */
  public static GeneratorConfig of(long rows, int customers, long seed, Path output) {
    return new GeneratorConfig(
        rows,
        customers,
        seed,
        List.of(CustomerType.values()),
        DEFAULT_DEFECT_RATE,
        DEFAULT_START,
        DEFAULT_END,
        false,
        1,
        output);
  }

  public GeneratorConfig withSeed(long s) {
    return new GeneratorConfig(
        rows, customers, s, types, defectRate, startDate, endDate, gzip, files, output);
  }

  public GeneratorConfig withDefectRate(double d) {
    return new GeneratorConfig(
        rows, customers, seed, types, d, startDate, endDate, gzip, files, output);
  }

  public GeneratorConfig withFiles(int n, boolean gz) {
    return new GeneratorConfig(
        rows, customers, seed, types, defectRate, startDate, endDate, gz, n, output);
  }

  public GeneratorConfig withOutput(Path dir) {
    return new GeneratorConfig(
        rows, customers, seed, types, defectRate, startDate, endDate, gzip, files, dir);
  }
}
