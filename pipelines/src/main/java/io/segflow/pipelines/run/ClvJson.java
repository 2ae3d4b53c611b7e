// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.FitStatus;
import io.segflow.models.clv.HoldoutCheck;
import io.segflow.transforms.clv.ClvSettings;
import java.io.IOException;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The {@code clv} section of model.json, also written alone as clv.json (every run that predicts
 * customer value, with or without segmentation): the fitted parameters and their status ({@link
 * ClvModel#toJsonMap}), where they came from, the horizon, discount rate and margin the predictions
 * used, and the holdout check when the run made one.
 */
public final class ClvJson {
  public static final String FILE = "clv.json";

  private ClvJson() {}

  /**
   * The section for {@code model}; {@code savedModelId} names the model it came from, or null;
   * {@code holdout} is the run's holdout check, or null.
   */
  public static ObjectNode of(
      ClvModel model,
      ClvSettings settings,
      String savedModelId,
      LocalDate asOf,
      HoldoutCheck.Outcome holdout) {
    ObjectNode clv = ModelJson.JSON.valueToTree(model.toJsonMap());
    clv.put("as_of_date", asOf.toString());
    clv.put("horizon_days", settings.horizonDays());
    clv.put("clv_months", settings.scorerMonths());
    clv.put("discount_rate_monthly", settings.discountRate());
    clv.put("margin", settings.margin());
    if (savedModelId != null) {
      clv.put("fitted", "no: parameters of the saved model " + savedModelId + ", not refitted");
    } else {
      clv.put("fitted", "yes: on every customer of this run");
    }
    if (settings.unit() != model.unit()) {
      clv.put(
          "time_unit_note",
          "the saved model counts in "
              + model.unit().key()
              + "s; clv.time_unit "
              + settings.unit().key()
              + " applies to a fit only");
    }
    clv.put("note", note(model));
    if (holdout != null) {
      clv.set("holdout", holdoutJson(holdout, asOf));
    }
    return clv;
  }

  /**
   * The holdout check: its figures ({@code HoldoutResult.toJsonMap}), the calibration period and
   * fit, and which fit the scores come from.
   */
  static ObjectNode holdoutJson(HoldoutCheck.Outcome holdout, LocalDate asOf) {
    ObjectNode h = ModelJson.JSON.valueToTree(holdout.result().toJsonMap());
    LocalDate end = asOf.minusDays(holdout.result().holdoutDays());
    h.put("calibration_start", end.minusDays(holdout.result().calibrationDays()).toString());
    h.put("calibration_end", end.minusDays(1).toString());
    h.put("holdout_start", end.toString());
    h.put("holdout_end", asOf.minusDays(1).toString());
    h.put("scores_from", SCORES_FROM);
    h.set("calibration_fit", ModelJson.JSON.valueToTree(holdout.calibrationModel().toJsonMap()));
    h.put("calibration_note", note(holdout.calibrationModel()));
    return h;
  }

  /** What clv.json's holdout says about the scores in customers/. */
  public static final String SCORES_FROM =
      "the fit on the whole period (bg_nbd, gamma_gamma above); the calibration fit serves this"
          + " check only";

  /**
   * clv.json's {@code fitted} ("yes: …" / "no: …") as a phrase for the summary and the report:
   * "fitted on …" or the saved model's note.
   */
  public static String howFitted(String fitted) {
    if (fitted.startsWith("yes: ")) {
      return "fitted " + fitted.substring(5);
    }
    return fitted.startsWith("no: ") ? fitted.substring(4) : fitted;
  }

  /** The holdout check in the side input {@code view} (null: no view or no check). */
  static HoldoutCheck.Outcome holdoutOf(
      DoFn<?, ?>.ProcessContext c, PCollectionView<Iterable<HoldoutCheck.Outcome>> view) {
    if (view == null) {
      return null;
    }
    for (HoldoutCheck.Outcome o : c.sideInput(view)) {
      return o;
    }
    return null;
  }

  /** What a reader must know about the fit in one sentence; empty when both converged. */
  public static String note(ClvModel m) {
    StringBuilder note = new StringBuilder();
    if (m.bgNbd().status() == FitStatus.NOT_FITTED) {
      note.append("BG/NBD not fitted (").append(m.bgNbd().note()).append("): no predictions. ");
    } else if (m.bgNbd().status() != FitStatus.CONVERGED) {
      note.append("BG/NBD did not converge (")
          .append(m.bgNbd().note())
          .append("): p_alive and expected_purchases come from the best point found. ");
    }
    if (m.gammaGamma().status() == FitStatus.NOT_FITTED) {
      note.append("Gamma-Gamma not fitted (")
          .append(m.gammaGamma().note())
          .append("): expected_avg_order_value and clv are empty.");
    } else if (m.gammaGamma().status() != FitStatus.CONVERGED) {
      note.append("Gamma-Gamma did not converge (")
          .append(m.gammaGamma().note())
          .append("): order values and clv come from the best point found.");
    }
    return note.toString().trim();
  }

  /**
   * Writes clv.json into {@code directory} from the model element; {@code holdout} (null: none)
   * holds the run's holdout check.
   */
  public static PTransform<PCollection<ClvModel>, PCollection<String>> write(
      String directory,
      ClvSettings settings,
      String savedModelId,
      PCollectionView<Long> asOfEpochDay,
      PCollectionView<Iterable<HoldoutCheck.Outcome>> holdout) {
    List<PCollectionView<?>> views = new ArrayList<>();
    views.add(asOfEpochDay);
    if (holdout != null) {
      views.add(holdout);
    }
    return new PTransform<PCollection<ClvModel>, PCollection<String>>() {
      @Override
      public PCollection<String> expand(PCollection<ClvModel> model) {
        return model.apply(
            "WriteClvJson",
            ParDo.of(
                    new DoFn<ClvModel, String>() {
                      @ProcessElement
                      public void process(@Element ClvModel m, ProcessContext c)
                          throws IOException {
                        if (m.bgNbd().customers() == 0) {
                          // No customers: the run stops with exit code 4 and publishes nothing;
                          // a late file would only race the discarded staging folder's deletion.
                          return;
                        }
                        LocalDate asOf = LocalDate.ofEpochDay(c.sideInput(asOfEpochDay));
                        c.output(
                            ModelJson.writeJson(
                                directory + "/" + FILE,
                                of(m, settings, savedModelId, asOf, holdoutOf(c, holdout))));
                      }
                    })
                .withSideInputs(views));
      }
    };
  }
}
