// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.Assume;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The gates that compare segments with the previous run, and the silhouette gate, on the shipped
 * sample: the shipped sample as of 2011-09-01 is published, then as of 2011-12-10 with limits it
 * breaks. The values the run reports are checked against the two runs' customers compared here;
 * limits at those values then let the run publish. Plus the full Online Retail file (when present):
 * 27.5 % of its rows are rejected, so --check max_reject_rate=0.1 stops it.
 */
public class SegmentGatesRunTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  static final Path FULL = Path.of("../../shared/data/online_retail.csv.gz");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static CliRun run(Path out, String asOf, String... checks) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                SAMPLE.toString(),
                "--output",
                out.toString(),
                "--as-of",
                asOf,
                "--k",
                "3",
                "--no-report",
                "--quiet"));
    for (String c : checks) {
      args.add("--check");
      args.add(c);
    }
    return CliRun.of(args.toArray(new String[0]));
  }

  private static double value(JsonNode manifest, String check) {
    for (JsonNode r : manifest.path("checks").path("results")) {
      if (r.path("name").asText().equals(check)) {
        return r.path("value").asDouble();
      }
    }
    throw new AssertionError("no result for " + check + " in " + manifest.path("checks"));
  }

  @Test
  public void segmentMovesShareChangesAndSilhouette() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("segments");
    CliRun first = run(out, "2011-09-01");
    assertThat(first.toString(), first.exitCode(), equalTo(0));
    SegflowOutput before = SegflowOutput.read(out);

    CliRun broken =
        run(
            out,
            "2011-12-10",
            "max_segment_moved_share=0",
            "max_segment_share_change=0",
            "min_silhouette=0.99");
    assertThat(broken.toString(), broken.exitCode(), equalTo(7));
    assertThat(broken.err(), containsString("3 quality check(s) failed"));
    List<Path> kept = QualityGatesRunTest.failedFolders(out);
    assertThat(kept, hasSize(1));
    SegflowOutput after = SegflowOutput.read(kept.get(0));

    // Moved share and share change, computed here from the two runs' customers
    Map<String, Integer> was = new HashMap<>();
    for (CustomerRecord c : before.customers) {
      was.put(c.getCustomerId(), c.getSegmentId());
    }
    long both = 0;
    long moved = 0;
    Map<Integer, Integer> sizeAfter = new HashMap<>();
    Map<Integer, Integer> sizeBefore = new HashMap<>();
    for (CustomerRecord c : after.customers) {
      sizeAfter.merge(c.getSegmentId(), 1, Integer::sum);
      Integer old = was.get(c.getCustomerId());
      if (old != null) {
        both++;
        moved += old.equals(c.getSegmentId()) ? 0 : 1;
      }
    }
    before.customers.forEach(c -> sizeBefore.merge(c.getSegmentId(), 1, Integer::sum));
    TreeSet<Integer> ids = new TreeSet<>(sizeAfter.keySet());
    ids.addAll(sizeBefore.keySet());
    double shareChange = 0;
    for (int id : ids) {
      shareChange =
          Math.max(
              shareChange,
              Math.abs(
                  sizeAfter.getOrDefault(id, 0) / (double) after.customers.size()
                      - sizeBefore.getOrDefault(id, 0) / (double) before.customers.size()));
    }
    assertThat(both, greaterThan(0L));
    double movedShare = (double) moved / both;
    assertThat(value(after.manifest, "max_segment_moved_share"), closeTo(movedShare, 1e-12));
    assertThat(value(after.manifest, "max_segment_share_change"), closeTo(shareChange, 1e-12));
    double silhouette = Double.NaN;
    JsonNode model = after.json("model.json");
    for (JsonNode row : model.path("k_scan")) {
      if (row.path("k").asInt() == 3) {
        silhouette = row.path("silhouette").asDouble();
      }
    }
    assertThat(value(after.manifest, "min_silhouette"), closeTo(silhouette, 1e-12));

    CliRun kept2 =
        run(
            out,
            "2011-12-10",
            "max_segment_moved_share=" + (movedShare + 1e-9),
            "max_segment_share_change=" + (shareChange + 1e-9),
            "min_silhouette=" + (silhouette - 1e-9));
    assertThat(kept2.toString(), kept2.exitCode(), equalTo(0));
    assertThat(SegflowOutput.read(out).manifest.path("checks").path("failed").size(), equalTo(0));
  }

  @Test
  public void theFullOnlineRetailFileBreaksAMaxRejectRateOfTenPercent() throws Exception {
    Assume.assumeTrue(
        "full data set not present: " + FULL.toAbsolutePath(), Files.isRegularFile(FULL));
    Path out = TMP.getRoot().toPath().resolve("full");
    CliRun r =
        CliRun.of(
            "run",
            "--input",
            FULL.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--no-report",
            "--quiet",
            "--check",
            "max_reject_rate=0.1");
    assertThat(r.toString(), r.exitCode(), equalTo(7));
    // 541,909 rows read, 392,692 used (the reference figures): 149,217 / 541,909 rejected
    assertThat(r.err(), containsString("max_reject_rate: 0.2754 > limit 0.1000"));
    assertThat(Files.exists(out), equalTo(false));
  }
}
