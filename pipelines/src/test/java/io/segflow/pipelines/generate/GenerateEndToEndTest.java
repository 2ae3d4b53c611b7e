// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;

import io.segflow.models.ClusterMetrics;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** segflow generate, then segflow run on its output: the segments recover the latent types. */
public class GenerateEndToEndTest {
  @Rule public TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void segmentsRecoverTheTrueTypes() throws Exception {
    Path data = tmp.newFolder("data").toPath();
    CliRun gen =
        CliRun.of(
            "generate",
            "--rows",
            "20000",
            "--customers",
            "600",
            "--seed",
            "42",
            "--output",
            data.toString());
    assertThat(gen.toString(), gen.exitCode(), is(0));
    assertThat(gen.out(), containsString("20,000 rows"));

    Map<String, String> trueType = new HashMap<>();
    List<String> types = Files.readAllLines(data.resolve(TransactionGenerator.TYPES_FILE));
    for (String line : types.subList(1, types.size())) {
      String[] f = line.split(",", -1);
      trueType.put(f[0], f[1]);
    }
    int k = (int) trueType.values().stream().distinct().count();

    Path out = tmp.getRoot().toPath().resolve("out");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            data.resolve("transactions.csv").toString(),
            "--output",
            out.toString(),
            "--k",
            String.valueOf(k));
    assertThat(run.toString(), run.exitCode(), is(0));

    SegflowOutput o = SegflowOutput.read(out);
    assertThat(o.rowsRead(), is(20_000L));
    assertThat(o.manifestRejectedByReason().get("missing_customer_id"), greaterThan(0L));
    assertThat(o.manifestRejectedByReason().get("cancellation"), greaterThan(0L));
    assertThat(o.manifestRejectedByReason().get("duplicate_row"), greaterThan(0L));
    assertThat(o.manifestRejectedByReason().get("non_positive_price"), greaterThan(0L));
    List<CustomerRecord> customers = o.customers;
    assertThat(customers.size(), greaterThan(590));
    int[] segment = new int[customers.size()];
    int[] truth = new int[customers.size()];
    Map<String, Integer> typeIndex = new HashMap<>();
    for (int i = 0; i < customers.size(); i++) {
      CustomerRecord c = customers.get(i);
      segment[i] = c.getSegmentId();
      String t = trueType.get(c.getCustomerId());
      truth[i] = typeIndex.computeIfAbsent(t, x -> typeIndex.size());
    }
    double ari = ClusterMetrics.adjustedRandIndex(segment, truth);
    System.out.printf(
        "generate → run: adjusted Rand index %.4f over %d customers%n", ari, customers.size());
    assertThat("ARI " + ari, ari, greaterThanOrEqualTo(0.9));
  }

  @Test
  public void badValuesExitWithUsageCode() throws Exception {
    String dir = tmp.newFolder("bad").toString();
    String[][] bad = {
      {"--rows", "10", "--customers", "100"},
      {"--rows", "100", "--customers", "0"},
      {"--rows", "100", "--customers", "10", "--defect-rate", "0.9"},
      {"--rows", "100", "--customers", "10", "--files", "0"},
      {"--rows", "many", "--customers", "10"},
      {"--customers", "10"},
    };
    for (String[] args : bad) {
      String[] full = new String[args.length + 3];
      full[0] = "generate";
      System.arraycopy(args, 0, full, 1, args.length);
      full[args.length + 1] = "--output";
      full[args.length + 2] = dir;
      CliRun r = CliRun.of(full);
      assertThat(String.join(" ", full) + "\n" + r, r.exitCode(), is(2));
      assertThat(r.toString(), r.segflowErrors(), containsString("segflow: "));
    }
  }

  @Test
  public void writesSplitGzipFilesFromTheCommandLine() throws Exception {
    Path data = tmp.newFolder("split").toPath();
    CliRun gen =
        CliRun.of(
            "generate",
            "--rows",
            "3000",
            "--customers",
            "100",
            "--files",
            "3",
            "--gzip",
            "--output",
            data.toString());
    assertThat(gen.toString(), gen.exitCode(), is(0));
    for (int f = 1; f <= 3; f++) {
      assertThat(Files.exists(data.resolve(TransactionGenerator.fileName(f, 3, true))), is(true));
    }
    assertThat(Files.exists(data.resolve("types.csv")), is(true));
    assertThat(gen.out(), containsString("time"));
  }
}
