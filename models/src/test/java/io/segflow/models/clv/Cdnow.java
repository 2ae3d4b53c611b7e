// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The CDNOW data of Fader &amp; Hardie beside the repository ({@code ../shared/data/cdnow}, see its
 * README): read with plain Java. Tests that need it skip, never pass, when it is absent. The folder
 * can be named with {@code -Dsegflow.shared=/path/to/shared} when the repository is checked out
 * elsewhere.
 */
final class Cdnow {
  static final Path DIR =
      Path.of(System.getProperty("segflow.shared", "../../shared"), "data", "cdnow");

  /** The published per-customer calibration summary (weeks, 2 decimals). */
  record Published(int id, int x, double recency, double age, double meanSpend) {}

  private Cdnow() {}

  static Path require(String file) {
    Path path = DIR.resolve(file);
    assumeTrue("CDNOW data absent: " + path.toAbsolutePath(), Files.exists(path));
    return path;
  }

  /** {@code cdnow_customers_summary_with_transactions.csv}: ID, x, t_x, T, zbar. */
  static List<Published> publishedSummary() {
    List<Published> out = new ArrayList<>();
    for (String[] r : rows(require("cdnow_customers_summary_with_transactions.csv"))) {
      out.add(
          new Published(
              Integer.parseInt(r[0]),
              Integer.parseInt(r[1]),
              Double.parseDouble(r[2]),
              Double.parseDouble(r[3]),
              Double.parseDouble(r[4])));
    }
    return out;
  }

  /** {@code cdnow_customers_summary.csv}: ID, frequency, recency, T (the BG/NBD paper's data). */
  static List<Published> publishedFrequencySummary() {
    List<Published> out = new ArrayList<>();
    for (String[] r : rows(require("cdnow_customers_summary.csv"))) {
      out.add(
          new Published(
              Integer.parseInt(r[0]),
              Integer.parseInt(r[1]),
              Double.parseDouble(r[2]),
              Double.parseDouble(r[3]),
              0));
    }
    return out;
  }

  /**
   * A published summary in whole days: its weeks are days / 7 rounded to 2 decimals, so days =
   * round(weeks × 7) recovers them exactly.
   */
  static CustomerSummary inDays(Published p) {
    int recency = (int) Math.round(p.recency() * 7);
    int age = (int) Math.round(p.age() * 7);
    return new CustomerSummary(p.x(), recency, age, p.x() * p.meanSpend());
  }

  /** The raw sample transactions, every row, per sample customer id (ascending). */
  static Map<Integer, PurchaseHistory> sampleHistories() {
    return histories(require("cdnow_sample.csv.gz"), 1, 2, 4);
  }

  /** The raw master transactions, every row, per customer id (ascending). */
  static Map<Integer, PurchaseHistory> masterHistories() {
    return histories(require("cdnow_master.csv.gz"), 0, 1, 3);
  }

  private static Map<Integer, PurchaseHistory> histories(
      Path file, int idColumn, int dateColumn, int amountColumn) {
    DateTimeFormatter yyyymmdd = DateTimeFormatter.BASIC_ISO_DATE;
    Map<Integer, PurchaseHistory> out = new TreeMap<>();
    for (String[] r : rows(file)) {
      out.computeIfAbsent(Integer.parseInt(r[idColumn]), k -> new PurchaseHistory())
          .add(LocalDate.parse(r[dateColumn], yyyymmdd), Double.parseDouble(r[amountColumn]));
    }
    return out;
  }

  /** Data rows (header skipped) of a CSV without quoted fields, plain or gzipped. */
  static List<String[]> rows(Path file) {
    try (InputStream raw = Files.newInputStream(file)) {
      InputStream in = file.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw;
      return rows(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static List<String[]> rows(InputStream in) throws IOException {
    List<String[]> out = new ArrayList<>();
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      reader.readLine();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (!line.isBlank()) {
          out.add(line.strip().split(","));
        }
      }
    }
    return out;
  }

  /** A fixture under {@code src/test/resources/clv}, as rows keyed by header name. */
  static List<Map<String, String>> fixture(String name) {
    InputStream in = Cdnow.class.getResourceAsStream("/clv/" + name);
    if (in == null) {
      throw new IllegalStateException("missing fixture clv/" + name);
    }
    try (BufferedReader reader =
        new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      String[] header = reader.readLine().strip().split(",", -1);
      List<Map<String, String>> out = new ArrayList<>();
      for (String line = reader.readLine(); line != null; line = reader.readLine()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] cells = line.strip().split(",", -1);
        Map<String, String> row = new LinkedHashMap<>();
        for (int i = 0; i < header.length; i++) {
          row.put(header[i], cells[i]);
        }
        out.add(row);
      }
      return out;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
