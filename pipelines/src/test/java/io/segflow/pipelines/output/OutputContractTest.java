// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.startsWith;

import io.segflow.pipelines.testing.CliRun;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The records of the output contract describe the JSON files a run writes completely: reading a
 * file into its record and writing the record again gives the file's bytes back, for a k-means run
 * trained on a sample, a comparison run, a DBSCAN run, a retraining matched to an earlier model and
 * a run scored with a saved model (clv.json and model.json's clv section: fitted in the run, with a
 * holdout check, and a saved model's). Clock readings are only in _timings.json.
 */
public class OutputContractTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  private static Path sampled;
  private static Path compare;
  private static Path dbscan;
  private static Path matched;
  private static Path scored;

  @BeforeClass
  public static void runAll() {
    Path root = TMP.getRoot().toPath();
    sampled = run(root.resolve("sampled"), "--sample-threshold=150", "--sample-size=100");
    compare = run(root.resolve("compare"), "--algorithm=compare", "--clv-holdout-days=90");
    dbscan =
        run(
            root.resolve("dbscan"),
            "--algorithm=dbscan",
            "--sample-threshold=150",
            "--sample-size=100");
    matched = run(root.resolve("matched"), "--previous-model=" + sampled, "--seed=7");
    scored = run(root.resolve("scored"), "--model=" + dbscan);
  }

  private static Path run(Path output, String... flags) {
    List<String> args =
        new java.util.ArrayList<>(
            List.of("run", "--no-report", "--input", SAMPLE.toString(), "--output"));
    args.add(output.toString());
    args.addAll(List.of(flags));
    CliRun r = CliRun.of(args.toArray(new String[0]));
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    return output;
  }

  @Test
  public void everyJsonFileRoundTripsThroughItsRecord() throws IOException {
    for (Path dir : List.of(sampled, compare, dbscan, matched, scored)) {
      assertRoundTrip(dir.resolve(RunManifest.FILE), RunManifest.class);
      assertRoundTrip(dir.resolve(ModelDescription.FILE), ModelDescription.class);
      assertRoundTrip(dir.resolve(RunTimings.FILE), RunTimings.class);
      assertRoundTrip(dir.resolve(ClvDescription.FILE), ClvDescription.class);
    }
    assertRoundTrip(compare.resolve(Comparison.FILE), Comparison.class);
  }

  @Test
  public void theRecordsCoverEveryKindOfModel() throws IOException {
    assertThat(ModelDescription.read(sampled).trainingSample(), notNullValue());
    assertThat(ModelDescription.read(dbscan).kDistanceCurve(), notNullValue());
    assertThat(ModelDescription.read(dbscan).trainingSample(), notNullValue());
    assertThat(ModelDescription.read(matched).segmentMatching(), notNullValue());
    assertThat(ModelDescription.read(scored).isScoredWithSavedModel(), is(true));
    assertThat(ModelDescription.read(scored).numericSetting("eps") > 0, is(true));
    assertThat(Comparison.read(compare).methods().size(), equalTo(2));
    assertThat(ClvDescription.read(compare).holdout().calibrationFit(), notNullValue());
    assertThat(ClvDescription.read(scored).fitted(), startsWith("no: "));
    for (Path dir : List.of(sampled, compare, dbscan, matched, scored)) {
      assertThat(ModelDescription.read(dir).clv(), equalTo(ClvDescription.read(dir)));
    }
  }

  @Test
  public void trainingTimesAreOnlyInTimings() throws IOException {
    for (Path dir : List.of(sampled, compare, dbscan, matched)) {
      assertThat(read(dir.resolve(ModelDescription.FILE)), not(containsString("_ms\"")));
      assertThat(RunTimings.read(dir).modelTrainingMs().isEmpty(), is(false));
      assertThat(RunTimings.read(dir).timingsMs().containsKey("total"), is(true));
      // the segmentation stage's steps after training have their own processing times
      assertThat(
          RunTimings.read(dir).stageMetrics().keySet(),
          hasItems("train_millis", "assign_millis", "profile_millis", "profile_rfm_millis"));
    }
    assertThat(read(compare.resolve(Comparison.FILE)), not(containsString("millis")));
    assertThat(
        RunTimings.read(compare).comparisonTrainingMs().keySet(),
        equalTo(Set.of("kmeans", "dbscan")));
    assertThat(RunTimings.read(scored).modelTrainingMs() == null, is(true));
    assertThat(read(scored.resolve(RunManifest.FILE)), not(containsString("finished_at")));
  }

  @Test
  public void readsManifestsWithFieldsItDoesNotKnow() throws IOException {
    Path dir = TMP.newFolder("other-version").toPath();
    Files.writeString(
        dir.resolve(RunManifest.FILE),
        "{\"tool\":\"segflow\",\"status\":\"complete\",\"finished_at\":\"2011-12-10T00:00:00Z\","
            + "\"timings_ms\":{\"total\":5},\"rows\":{\"read\":3,\"used\":2,\"rejected\":1,"
            + "\"rejected_by_reason\":{\"bad_date\":1},\"new_count\":7},\"customers\":2,"
            + "\"as_of_date\":\"2011-12-10\",\"a_later_field\":[1,2]}");
    RunManifest m = RunManifest.read(dir);
    assertThat(m.rows().rejectedByReason().get("bad_date"), equalTo(1L));
    assertThat(m.asOf(), equalTo(java.time.LocalDate.of(2011, 12, 10)));
    assertThat(RunManifest.isSegflowOutput(dir), is(true));
  }

  @Test
  public void onlyASegflowManifestMakesASegflowOutput() throws IOException {
    Path other = TMP.newFolder("other-tool").toPath();
    Files.writeString(other.resolve(RunManifest.FILE), "{\"tool\":\"not-segflow\"}");
    Path array = TMP.newFolder("array").toPath();
    Files.writeString(array.resolve(RunManifest.FILE), "[\"tool\", \"segflow\"]");
    Path text = TMP.newFolder("text").toPath();
    Files.writeString(text.resolve(RunManifest.FILE), "\"tool\" : \"segflow\"");
    assertThat(RunManifest.isSegflowOutput(other), is(false));
    assertThat(RunManifest.isSegflowOutput(array), is(false));
    assertThat(RunManifest.isSegflowOutput(text), is(false));
    assertThat(RunManifest.isSegflowOutput(sampled), is(true));
  }

  private static <T> void assertRoundTrip(Path file, Class<T> type) throws IOException {
    String written = read(file);
    String again =
        new String(OutputJson.bytes(OutputJson.read(file, type)), StandardCharsets.UTF_8);
    assertThat(file.toString(), again, equalTo(written));
  }

  private static String read(Path file) throws IOException {
    return Files.readString(file);
  }
}
