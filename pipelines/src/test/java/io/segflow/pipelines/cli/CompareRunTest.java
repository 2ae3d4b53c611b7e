// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RfmAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --algorithm compare} on the shipped sample: one run. */
public class CompareRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static CliRun run;
  private static SegflowOutput out;

  @BeforeClass
  public static void runCompare() {
    Path output = TMP.getRoot().toPath().resolve("compare");
    run =
        CliRun.of(
            "run",
            "--input",
            SampleRunTest.SAMPLE.toString(),
            "--output",
            output.toString(),
            "--algorithm",
            "compare");
    if (run.exitCode() == 0) {
      out = SegflowOutput.read(output);
    }
  }

  private static Map<String, Integer> sizes(JsonNode method) {
    Map<String, Integer> sizes = new LinkedHashMap<>();
    Iterator<Map.Entry<String, JsonNode>> it = method.path("sizes").fields();
    while (it.hasNext()) {
      Map.Entry<String, JsonNode> e = it.next();
      sizes.put(e.getKey(), e.getValue().asInt());
    }
    return sizes;
  }

  @Test
  public void comparisonJsonHasBothMethodsCoveringEveryCustomer() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    OutputAssertions.assertCompleteAndConsistent(out);
    JsonNode comparison = out.json("comparison.json");
    JsonNode methods = comparison.path("methods");
    assertThat(methods.size(), equalTo(2));
    List<String> algorithms = new ArrayList<>();
    for (JsonNode m : methods) {
      algorithms.add(m.path("algorithm").asText());
      int sum = sizes(m).values().stream().mapToInt(Integer::intValue).sum();
      assertThat(m.path("algorithm").asText() + " sizes", sum, equalTo(out.customers.size()));
      assertThat(sizes(m).size(), equalTo(m.path("segments").asInt()));
    }
    assertThat(algorithms, equalTo(List.of("kmeans", "dbscan")));
    double ari = comparison.path("adjusted_rand_index").asDouble(Double.NaN);
    assertThat(ari, greaterThanOrEqualTo(-1.0));
    assertThat(ari, lessThanOrEqualTo(1.0));
    List<String> outputs = new ArrayList<>();
    out.manifest.path("outputs").forEach(o -> outputs.add(o.asText()));
    assertThat(outputs.contains("comparison.json"), is(true));
  }

  @Test
  public void theWrittenSegmentationIsKMeans() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    JsonNode model = out.json("model.json");
    assertThat(model.path("algorithm").asText(), equalTo("kmeans"));
    assertThat(model.path("chosen_k").asInt(), greaterThanOrEqualTo(2));
    RfmAssertions.assertSegmentKinds(out, "kmeans");
    // the customers carry k-means' segments: their counts are k-means' sizes in comparison.json
    Map<String, Integer> counted = new TreeMap<>();
    for (CustomerRecord c : out.customers) {
      counted.merge(c.getSegmentId() + " " + c.getSegmentName(), 1, Integer::sum);
    }
    JsonNode kmeans = out.json("comparison.json").path("methods").get(0);
    assertThat(new TreeMap<>(sizes(kmeans)), equalTo(counted));
    assertThat(model.path("chosen_k").asInt(), equalTo(kmeans.path("segments").asInt()));
  }

  @Test
  public void summaryPrintsTheAgreement() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    assertThat(run.out(), containsString("adjusted Rand index"));
    assertThat(run.out(), containsString("Method comparison"));
  }

  @Test
  public void reportShowsTheComparison() throws Exception {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    String html = Files.readString(out.dir.resolve("report.html"));
    assertThat(html, containsString("Method comparison"));
    assertThat(html, containsString("adjusted Rand index"));
  }
}
