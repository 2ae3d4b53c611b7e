// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.FitStatus;
import io.segflow.models.clv.HoldoutCheck;
import io.segflow.pipelines.output.ClvDescription;
import io.segflow.pipelines.output.OutputJson;
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
 * Builds the {@link ClvDescription} of a run's CLV models, written as clv.json (every run that
 * predicts customer value, with or without segmentation) and as model.json's {@code clv} section.
 */
public final class ClvJson {
  public static final String FILE = ClvDescription.FILE;

  private ClvJson() {}

  /**
   * The section for {@code model}; {@code savedModelId} names the model it came from, or null;
   * {@code holdout} is the run's holdout check, or null.
   */
  public static ClvDescription of(
      ClvModel model,
      ClvSettings settings,
      String savedModelId,
      LocalDate asOf,
      HoldoutCheck.Outcome holdout) {
    ClvDescription.Fit fit = fit(model);
    return new ClvDescription(
        fit.timeUnit(),
        fit.bgNbd(),
        fit.gammaGamma(),
        asOf.toString(),
        settings.horizonDays(),
        settings.scorerMonths(),
        settings.discountRate(),
        settings.margin(),
        savedModelId != null
            ? "no: parameters of the saved model " + savedModelId + ", not refitted"
            : "yes: on every customer of this run",
        settings.unit() == model.unit()
            ? null
            : "the saved model counts in "
                + model.unit().key()
                + "s; clv.time_unit "
                + settings.unit().key()
                + " applies to a fit only",
        note(model),
        holdout == null ? null : holdout(holdout, asOf));
  }

  /** The fits as the models describe them ({@link ClvModel#toJsonMap}). */
  private static ClvDescription.Fit fit(ClvModel model) {
    return OutputJson.MAPPER.convertValue(model.toJsonMap(), ClvDescription.Fit.class);
  }

  /**
   * The holdout check: its figures ({@code HoldoutResult.toJsonMap}), the calibration period and
   * fit.
   */
  private static ClvDescription.Holdout holdout(HoldoutCheck.Outcome holdout, LocalDate asOf) {
    LocalDate end = asOf.minusDays(holdout.result().holdoutDays());
    return OutputJson.MAPPER
        .convertValue(holdout.result().toJsonMap(), ClvDescription.Holdout.class)
        .withCalibration(
            end.minusDays(holdout.result().calibrationDays()).toString(),
            end.minusDays(1).toString(),
            end.toString(),
            asOf.minusDays(1).toString(),
            fit(holdout.calibrationModel()),
            note(holdout.calibrationModel()));
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
