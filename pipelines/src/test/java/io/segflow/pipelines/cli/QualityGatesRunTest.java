// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Quality gates on hand-made inputs whose numbers are known by construction: 20 customers with 2
 * purchases each (40 used rows) and 10 cancellations, so 50 rows read and a reject rate of 0.2, all
 * of it cancellations. Each gate fails a run that breaks it (exit 7, the last good output
 * byte-identical, the run kept as OUTPUT.failed-...) and passes one that keeps it.
 */
public class QualityGatesRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static Path twenty;
  private static Path fifteen;

  @BeforeClass
  public static void inputs() throws IOException {
    twenty = input("twenty.csv", 20);
    fifteen = input("fifteen.csv", 15);
  }

  /** {@code customers} customers with 2 purchases each, then 10 cancellation lines. */
  private static Path input(String name, int customers) throws IOException {
    StringBuilder sb =
        new StringBuilder(
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
    for (int c = 0; c < customers; c++) {
      for (int k = 0; k < 2; k++) {
        sb.append(
            String.format(
                "%d,S%d,ITEM,%d,2011-%02d-%02d 10:00:00,%.2f,%d,United Kingdom%n",
                500_000 + 2 * c + k, k, 1 + c % 5, 1 + k * 6, 1 + c, 1.5 + c, 12_000 + c));
      }
    }
    for (int i = 0; i < 10; i++) {
      sb.append(
          String.format(
              "C%d,S9,ITEM,1,2011-03-%02d 10:00:00,2.00,%d,United Kingdom%n",
              600_000 + i, 1 + i, 12_000 + i));
    }
    Path f = TMP.getRoot().toPath().resolve(name);
    Files.writeString(f, sb.toString());
    return f;
  }

  private static CliRun run(Path input, Path out, String... checks) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                out.toString(),
                "--no-segmentation",
                "--no-report",
                "--quiet"));
    args.addAll(List.of(checks));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Every file of a folder with its bytes, for "unchanged" comparisons. */
  static Map<String, String> snapshot(Path dir) throws IOException {
    Map<String, String> files = new TreeMap<>();
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        files.put(
            dir.relativize(p).toString(),
            java.util.HexFormat.of().formatHex(Files.readAllBytes(p)));
      }
    }
    return files;
  }

  static List<Path> failedFolders(Path out) throws IOException {
    try (Stream<Path> s = Files.list(out.getParent())) {
      return s.filter(p -> p.getFileName().toString().startsWith(out.getFileName() + ".failed-"))
          .toList();
    }
  }

  static JsonNode manifest(Path dir) throws IOException {
    return new ObjectMapper().readTree(dir.resolve("manifest.json").toFile());
  }

  /**
   * A run that breaks {@code check} exits 7 naming it, leaves the published output byte-identical
   * and keeps its own folder; the same run with {@code keeping} publishes.
   */
  private static void failsThenPasses(
      String name, Path input, String breaking, String keeping, String shown) throws Exception {
    Path out = TMP.getRoot().toPath().resolve(name);
    CliRun good = run(twenty, out);
    assertThat(good.toString(), good.exitCode(), equalTo(0));
    Map<String, String> before = snapshot(out);

    CliRun broken = run(input, out, "--check", breaking);
    assertThat(broken.toString(), broken.exitCode(), equalTo(7));
    assertThat(broken.err(), containsString(shown));
    assertThat("the last good output is unchanged", snapshot(out), equalTo(before));
    List<Path> kept = failedFolders(out);
    assertThat(kept, hasSize(1));
    JsonNode m = manifest(kept.get(0));
    assertThat(m.path("status").asText(), equalTo("failed_checks"));
    assertThat(
        m.path("checks").path("failed").get(0).asText(), equalTo(breaking.split("=", -1)[0]));
    assertThat(Files.exists(kept.get(0).resolve("_SUCCESS")), is(false));
    JsonNode status =
        new ObjectMapper().readTree(CliRun.of("status", out.toString(), "--json").out());
    assertThat(status.path("state").asText(), equalTo("failed"));
    assertThat(status.path("last_run").path("exit_code").asInt(), equalTo(7));
    assertThat(status.path("last_run").path("failed_checks").get(0).asText(), equalTo(shown));

    CliRun passing = run(input, out, "--check", keeping);
    assertThat(passing.toString(), passing.exitCode(), equalTo(0));
    JsonNode checks = manifest(out).path("checks");
    assertThat(checks.path("results").get(0).path("status").asText(), equalTo("passed"));
    assertThat(checks.path("failed").size(), equalTo(0));
  }

  @Test
  public void maxRejectRate() throws Exception {
    failsThenPasses(
        "reject",
        twenty,
        "max_reject_rate=0.1",
        "max_reject_rate=0.25",
        "max_reject_rate: 0.2000 > limit 0.1000");
  }

  @Test
  public void maxRejectRatePerReason() throws Exception {
    failsThenPasses(
        "reason",
        twenty,
        "max_reject_rate.cancellation=0.19",
        "max_reject_rate.bad_date=0",
        "max_reject_rate.cancellation: 0.2000 > limit 0.1900");
  }

  @Test
  public void minRowsRead() throws Exception {
    failsThenPasses(
        "rows", twenty, "min_rows_read=51", "min_rows_read=50", "min_rows_read: 50 < limit 51");
  }

  @Test
  public void minCustomers() throws Exception {
    failsThenPasses(
        "customers",
        twenty,
        "min_customers=21",
        "min_customers=20",
        "min_customers: 20 < limit 21");
  }

  @Test
  public void maxCustomersChangeAgainstThePreviousRun() throws Exception {
    // 20 customers published, then 15: a change of 5/20
    failsThenPasses(
        "change",
        fifteen,
        "max_customers_change=0.2",
        "max_customers_change=0.25",
        "max_customers_change: 0.2500 > limit 0.2000");
  }

  @Test
  public void warnReportsWithoutFailing() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("warn");
    CliRun warned = run(twenty, out, "--check", "max_reject_rate=0.1", "--checks", "warn");
    assertThat(warned.toString(), warned.exitCode(), equalTo(0));
    assertThat(
        warned.err(),
        containsString("warning: check failed: max_reject_rate: 0.2000 > limit 0.1000"));
    JsonNode checks = manifest(out).path("checks");
    assertThat(checks.path("mode").asText(), equalTo("warn"));
    assertThat(checks.path("failed").get(0).asText(), equalTo("max_reject_rate"));
    assertThat(checks.path("results").get(0).path("value").asDouble(), closeTo(0.2, 1e-12));
    assertThat(manifest(out).path("status").asText(), equalTo("complete"));
  }

  @Test
  public void checksFromTheConfigFileAndUnknownOnesRefused() throws Exception {
    Path config = TMP.getRoot().toPath().resolve("checks.yaml");
    Files.writeString(config, "checks:\n  min_customers: 25\n");
    Path out = TMP.getRoot().toPath().resolve("config");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            twenty.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--quiet");
    assertThat(r.toString(), r.exitCode(), equalTo(7));
    assertThat(r.err(), containsString("min_customers: 20 < limit 25"));

    CliRun unknown = run(twenty, out, "--check", "max_rejects=0.1");
    assertThat(unknown.exitCode(), equalTo(2));
    assertThat(unknown.segflowErrors(), containsString("unknown check 'max_rejects'"));
    CliRun badReason = run(twenty, out, "--check", "max_reject_rate.nope=0.1");
    assertThat(badReason.exitCode(), equalTo(2));
    assertThat(badReason.segflowErrors(), containsString("unknown reject reason 'nope'"));
  }
}
