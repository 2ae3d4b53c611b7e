// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.FitStatus;
import io.segflow.transforms.clv.ClvSettings;
import java.io.IOException;
import java.time.LocalDate;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The {@code clv} section of model.json, also written alone as clv.json (every run that predicts
 * customer value, with or without segmentation): the fitted parameters and their status ({@link
 * ClvModel#toJsonMap}), where they came from, and the horizon, discount rate and margin the
 * predictions used.
 */
public final class ClvJson {
  public static final String FILE = "clv.json";

  private ClvJson() {}

  /** The section for {@code model}; {@code savedModelId} names the model it came from, or null. */
  public static ObjectNode of(
      ClvModel model, ClvSettings settings, String savedModelId, LocalDate asOf) {
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
    return clv;
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

  /** Writes clv.json into {@code directory} from the model element. */
  public static PTransform<PCollection<ClvModel>, PCollection<String>> write(
      String directory,
      ClvSettings settings,
      String savedModelId,
      PCollectionView<Long> asOfEpochDay) {
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
                                directory + "/" + FILE, of(m, settings, savedModelId, asOf)));
                      }
                    })
                .withSideInputs(asOfEpochDay));
      }
    };
  }
}
