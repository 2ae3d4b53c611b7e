// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.models.clv.BgNbdParams;
import io.segflow.models.clv.ClvFitter;
import io.segflow.models.clv.ClvTerms;
import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.models.clv.CustomerSummary;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.clv.ClvInputs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Train once, score many: a model trained on the sample as of 2011-09-01 scores the customers of
 * 2011-12-01 without retraining; a retraining keeps the model's ids; partitions by as-of date sit
 * side by side.
 */
public class TrainScoreRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SAMPLE = SampleRunTest.SAMPLE.toString();

  private static Path model;
  private static CliRun train;
  private static Path scores;
  private static CliRun score;

  @BeforeClass
  public static void trainAndScore() {
    model = TMP.getRoot().toPath().resolve("model-2011-09");
    train =
        CliRun.of(
            "train",
            "--input",
            SAMPLE,
            "--output",
            model.toString(),
            "--as-of",
            "2011-09-01",
            "--k",
            "4",
            "--no-report");
    scores = TMP.getRoot().toPath().resolve("scores");
    score =
        scoreOnSample(
            model.toString(),
            scores.toString(),
            "--as-of",
            "2011-12-01",
            "--partition-by-as-of",
            "--no-report");
  }

  /**
   * The saved parameters count in weeks; a score run asking for days keeps them (they are the
   * model) and clv.json says that clv.time_unit applies to a fit only.
   */
  @Test
  public void aSavedModelsTimeUnitWinsAndClvJsonSaysSo() {
    assertThat(train.toString(), train.exitCode(), is(0));
    Path output = TMP.getRoot().toPath().resolve("score-in-days");
    CliRun r =
        scoreOnSample(
            model.toString(),
            output.toString(),
            "--as-of",
            "2011-12-01",
            "--clv-time-unit",
            "day",
            "--no-report");
    assertThat(r.toString(), r.exitCode(), is(0));
    JsonNode clv = SegflowOutput.read(output).json("clv.json");
    assertThat(clv.path("time_unit").asText(), is("week"));
    assertThat(
        clv.path("time_unit_note").asText(),
        is("the saved model counts in weeks; clv.time_unit day applies to a fit only"));
    JsonNode trained = SegflowOutput.read(model).json("model.json").path("clv").path("bg_nbd");
    assertThat(clv.path("bg_nbd").path("alpha").asDouble(), is(trained.path("alpha").asDouble()));
  }

  /**
   * A saved model without a {@code clv} section (as written before the CLV stage existed): scoring
   * fits BG/NBD and Gamma-Gamma on the run's own customers and clv.json says it did.
   */
  @Test
  public void aSavedModelWithoutClvIsRefittedAndSaysSo() throws IOException {
    assertThat(train.toString(), train.exitCode(), is(0));
    Path old = TMP.getRoot().toPath().resolve("model-without-clv");
    Files.createDirectories(old);
    io.segflow.schemas.SegflowModel record =
        io.segflow.pipelines.model.SavedModels.read(
            model.resolve("model.avro").toString(), "--model");
    assertThat(record.getClv() == null, is(false));
    io.segflow.schemas.SegflowModel withoutClv =
        io.segflow.pipelines.model.ModelArtifact.withClv(record, null);
    try (var out = Files.newOutputStream(old.resolve("model.avro"))) {
      io.segflow.pipelines.model.ModelArtifact.write(withoutClv, out);
    }
    Path output = TMP.getRoot().toPath().resolve("score-old-model");
    CliRun r =
        scoreOnSample(
            old.resolve("model.avro").toString(),
            output.toString(),
            "--as-of",
            "2011-12-01",
            "--no-report");
    assertThat(r.toString(), r.exitCode(), is(0));
    JsonNode clv = SegflowOutput.read(output).json("clv.json");
    assertThat(clv.path("fitted").asText(), is("yes: on every customer of this run"));
    assertThat(r.out(), containsString("fitted on every customer of this run"));
    JsonNode trained = SegflowOutput.read(model).json("model.json").path("clv").path("bg_nbd");
    // fitted on the customers of 2011-12-01, not the trained parameters of 2011-09-01
    assertThat(clv.path("bg_nbd").path("r").asDouble() == trained.path("r").asDouble(), is(false));
    assertThat(
        clv.path("bg_nbd").path("customers").asLong(),
        is((long) SegflowOutput.read(output).customers.size()));
  }

  /** A holdout checks a fit of the run; score reuses the saved fit, so the two are refused. */
  @Test
  public void scoringWithAHoldoutIsRefused() {
    assertThat(train.toString(), train.exitCode(), is(0));
    Path output = TMP.getRoot().toPath().resolve("score-holdout");
    CliRun r =
        scoreOnSample(
            model.toString(),
            output.toString(),
            "--as-of",
            "2011-12-01",
            "--clv-holdout-days",
            "60",
            "--no-report");
    assertThat(r.toString(), r.exitCode(), is(2));
    assertThat(r.err(), containsString("--clv-holdout-days"));
    assertThat(r.err(), containsString("saved model"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  public void trainWritesAVersionedModelThatModelJsonNames() throws IOException {
    assertThat(train.toString(), train.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(model);
    OutputAssertions.assertCompleteAndConsistent(out);
    JsonNode json = out.json("model.json");
    assertThat(json.path("model_id").asText().length(), is(16));
    assertThat(out.manifest.path("outputs").toString(), containsString("model.avro"));
    assertThat(Files.size(model.resolve("model.avro")) > 0, is(true));
  }

  /**
   * Every scored customer is in the segment whose centroid, as model.json states it, is nearest to
   * the customer's scaled features: recomputed here from the JSON, not with Segflow's code.
   */
  @Test
  public void scoringAssignsEachCustomerToTheNearestSavedCentroid() {
    assertThat(score.toString(), score.exitCode(), is(0));
    Path partition = scores.resolve("as_of=2011-12-01");
    SegflowOutput out = SegflowOutput.read(partition);
    OutputAssertions.assertCompleteAndConsistent(out);
    JsonNode m = SegflowOutput.read(model).json("model.json");
    double[] center = doubles(m.path("scaler").path("center"));
    double[] scale = doubles(m.path("scaler").path("scale"));
    Map<Integer, double[]> centroids = new TreeMap<>();
    Map<Integer, String> names = new HashMap<>();
    for (JsonNode s : m.path("segments")) {
      centroids.put(s.path("segment_id").asInt(), doubles(s.path("centroid_scaled")));
      names.put(s.path("segment_id").asInt(), s.path("name").asText());
    }
    assertThat(out.customers.size() > 250, is(true));
    for (CustomerRecord c : out.customers) {
      double[] raw = {
        c.getRecencyDays(),
        c.getFrequency(),
        c.getMonetary(),
        c.getTotalQuantity(),
        c.getAvgBasketValue()
      };
      int nearest = -1;
      double best = Double.POSITIVE_INFINITY;
      for (Map.Entry<Integer, double[]> e : centroids.entrySet()) {
        double d = 0;
        for (int j = 0; j < raw.length; j++) {
          double x = (Math.log1p(raw[j]) - center[j]) / scale[j] - e.getValue()[j];
          d += x * x;
        }
        if (d < best) {
          best = d;
          nearest = e.getKey();
        }
      }
      assertThat(c.getCustomerId(), c.getSegmentId(), is(nearest));
      assertThat(c.getSegmentName(), is(names.get(nearest)));
      assertThat(String.valueOf(c.getAsOfDate()), is("2011-12-01"));
    }
  }

  @Test
  public void aScoreRunCarriesTheSavedModelUnchanged() throws IOException {
    assertThat(score.toString(), score.exitCode(), is(0));
    Path partition = scores.resolve("as_of=2011-12-01");
    assertThat(
        Files.readAllBytes(partition.resolve("model.avro")),
        equalTo(Files.readAllBytes(model.resolve("model.avro"))));
    JsonNode json = SegflowOutput.read(partition).json("model.json");
    JsonNode saved = json.path("scored_with_saved_model");
    assertThat(
        saved.path("model_id").asText(),
        is(SegflowOutput.read(model).json("model.json").path("model_id").asText()));
    assertThat(saved.path("trained_as_of").asText(), is("2011-09-01"));
    assertThat(score.out(), containsString("nothing was trained in this run"));
    CliRun report = CliRun.of("report", partition.toString());
    assertThat(report.toString(), report.exitCode(), is(0));
    assertThat(
        Files.readString(partition.resolve("report.html")),
        containsString("No model was trained in this run"));
  }

  /**
   * The score run predicts customer value with the CLV parameters saved by the training (as of
   * 2011-09-01), at its own as-of date, instead of fitting again on its customers.
   */
  @Test
  public void scoringReusesTheTrainedClvParametersWithoutRefitting() {
    assertThat(score.toString(), score.exitCode(), is(0));
    JsonNode trained = SegflowOutput.read(model).json("model.json").path("clv");
    assertThat(trained.path("fitted").asText(), startsWith("yes"));
    Path partition = scores.resolve("as_of=2011-12-01");
    SegflowOutput out = SegflowOutput.read(partition);
    JsonNode used = out.json("clv.json");
    assertThat(used.path("fitted").asText(), startsWith("no: parameters of the saved model"));
    assertThat(
        score.out(),
        containsString(
            "in weeks; parameters of the saved model "
                + SegflowOutput.read(model).json("model.json").path("model_id").asText()
                + ", not refitted):"));
    assertThat(used.path("as_of_date").asText(), is("2011-12-01"));
    assertThat(out.json("model.json").path("clv").path("bg_nbd"), equalTo(trained.path("bg_nbd")));
    for (String k : List.of("r", "alpha", "a", "b")) {
      assertThat(
          k, used.path("bg_nbd").path(k).asDouble(), is(trained.path("bg_nbd").path(k).asDouble()));
    }
    for (String k : List.of("p", "q", "v")) {
      assertThat(
          k,
          used.path("gamma_gamma").path(k).asDouble(),
          is(trained.path("gamma_gamma").path(k).asDouble()));
    }
    BgNbdParams params =
        new BgNbdParams(
            trained.path("bg_nbd").path("r").asDouble(),
            trained.path("bg_nbd").path("alpha").asDouble(),
            trained.path("bg_nbd").path("a").asDouble(),
            trained.path("bg_nbd").path("b").asDouble());
    ClvTerms terms = new ClvTerms();
    for (CustomerRecord c : out.customers) {
      CustomerSummary s = ClvInputs.summaryOf(c);
      terms.add(s);
      assertThat(
          c.getCustomerId(),
          c.getPAlive(),
          closeTo(
              params.probabilityAlive(
                  s.frequency(), s.recency(ClvTimeUnit.WEEK), s.age(ClvTimeUnit.WEEK)),
              1e-12));
    }
    // A refit on the scored customers would have given other parameters.
    double refitR = ClvFitter.create(ClvTimeUnit.WEEK).fit(terms).bgNbd().params().r();
    assertThat(Math.abs(refitR - params.r()) > 1e-3, is(true));
  }

  /** Each segment's profile gives the mean predicted value of its customers. */
  @Test
  public void segmentProfilesGiveTheirCustomersMeanPredictedValue() {
    assertThat(train.toString(), train.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(model);
    Map<Integer, double[]> sums = new HashMap<>(); // segment -> {n, p_alive, expected, clv}
    for (CustomerRecord c : out.customers) {
      double[] s = sums.computeIfAbsent(c.getSegmentId(), k -> new double[4]);
      s[0]++;
      s[1] += c.getPAlive();
      s[2] += c.getExpectedPurchases();
      s[3] += c.getClv();
    }
    int profiled = 0;
    for (io.segflow.schemas.SegmentRecord seg : out.segments()) {
      if (seg.getKind().equals("rfm")) {
        continue;
      }
      double[] s = sums.get(seg.getSegmentId());
      assertThat(seg.getMeanPAlive(), closeTo(s[1] / s[0], 1e-9));
      assertThat(seg.getMeanExpectedPurchases(), closeTo(s[2] / s[0], 1e-9));
      assertThat(seg.getMeanClv(), closeTo(s[3] / s[0], 1e-6));
      profiled++;
    }
    assertThat(profiled, is(4));
    assertThat(train.out(), containsString("p_alive exp purch        clv"));
  }

  /** Retraining on the same customers with the same settings must give back every id and name. */
  @Test
  public void retrainingOnTheSameDataKeepsEveryIdAndEveryCustomersSegment() {
    Path again = TMP.getRoot().toPath().resolve("again");
    CliRun retrain =
        CliRun.of(
            "train",
            "--previous-model",
            model.resolve("model.avro").toString(),
            "--input",
            SAMPLE,
            "--output",
            again.toString(),
            "--as-of",
            "2011-09-01",
            "--k",
            "4");
    assertThat(retrain.toString(), retrain.exitCode(), is(0));
    JsonNode matching = SegflowOutput.read(again).json("model.json").path("segment_matching");
    assertThat(retrain.out(), containsString("Segments matched to the previous model"));
    try {
      assertThat(
          Files.readString(again.resolve("report.html")),
          containsString("Segments matched to the previous model"));
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    assertThat(matching.path("retired").size(), is(0));
    for (JsonNode m : matching.path("matches")) {
      assertThat(m.toString(), m.path("status").asText(), is("matched"));
      assertThat(m.path("distance").asDouble(), lessThan(1e-9));
      assertThat(m.path("segment_id").asInt(), is(m.path("trained_id").asInt()));
    }
    Map<String, CustomerRecord> before = SegflowOutput.read(model).customersById();
    Map<String, CustomerRecord> after = SegflowOutput.read(again).customersById();
    int same = 0;
    for (Map.Entry<String, CustomerRecord> e : after.entrySet()) {
      CustomerRecord b = before.get(e.getKey());
      if (java.util.Objects.equals(b.getSegmentId(), e.getValue().getSegmentId())) {
        same++;
        assertThat(e.getValue().getSegmentName(), is(b.getSegmentName()));
      }
    }
    assertThat(same, is(after.size()));
  }

  @Test
  public void aRerunReplacesOnlyItsOwnPartition() throws IOException {
    Path root = TMP.getRoot().toPath().resolve("partitioned");
    CliRun first =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            root.toString(),
            "--partition-by-as-of",
            "--as-of",
            "2011-10-01",
            "--no-segmentation",
            "--no-report");
    CliRun second =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            root.toString(),
            "--partition-by-as-of",
            "--no-segmentation",
            "--no-report");
    assertThat(first.toString(), first.exitCode(), is(0));
    assertThat(second.toString(), second.exitCode(), is(0));
    // without --as-of the partition is named after the date computed from the data
    assertThat(Files.isDirectory(root.resolve("as_of=2011-12-10")), is(true));
    Path october = root.resolve("as_of=2011-10-01");
    Map<String, String> octoberFiles = digests(october);
    long octoberCustomers = SegflowOutput.read(october).customers.size();

    CliRun rerun =
        CliRun.of(
            "run",
            "--input",
            SAMPLE,
            "--output",
            root.toString(),
            "--partition-by-as-of",
            "--no-segmentation",
            "--no-report",
            "--customer-shards",
            "7");
    assertThat(rerun.toString(), rerun.exitCode(), is(0));
    assertThat(digests(october), equalTo(octoberFiles));
    assertThat(SegflowOutput.read(october).customers.size(), is((int) octoberCustomers));
    assertThat(
        SegflowOutput.leftoversBeside(root.resolve("as_of=2011-12-10")), is(java.util.List.of()));
    try (var names = Files.list(root)) {
      assertThat(
          names
              .map(p -> p.getFileName().toString())
              .filter(n -> !n.endsWith(".segflow-lock")) // the partitions' lock files stay
              .sorted()
              .toList(),
          is(java.util.List.of("as_of=2011-10-01", "as_of=2011-12-10")));
    }
  }

  /**
   * A scheduler's retry: the same partition run again leaves every file but _timings.json as it
   * was.
   */
  @Test
  public void aRepeatedRunLeavesEveryFileIdentical() throws IOException {
    Path root = TMP.getRoot().toPath().resolve("retry");
    String[] args = {
      "score",
      "--model",
      model.toString(),
      "--input",
      SAMPLE,
      "--output",
      root.toString(),
      "--as-of",
      "2011-11-01",
      "--partition-by-as-of"
    };
    CliRun first = CliRun.of(args);
    assertThat(first.toString(), first.exitCode(), is(0));
    Map<String, String> before = allFiles(root.resolve("as_of=2011-11-01"));
    CliRun again = CliRun.of(args);
    assertThat(again.toString(), again.exitCode(), is(0));
    Map<String, String> after = allFiles(root.resolve("as_of=2011-11-01"));
    assertThat(after.keySet(), equalTo(before.keySet()));
    for (String name : before.keySet()) {
      if (!name.equals("_timings.json")) {
        assertThat(name, after.get(name), equalTo(before.get(name)));
      }
    }
    assertThat(
        before.keySet().contains("report.html")
            && before.keySet().contains("manifest.json")
            && before.keySet().contains("model.json")
            && before.keySet().contains("crm/customers.csv"),
        is(true));
  }

  private static Map<String, String> allFiles(Path dir) throws IOException {
    Map<String, String> out = new TreeMap<>();
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        out.put(dir.relativize(p).toString(), java.util.Arrays.toString(Files.readAllBytes(p)));
      }
    }
    return out;
  }

  @Test
  public void modelProblemsStopWithMessagesThatSayWhatToDo() throws IOException {
    Path out = TMP.getRoot().toPath().resolve("never");
    CliRun missing =
        scoreOnSample(TMP.getRoot().toPath().resolve("nope").toString(), out.toString());
    assertThat(missing.exitCode(), is(3));
    assertThat(missing.segflowErrors(), containsString("no saved model there"));

    assertThat(train.exitCode(), is(0));
    Path damaged = TMP.getRoot().toPath().resolve("damaged.avro");
    byte[] bytes = Files.readAllBytes(model.resolve("model.avro"));
    String text = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1);
    int at = text.indexOf("High-value");
    bytes[at] = 'h'; // an edited segment name
    Files.write(damaged, bytes);
    CliRun edited = scoreOnSample(damaged.toString(), out.toString());
    assertThat(edited.exitCode(), is(3));
    assertThat(edited.segflowErrors(), containsString("damaged or was edited"));

    CliRun noModel = CliRun.of("score", "--input", SAMPLE, "--output", out.toString());
    assertThat(noModel.exitCode(), is(2));
    assertThat(noModel.segflowErrors(), containsString("needs --model"));

    CliRun both =
        CliRun.of(
            "run",
            "--model",
            model.toString(),
            "--previous-model",
            model.toString(),
            "--input",
            SAMPLE,
            "--output",
            out.toString());
    assertThat(both.exitCode(), is(2));
    assertThat(both.segflowErrors(), containsString("give one of them"));

    CliRun otherFeatures =
        CliRun.of(
            "train",
            "--previous-model",
            model.toString(),
            "--features",
            "recency_days,frequency,monetary",
            "--input",
            SAMPLE,
            "--output",
            out.toString());
    assertThat(otherFeatures.exitCode(), is(2));
    assertThat(otherFeatures.segflowErrors(), containsString("same features"));
    assertThat(Files.exists(out), is(false));
  }

  private static Map<String, String> digests(Path dir) {
    Map<String, String> out = new TreeMap<>();
    SegflowOutput.avroFiles(dir)
        .forEach((name, bytes) -> out.put(name, java.util.Arrays.toString(bytes)));
    return out;
  }

  private static double[] doubles(JsonNode array) {
    double[] out = new double[array.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = array.get(i).asDouble();
    }
    return out;
  }

  /** {@code segflow score --model MODEL --input SAMPLE --output OUTPUT MORE...}. */
  private static CliRun scoreOnSample(String model, String output, String... more) {
    List<String> args = new ArrayList<>(List.of("score", "--model", model, "--input", SAMPLE));
    args.addAll(List.of("--output", output));
    args.addAll(List.of(more));
    return CliRun.of(args.toArray(String[]::new));
  }
}
