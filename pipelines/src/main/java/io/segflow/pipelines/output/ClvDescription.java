// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * clv.json, and the {@code clv} section of model.json: the fitted BG/NBD and Gamma-Gamma parameters
 * and their status, the horizon, discount rate and margin the predictions used, where the
 * parameters came from, and the holdout check when the run made one. The fits' fields are the
 * models' own ({@code ClvModel.toJsonMap}, {@code HoldoutResult.toJsonMap}); a parameter of a fit
 * that did not happen is null.
 *
 * @param fitted "yes: …" (fitted in the run) or "no: …" (a saved model's parameters)
 * @param timeUnitNote set when a saved model counts time in another unit than clv.time_unit
 * @param note what a reader must know about the fit; empty when both fits converged
 * @param holdout the holdout check, or null
 */
@JsonIgnoreProperties(ignoreUnknown = true)
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
@JsonPropertyOrder({
  "time_unit",
  "bg_nbd",
  "gamma_gamma",
  "as_of_date",
  "horizon_days",
  "clv_months",
  "discount_rate_monthly",
  "margin",
  "fitted",
  "time_unit_note",
  "note",
  "holdout"
})
public record ClvDescription(
    String timeUnit,
    BgNbd bgNbd,
    GammaGamma gammaGamma,
    String asOfDate,
    int horizonDays,
    int clvMonths,
    double discountRateMonthly,
    double margin,
    String fitted,
    String timeUnitNote,
    String note,
    Holdout holdout) {
  public static final String FILE = "clv.json";

  /** What clv.json's holdout says about the scores in customers/. */
  public static final String SCORES_FROM =
      "the fit on the whole period (bg_nbd, gamma_gamma above); the calibration fit serves this"
          + " check only";

  /** The clv.json of the output folder {@code dir}, or null when it has none. */
  public static ClvDescription read(Path dir) throws IOException {
    Path file = dir.resolve(FILE);
    return Files.exists(file) ? OutputJson.read(file, ClvDescription.class) : null;
  }

  /**
   * {@code fitted} as a phrase for the summary and the report: "fitted on …" or the saved model's.
   */
  public String howFitted() {
    if (fitted.startsWith("yes: ")) {
      return "fitted " + fitted.substring(5);
    }
    return fitted.startsWith("no: ") ? fitted.substring(4) : fitted;
  }

  /** A fit of both models: the time unit and each model's parameters and status. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"time_unit", "bg_nbd", "gamma_gamma"})
  public record Fit(String timeUnit, BgNbd bgNbd, GammaGamma gammaGamma) {}

  /** The BG/NBD fit; the parameters and log-likelihood null when not fitted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "r",
    "alpha",
    "a",
    "b",
    "log_likelihood",
    "converged",
    "status",
    "customers",
    "distinct_terms",
    "evaluations",
    "note"
  })
  public record BgNbd(
      Double r,
      Double alpha,
      Double a,
      Double b,
      Double logLikelihood,
      boolean converged,
      String status,
      long customers,
      long distinctTerms,
      long evaluations,
      String note) {}

  /** The Gamma-Gamma fit over the repeat buyers; the parameters null when not fitted. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "p",
    "q",
    "v",
    "population_mean",
    "log_likelihood",
    "converged",
    "status",
    "customers",
    "excluded_non_positive_spend",
    "evaluations",
    "note"
  })
  public record GammaGamma(
      Double p,
      Double q,
      Double v,
      Double populationMean,
      Double logLikelihood,
      boolean converged,
      String status,
      long customers,
      long excludedNonPositiveSpend,
      long evaluations,
      String note) {}

  /**
   * The holdout check: the models fitted on the calibration period predict each customer's purchase
   * days in the holdout period.
   *
   * @param calibrationFit the fit on the calibration period, which serves this check only
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({
    "calibration_days",
    "holdout_days",
    "customers",
    "mean_predicted",
    "mean_actual",
    "mean_absolute_error",
    "correlation",
    "by_calibration_frequency",
    "calibration_start",
    "calibration_end",
    "holdout_start",
    "holdout_end",
    "scores_from",
    "calibration_fit",
    "calibration_note"
  })
  public record Holdout(
      long calibrationDays,
      long holdoutDays,
      long customers,
      Double meanPredicted,
      Double meanActual,
      Double meanAbsoluteError,
      Double correlation,
      List<FrequencyRow> byCalibrationFrequency,
      String calibrationStart,
      String calibrationEnd,
      String holdoutStart,
      String holdoutEnd,
      String scoresFrom,
      Fit calibrationFit,
      String calibrationNote) {

    /** The same figures with the periods they cover and the fit they come from. */
    public Holdout withCalibration(
        String calibrationStart,
        String calibrationEnd,
        String holdoutStart,
        String holdoutEnd,
        Fit calibrationFit,
        String calibrationNote) {
      return new Holdout(
          calibrationDays,
          holdoutDays,
          customers,
          meanPredicted,
          meanActual,
          meanAbsoluteError,
          correlation,
          byCalibrationFrequency,
          calibrationStart,
          calibrationEnd,
          holdoutStart,
          holdoutEnd,
          SCORES_FROM,
          calibrationFit,
          calibrationNote);
    }
  }

  /**
   * Mean predicted and actual holdout purchase days of the customers with one calibration
   * frequency.
   */
  @JsonIgnoreProperties(ignoreUnknown = true)
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  @JsonPropertyOrder({"frequency", "and_above", "customers", "mean_predicted", "mean_actual"})
  public record FrequencyRow(
      int frequency, boolean andAbove, long customers, double meanPredicted, double meanActual) {
    /** "3", or "7+" for the last row. */
    @JsonIgnore
    public String label() {
      return frequency + (andAbove ? "+" : "");
    }
  }
}
