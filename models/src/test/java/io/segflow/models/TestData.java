// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.junit.Assume.assumeTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/**
 * Reads the CSV fixtures of {@code src/test/resources/fixtures} and the shared reference customers.
 */
final class TestData {
  static final List<String> FEATURES =
      List.of("recency_days", "frequency", "monetary", "total_quantity", "avg_basket_value");

  /** The 4,338 reference customers, beside the repository on every developer machine and on CI. */
  static final Path REFERENCE_RFM = Path.of("../../shared/data/reference/online_retail_rfm.csv.gz");

  private TestData() {}

  /** A parsed CSV: header and rows of strings. */
  record Csv(List<String> header, List<String[]> rows) {
    double[][] columns(List<String> names) {
      int[] idx = names.stream().mapToInt(this::index).toArray();
      double[][] out = new double[rows.size()][idx.length];
      for (int i = 0; i < rows.size(); i++) {
        for (int j = 0; j < idx.length; j++) {
          out[i][j] = Double.parseDouble(rows.get(i)[idx[j]]);
        }
      }
      return out;
    }

    int[] intColumn(String name) {
      int j = index(name);
      return rows.stream().mapToInt(r -> Integer.parseInt(r[j])).toArray();
    }

    /** Columns whose names start with {@code prefix}, in header order. */
    List<String> namesStartingWith(String prefix) {
      return header.stream().filter(h -> h.startsWith(prefix)).toList();
    }

    private int index(String name) {
      int j = header.indexOf(name);
      if (j < 0) {
        throw new IllegalArgumentException("no column " + name + " in " + header);
      }
      return j;
    }
  }

  static Csv fixture(String name) {
    InputStream in = TestData.class.getResourceAsStream("/fixtures/" + name);
    if (in == null) {
      throw new IllegalStateException("missing fixture " + name);
    }
    return read(in);
  }

  /** The reference customers; skips the calling test (never passes it) when ../shared is absent. */
  static double[][] referenceCustomers() {
    assumeTrue(
        "reference data absent: " + REFERENCE_RFM.toAbsolutePath(), Files.exists(REFERENCE_RFM));
    try {
      return read(new GZIPInputStream(Files.newInputStream(REFERENCE_RFM))).columns(FEATURES);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The 600-customer subsample committed as a fixture. */
  static double[][] sampleCustomers() {
    return fixture("rfm_sample600.csv").columns(FEATURES);
  }

  /** {dataset → {metric → value}} from expected_metrics.csv (scikit-learn 1.2.1). */
  static Map<String, Map<String, Double>> expectedMetrics() {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String[] r : fixture("expected_metrics.csv").rows()) {
      out.computeIfAbsent(r[0], k -> new HashMap<>()).put(r[1], Double.parseDouble(r[2]));
    }
    return out;
  }

  /** {dataset → {key → value}} from segment_expected.csv (make_segment_fixtures.py). */
  static Map<String, Map<String, Double>> expectedSegments() {
    Map<String, Map<String, Double>> out = new HashMap<>();
    for (String[] r : fixture("segment_expected.csv").rows()) {
      out.computeIfAbsent(r[0], k -> new HashMap<>()).put(r[1], Double.parseDouble(r[2]));
    }
    return out;
  }

  private static Csv read(InputStream in) {
    try (BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
      List<String> header = null;
      List<String[]> rows = new ArrayList<>();
      for (String line; (line = r.readLine()) != null; ) {
        if (line.startsWith("#") || line.isBlank()) {
          continue;
        }
        String[] fields = line.split(",", -1);
        if (header == null) {
          header = Arrays.asList(fields);
        } else {
          rows.add(fields);
        }
      }
      return new Csv(header, rows);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
