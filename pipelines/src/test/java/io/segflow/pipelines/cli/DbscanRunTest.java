// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RfmAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** {@code --algorithm dbscan} (eps auto) on the shipped sample: one run. */
public class DbscanRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static CliRun run;
  private static SegflowOutput out;

  @BeforeClass
  public static void runDbscan() {
    Path output = TMP.getRoot().toPath().resolve("dbscan");
    run =
        CliRun.of(
            "run",
            "--input",
            SampleRunTest.SAMPLE.toString(),
            "--output",
            output.toString(),
            "--algorithm",
            "dbscan");
    if (run.exitCode() == 0) {
      out = SegflowOutput.read(output);
    }
  }

  private static Map<Integer, SegmentRecord> dbscanSegments() {
    Map<Integer, SegmentRecord> byId = new TreeMap<>();
    for (SegmentRecord s : out.segments()) {
      if (s.getKind().equals("dbscan")) {
        assertThat(
            "segment " + s.getSegmentId() + " twice", byId.put(s.getSegmentId(), s), equalTo(null));
      }
    }
    return byId;
  }

  @Test
  public void outliersAreSegmentZeroAmongTheSegments() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    OutputAssertions.assertCompleteAndConsistent(out);
    Map<Integer, SegmentRecord> segments = dbscanSegments();
    assertThat(segments.containsKey(0), is(true));
    assertThat(segments.get(0).getSegmentName(), equalTo("Unusual / outliers"));
    assertThat(segments.get(0).getSize(), greaterThan(0L));
    assertThat("at least one dense segment", segments.containsKey(1), is(true));
    assertThat(out.json("model.json").path("noise").asLong(), equalTo(segments.get(0).getSize()));
    assertThat(run.out(), containsString("Unusual / outliers"));
  }

  @Test
  public void everyCustomerHasADbscanSegment() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    Map<Integer, SegmentRecord> segments = dbscanSegments();
    for (CustomerRecord c : out.customers) {
      assertThat(c.getCustomerId(), c.getSegmentId(), notNullValue());
      SegmentRecord s = segments.get(c.getSegmentId());
      assertThat(
          "segment " + c.getSegmentId() + " of " + c.getCustomerId() + " is profiled",
          s,
          notNullValue());
      assertThat(c.getSegmentName(), equalTo(s.getSegmentName()));
    }
    // segments/ has the dbscan records and, as always, the rfm ones; sizes = customers' labels
    RfmAssertions.assertSegmentKinds(out, "dbscan");
    RfmAssertions.assertEveryCustomerScored(out.customers);
  }

  @Test
  public void modelJsonRecordsEpsAndTheKDistanceCurve() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    JsonNode model = out.json("model.json");
    assertThat(model.path("algorithm").asText(), equalTo("dbscan"));
    double eps = model.path("settings").path("eps").asDouble();
    assertThat(eps, greaterThan(0.0));
    assertThat(model.path("settings").path("eps_source").asText(), equalTo("knee"));
    assertThat(model.path("settings").path("min_points").asInt(), equalTo(6)); // 5 features + 1
    JsonNode curve = model.path("k_distance_curve");
    assertThat(curve.isObject(), is(true));
    assertThat(curve.path("customers").asInt(), equalTo(out.customers.size()));
    assertThat(curve.path("knee_distance").asDouble(), closeTo(eps, 0));
    JsonNode points = curve.path("points");
    assertThat(points.size(), greaterThan(100));
    for (int i = 1; i < points.size(); i++) {
      assertThat(
          "ranks ascend",
          points.get(i).get(0).asInt(),
          greaterThan(points.get(i - 1).get(0).asInt()));
      assertThat(
          "k-distances sorted",
          points.get(i).get(1).asDouble(),
          greaterThanOrEqualTo(points.get(i - 1).get(1).asDouble()));
    }
    RfmAssertions.assertRfmSection(model);
    assertThat(
        "no comparison without --algorithm compare",
        Files.exists(out.dir.resolve("comparison.json")),
        is(false));
  }

  @Test
  public void reportShowsTheKDistanceCurveWithEps() throws Exception {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    String html = Files.readString(out.dir.resolve("report.html"));
    assertThat(html, containsString("k-distance curve"));
    assertThat(html, containsString("class=\"mark-y\""));
    assertThat(html, containsString("Unusual / outliers"));
  }
}
