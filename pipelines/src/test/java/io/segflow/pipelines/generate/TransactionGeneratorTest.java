// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertArrayEquals;
import static org.junit.Assert.assertThrows;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class TransactionGeneratorTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  private GeneratorConfig config(long rows, int customers, long seed) throws IOException {
    return GeneratorConfig.of(rows, customers, seed, tmp.newFolder().toPath());
  }

  static List<String> dataLines(TransactionGenerator.Result r) throws IOException {
    List<String> lines = new ArrayList<>();
    for (Path p : r.dataFiles()) {
      byte[] bytes;
      if (p.toString().endsWith(".gz")) {
        try (InputStream in = new GZIPInputStream(Files.newInputStream(p))) {
          bytes = in.readAllBytes();
        }
      } else {
        bytes = Files.readAllBytes(p);
      }
      String[] all = new String(bytes, StandardCharsets.US_ASCII).split("\n", -1);
      assertThat(
          p + " starts with the header", all[0] + "\n", equalTo(TransactionGenerator.HEADER));
      assertThat(p + " ends with a newline", all[all.length - 1], equalTo(""));
      for (int i = 1; i < all.length - 1; i++) {
        lines.add(all[i]);
      }
    }
    return lines;
  }

  @Test
  public void sameSeedGivesIdenticalBytesAndOtherSeedDiffers() throws IOException {
    TransactionGenerator.Result a = TransactionGenerator.generate(config(5_000, 200, 7));
    TransactionGenerator.Result b = TransactionGenerator.generate(config(5_000, 200, 7));
    TransactionGenerator.Result c = TransactionGenerator.generate(config(5_000, 200, 8));
    assertArrayEquals(
        Files.readAllBytes(a.dataFiles().get(0)), Files.readAllBytes(b.dataFiles().get(0)));
    assertArrayEquals(Files.readAllBytes(a.typesFile()), Files.readAllBytes(b.typesFile()));
    assertThat(
        Files.readAllBytes(c.dataFiles().get(0)),
        not(equalTo(Files.readAllBytes(a.dataFiles().get(0)))));
    assertThat(Files.readAllBytes(c.typesFile()), not(equalTo(Files.readAllBytes(a.typesFile()))));
  }

  @Test
  public void rowCountIsExactAndRowsAreWellFormed() throws IOException {
    for (long rows : new long[] {300, 301, 12_345}) {
      TransactionGenerator.Result r = TransactionGenerator.generate(config(rows, 300, 1));
      List<String> lines = dataLines(r);
      assertThat(lines.size(), is((int) rows));
      for (String line : lines) {
        String[] f = line.split(",", -1);
        assertThat(line, f.length, is(8));
        assertThat(line, f[4].matches("201[01]-\\d\\d-\\d\\d \\d\\d:\\d\\d:00"), is(true));
        assertThat(
            line,
            f[4].compareTo("2010-12-01 00:00:00") >= 0
                && f[4].compareTo("2011-12-09 23:59:59") <= 0,
            is(true));
        assertThat(line, f[5].matches("\\d+(\\.\\d\\d)?"), is(true));
        assertThat(line, f[3].matches("-?\\d+"), is(true));
      }
    }
  }

  @Test
  public void splitAndGzipGiveTheSameRowsAsOneFile() throws IOException {
    GeneratorConfig one = config(20_000, 500, 3);
    List<String> single = dataLines(TransactionGenerator.generate(one));
    TransactionGenerator.Result split =
        TransactionGenerator.generate(one.withFiles(4, true).withOutput(tmp.newFolder().toPath()));
    assertThat(split.dataFiles().size(), is(4));
    for (Path p : split.dataFiles()) {
      assertThat(p.getFileName().toString().endsWith(".csv.gz"), is(true));
    }
    List<String> parts = dataLines(split);
    assertThat(multiset(parts), equalTo(multiset(single)));
    // Consecutive customers per file, each file a fair share of the rows.
    for (Path p : split.dataFiles()) {
      int n =
          dataLines(new TransactionGenerator.Result(List.of(p), null, 0, 0, Map.of(), Map.of()))
              .size();
      assertThat(p.toString(), n, allOf(greaterThan(3_000), lessThan(7_000)));
    }
    assertArrayEquals(
        Files.readAllBytes(one.output().resolve("types.csv")),
        Files.readAllBytes(split.typesFile()));
  }

  @Test
  public void defectRatesAreRoughlyAsConfigured() throws IOException {
    for (double rate : new double[] {0.0, 0.03, 0.10}) {
      TransactionGenerator.Result r =
          TransactionGenerator.generate(config(100_000, 2_000, 11).withDefectRate(rate));
      List<String> lines = dataLines(r);
      int missingId = 0;
      int cancellations = 0;
      int zeroPrice = 0;
      int duplicates = 0;
      Set<String> seen = new HashSet<>();
      for (String line : lines) {
        String[] f = line.split(",", -1);
        missingId += f[6].isEmpty() ? 1 : 0;
        cancellations += f[0].startsWith("C") ? 1 : 0;
        zeroPrice += f[5].equals("0.00") ? 1 : 0;
        duplicates += seen.add(line) ? 0 : 1;
      }
      int defects = missingId + cancellations + zeroPrice + duplicates;
      double n = lines.size();
      String msg = "rate " + rate + ": " + r.defects();
      assertThat(
          msg,
          (double) defects / n,
          allOf(greaterThan(rate * 0.85 - 1e-9), lessThan(rate * 1.1 + 1e-9)));
      if (rate > 0) {
        assertThat(msg, missingId / n, allOf(greaterThan(rate * 0.25), lessThan(rate * 0.45)));
        assertThat(msg, cancellations / n, allOf(greaterThan(rate * 0.15), lessThan(rate * 0.35)));
        assertThat(msg, zeroPrice / n, allOf(greaterThan(rate * 0.08), lessThan(rate * 0.22)));
        assertThat(msg, duplicates / n, allOf(greaterThan(rate * 0.15), lessThan(rate * 0.35)));
      }
      // What the generator reports is what the file holds.
      assertThat(msg, r.defects().get("missing_customer_id"), is((long) missingId));
      assertThat(msg, r.defects().get("cancellation"), is((long) cancellations));
      assertThat(msg, r.defects().get("zero_price"), is((long) zeroPrice));
      assertThat(msg, r.defects().get("duplicate_row"), is((long) duplicates));
    }
  }

  @Test
  public void typesFileCoversEveryCustomer() throws IOException {
    TransactionGenerator.Result r = TransactionGenerator.generate(config(30_000, 700, 5));
    List<String> types = Files.readAllLines(r.typesFile());
    assertThat(types.get(0), is("customer_id,true_type"));
    Map<String, String> typeOf = new HashMap<>();
    for (String line : types.subList(1, types.size())) {
      String[] f = line.split(",", -1);
      assertThat(line, typeOf.put(f[0], f[1]), is((String) null));
      CustomerType.ofLabel(f[1]);
    }
    assertThat(typeOf.size(), is(700));
    Set<String> inData = new HashSet<>();
    for (String line : dataLines(r)) {
      String id = line.split(",", -1)[6];
      if (!id.isEmpty()) {
        inData.add(id);
      }
    }
    assertThat(typeOf.keySet().containsAll(inData), is(true));
    assertThat(inData.size(), greaterThan(690));
    Map<String, Integer> perType = new TreeMap<>();
    typeOf.values().forEach(t -> perType.merge(t, 1, Integer::sum));
    assertThat(
        perType.keySet(), contains("lapsed", "loyal_high_value", "new", "regular_mid_value"));
  }

  @Test
  public void badConfigurationsAreRefused() {
    Path out = tmp.getRoot().toPath();
    assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(10, 0, 1, out));
    assertThrows(IllegalArgumentException.class, () -> GeneratorConfig.of(10, 11, 1, out));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratorConfig.of(100, 10, 1, out).withDefectRate(-0.1));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratorConfig.of(100, 10, 1, out).withFiles(11, false));
    assertThrows(
        IllegalArgumentException.class,
        () -> GeneratorConfig.of(100, 10, 1, out).withFiles(0, false));
  }

  private static Map<String, Integer> multiset(List<String> lines) {
    Map<String, Integer> m = new HashMap<>();
    lines.forEach(l -> m.merge(l, 1, Integer::sum));
    return m;
  }
}
