// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.generate;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.models.ClusterMetrics;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * 20,000 generated customers of four known types (600,000 rows), run end to end with the sampling
 * threshold lowered to 5,000 (training on 3,000) and without sampling: both recover the types, the
 * sampled run is the same whatever the sharding, and model.json says how the sample did on
 * everyone.
 */
public class SampledTrainingRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path data;
  private static Map<String, Integer> trueType;

  @BeforeClass
  public static void generate() throws IOException {
    data = TMP.newFolder("data").toPath();
    CliRun gen =
        CliRun.of(
            "generate",
            "--rows",
            "600000",
            "--customers",
            "20000",
            "--seed",
            "7",
            "--output",
            data.toString());
    assertThat(gen.toString(), gen.exitCode(), is(0));
    trueType = new HashMap<>();
    Map<String, Integer> typeIndex = new HashMap<>();
    List<String> lines = Files.readAllLines(data.resolve(TransactionGenerator.TYPES_FILE));
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      trueType.put(f[0], typeIndex.computeIfAbsent(f[1], t -> typeIndex.size()));
    }
  }

  private static SegflowOutput run(String name, String... flags) {
    Path out = TMP.getRoot().toPath().resolve(name);
    String[] args = new String[flags.length + 8];
    String[] fixed = {
      "run",
      "--input",
      data.resolve("transactions.csv").toString(),
      "--output",
      out.toString(),
      "--k",
      "4"
    };
    System.arraycopy(fixed, 0, args, 0, fixed.length);
    System.arraycopy(flags, 0, args, fixed.length, flags.length);
    args[args.length - 1] = "--quiet";
    CliRun r = CliRun.of(args);
    assertThat(r.toString(), r.exitCode(), is(0));
    assertThat("progress never goes to stdout", r.out(), not(containsString("elapsed")));
    assertThat("--quiet: no progress lines", r.err(), not(containsString(" elapsed")));
    return SegflowOutput.read(out);
  }

  private static double adjustedRandIndex(SegflowOutput o) {
    List<CustomerRecord> customers = o.customers;
    int[] segment = new int[customers.size()];
    int[] truth = new int[customers.size()];
    for (int i = 0; i < customers.size(); i++) {
      segment[i] = customers.get(i).getSegmentId();
      truth[i] = trueType.get(customers.get(i).getCustomerId());
    }
    return ClusterMetrics.adjustedRandIndex(segment, truth);
  }

  private static byte[] bytes(Path file) throws IOException {
    return Files.readAllBytes(file);
  }

  @Test
  public void bothRecoverTheTypesAndTheSampleIsDeterministic() throws IOException {
    SegflowOutput sampled = run("sampled", "--sample-threshold", "5000", "--sample-size", "3000");
    SegflowOutput full = run("full");
    SegflowOutput resharded =
        run(
            "resharded",
            "--sample-threshold",
            "5000",
            "--sample-size",
            "3000",
            "--customer-shards",
            "7",
            "--block-size",
            "5000");

    double ariSampled = adjustedRandIndex(sampled);
    double ariFull = adjustedRandIndex(full);
    JsonNode m = sampled.json("model.json");
    JsonNode all = m.path("training_sample").path("all_customers");
    JsonNode fullModel = full.json("model.json");
    double fullFitWcss = fullModel.path("k_scan").get(0).path("wcss").asDouble();
    System.out.printf(
        "sampling: ARI %.4f with a 3,000 sample, %.4f on all %d customers; cost of "
            + "all customers under the sample's centroids %.1f (%.4f per customer, sample's own %.4f, "
            + "ratio %.4f); the full fit's WCSS %.1f (ratio %.4f)%n",
        ariSampled,
        ariFull,
        sampled.customers.size(),
        all.path("model_cost").asDouble(),
        all.path("model_cost_per_customer").asDouble(),
        all.path("sample_wcss_per_customer").asDouble(),
        all.path("cost_ratio").asDouble(),
        fullFitWcss,
        all.path("model_cost").asDouble() / fullFitWcss);

    assertThat("ARI with sampling " + ariSampled, ariSampled, greaterThanOrEqualTo(0.9));
    assertThat("ARI without sampling " + ariFull, ariFull, greaterThanOrEqualTo(0.9));

    assertThat(m.path("customers").asLong(), is((long) sampled.customers.size()));
    assertThat(m.path("training_customers").asInt(), is(3000));
    assertThat(m.path("training_sample").path("sample_size").asInt(), is(3000));
    assertThat(m.path("training_sample").path("method").asText(), containsString("bottom-k"));
    assertThat(m.path("training_sample").path("profiles").asText(), containsString("sketch"));
    assertThat(all.path("customers").asLong(), is((long) sampled.customers.size()));
    assertThat(all.path("cost_ratio").asDouble(), closeTo(1.0, 0.1));
    assertThat(
        "the sample's centroids cost the data little more than a fit on all of it",
        all.path("model_cost").asDouble() / fullFitWcss,
        lessThan(1.05));
    assertThat(
        all.path("model_cost").asDouble(),
        greaterThanOrEqualTo(all.path("wcss_around_segment_means").asDouble()));
    assertThat(all.path("calinski_harabasz").asDouble(), greaterThan(0.0));
    assertThat(all.path("davies_bouldin").asDouble(), greaterThan(0.0));

    assertThat(
        Files.readString(sampled.dir.resolve("report.html")),
        containsString("Trained on a sample of <b>3,000</b>"));
    assertThat(
        Files.readString(full.dir.resolve("report.html")),
        containsString("Silhouette: silhouette on a seeded sample of 10,000"));
    assertThat("no sample below the threshold", fullModel.has("training_sample"), is(false));
    assertThat(fullModel.path("customers").asLong(), is((long) full.customers.size()));
    assertThat(
        "20,000 customers: silhouette on a 10,000 sample",
        fullModel.path("silhouette_customers").asInt(),
        is(10_000));
    assertThat(fullModel.path("silhouette_note").asText(), containsString("seeded sample"));

    // Same seed → same sample → same outputs, whatever the sharding.
    for (String file :
        List.of("customers/part-00000-of-00001.avro", "segments/part-00000-of-00001.avro")) {
      assertThat(file, bytes(resharded.dir.resolve(file)), is(bytes(sampled.dir.resolve(file))));
    }
    ObjectNode a = (ObjectNode) m.deepCopy();
    ObjectNode b = (ObjectNode) resharded.json("model.json").deepCopy();
    a.remove("training_timings_ms");
    b.remove("training_timings_ms");
    assertThat(b, is(a));
  }

  @Test
  public void dbscanTrainsOnTheSampleAndScoresEveryoneByNearestCore() {
    SegflowOutput o =
        run(
            "dbscan",
            "--algorithm",
            "dbscan",
            "--sample-threshold",
            "5000",
            "--sample-size",
            "3000");
    JsonNode m = o.json("model.json");
    JsonNode all = m.path("training_sample").path("all_customers");
    assertThat(m.path("algorithm").asText(), is("dbscan"));
    assertThat(m.path("training_customers").asInt(), is(3000));
    assertThat(all.path("customers").asLong(), is((long) o.customers.size()));
    double noiseShareAll = all.path("noise").asDouble() / o.customers.size();
    System.out.printf(
        "DBSCAN on a 3,000 sample: noise %.2f%% of the sample, %.2f%% of all " + "%d customers%n",
        100 * m.path("noise_share").asDouble(), 100 * noiseShareAll, o.customers.size());
    assertThat(
        "nearest-core scoring keeps the noise share of the sample",
        noiseShareAll,
        closeTo(m.path("noise_share").asDouble(), 0.05));
    long noise = o.customers.stream().filter(c -> c.getSegmentId() == 0).count();
    assertThat(noise, is(all.path("noise").asLong()));
  }
}
