// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.ToIntFunction;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Scores that hold: a model trained as of one month end keeps its RFM cut points when it scores the
 * next month, so equal feature values get equal scores in both runs; --refit-rfm computes new cut
 * points from the new month's customers.
 */
public class RfmStableScoresRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SAMPLE = SampleRunTest.SAMPLE.toString();

  private static Path trained;
  private static Path kept;
  private static Path refit;
  private static CliRun train;
  private static CliRun score;
  private static CliRun rescore;

  @BeforeClass
  public static void trainThenScoreTheNextMonth() {
    trained = TMP.getRoot().toPath().resolve("train-2011-10-31");
    train =
        CliRun.of(
            "train",
            "--input",
            SAMPLE,
            "--output",
            trained.toString(),
            "--as-of",
            "2011-10-31",
            "--k",
            "4",
            "--no-report");
    kept = TMP.getRoot().toPath().resolve("score-2011-11-30");
    score = scoreNextMonth(kept);
    refit = TMP.getRoot().toPath().resolve("refit-2011-11-30");
    rescore = scoreNextMonth(refit, "--refit-rfm");
  }

  private static CliRun scoreNextMonth(Path out, String... extra) {
    String[] args = {
      "score",
      "--model",
      trained.toString(),
      "--input",
      SAMPLE,
      "--output",
      out.toString(),
      "--as-of",
      "2011-11-30",
      "--no-report"
    };
    String[] all = new String[args.length + extra.length];
    System.arraycopy(args, 0, all, 0, args.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  public void theModelSavesItsCutPointsAndScoringReusesThem() throws IOException {
    assertThat(train.toString(), train.exitCode(), is(0));
    assertThat(score.toString(), score.exitCode(), is(0));
    JsonNode trainedRfm = SegflowOutput.read(trained).json("model.json").path("rfm");
    JsonNode scoredRfm = SegflowOutput.read(kept).json("model.json").path("rfm");
    assertThat(trainedRfm.path("method").asText(), is("quantile"));
    assertThat(trainedRfm.path("recency_cuts").size(), is(4));
    for (String dim : List.of("recency_cuts", "frequency_cuts", "monetary_cuts")) {
      assertThat(dim, scoredRfm.path(dim), equalTo(trainedRfm.path(dim)));
    }
    assertThat(scoredRfm.path("cuts_from").asText().isEmpty(), is(false));
    assertThat(
        Files.readAllBytes(kept.resolve("model.avro")),
        equalTo(Files.readAllBytes(trained.resolve("model.avro"))));
  }

  /** Every customer of the next month is scored with the trained cut points (recomputed here). */
  @Test
  public void nextMonthsScoresFollowTheSavedCutPoints() {
    assertThat(score.toString(), score.exitCode(), is(0));
    JsonNode rfm = SegflowOutput.read(trained).json("model.json").path("rfm");
    List<CustomerRecord> customers = SegflowOutput.read(kept).customers;
    assertThat(customers.size(), greaterThan(250));
    for (CustomerRecord c : customers) {
      String id = c.getCustomerId().toString();
      assertThat(
          id,
          c.getRfmRecencyScore(),
          is(6 - lowerBin(rfm.path("recency_cuts"), c.getRecencyDays())));
      assertThat(
          id, c.getRfmFrequencyScore(), is(lowerBin(rfm.path("frequency_cuts"), c.getFrequency())));
      assertThat(
          id, c.getRfmMonetaryScore(), is(lowerBin(rfm.path("monetary_cuts"), c.getMonetary())));
    }
  }

  /**
   * Customers whose frequency and monetary value did not change in November (no new orders) keep
   * their F and M scores, and any recency value scores as it did in October. With --refit-rfm some
   * of them move, because November's customers give other cut points.
   */
  @Test
  public void unchangedFeaturesKeepTheirScoresUnlessRefit() {
    assertThat(rescore.toString(), rescore.exitCode(), is(0));
    Map<String, CustomerRecord> before = SegflowOutput.read(trained).customersById();
    Map<String, CustomerRecord> after = SegflowOutput.read(kept).customersById();
    Map<String, CustomerRecord> refitted = SegflowOutput.read(refit).customersById();
    int unchanged = 0;
    int movedByRefit = 0;
    for (Map.Entry<String, CustomerRecord> e : before.entrySet()) {
      CustomerRecord b = e.getValue();
      CustomerRecord a = after.get(e.getKey());
      if (a.getFrequency() == b.getFrequency() && a.getMonetary() == b.getMonetary()) {
        unchanged++;
        assertThat(e.getKey(), a.getRfmFrequencyScore(), is(b.getRfmFrequencyScore()));
        assertThat(e.getKey(), a.getRfmMonetaryScore(), is(b.getRfmMonetaryScore()));
        CustomerRecord r = refitted.get(e.getKey());
        if (!r.getRfmFrequencyScore().equals(b.getRfmFrequencyScore())
            || !r.getRfmMonetaryScore().equals(b.getRfmMonetaryScore())) {
          movedByRefit++;
        }
      }
    }
    assertThat(unchanged, greaterThan(100));
    assertThat("refit moves some unchanged customers", movedByRefit, greaterThan(0));
    checkSameValueSameScore(
        before, after, c -> (double) c.getRecencyDays(), c -> c.getRfmRecencyScore());
    JsonNode refitRfm = SegflowOutput.read(refit).json("model.json").path("rfm");
    JsonNode trainedRfm = SegflowOutput.read(trained).json("model.json").path("rfm");
    assertThat(refitRfm.path("monetary_cuts"), not(equalTo(trainedRfm.path("monetary_cuts"))));
    assertThat(refitRfm.has("cuts_from"), is(false));
    // new cut points make a new model record; it still names the model it scored with
    JsonNode refitJson = SegflowOutput.read(refit).json("model.json");
    String trainedId = SegflowOutput.read(trained).json("model.json").path("model_id").asText();
    assertThat(refitJson.path("model_id").asText(), not(equalTo(trainedId)));
    assertThat(refitJson.path("scored_with_saved_model").path("model_id").asText(), is(trainedId));
  }

  private static void checkSameValueSameScore(
      Map<String, CustomerRecord> before,
      Map<String, CustomerRecord> after,
      Function<CustomerRecord, Double> value,
      ToIntFunction<CustomerRecord> score) {
    Map<Double, Integer> scoreOf = new HashMap<>();
    before.values().forEach(c -> scoreOf.put(value.apply(c), score.applyAsInt(c)));
    int shared = 0;
    for (CustomerRecord c : after.values()) {
      Integer s = scoreOf.get(value.apply(c));
      if (s != null) {
        shared++;
        assertThat(c.getCustomerId().toString(), score.applyAsInt(c), is(s));
      }
    }
    assertThat(shared, greaterThan(100));
  }

  /** 1 + the number of cut points strictly below v (a value on a cut point scores lower). */
  private static int lowerBin(JsonNode cuts, double v) {
    int below = 0;
    for (JsonNode c : cuts) {
      if (c.asDouble() < v) {
        below++;
      }
    }
    return 1 + below;
  }
}
