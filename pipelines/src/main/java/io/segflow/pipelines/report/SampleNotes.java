// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.esc;
import static io.segflow.pipelines.report.Html.num;

import io.segflow.pipelines.output.ModelDescription;

/**
 * The report's account of a large run (from model.json): the model was trained on a sample, how
 * that model does on every customer, and which metrics are themselves estimates. Empty for a run
 * that trained on every customer and scored every silhouette exactly.
 */
final class SampleNotes {
  private SampleNotes() {}

  static void append(StringBuilder sb, ModelDescription model) {
    ModelDescription.TrainingSample sample = model.trainingSample();
    if (sample != null) {
      ModelDescription.AllCustomers all = sample.allCustomers();
      sb.append("<p class=\"reason\">Trained on a sample of <b>")
          .append(num(sample.sampleSize(), 0))
          .append("</b> of ")
          .append(num((double) sample.customers(), 0))
          .append(" customers (more than the ")
          .append(num((double) sample.threshold(), 0))
          .append(" threshold): ")
          .append(esc(sample.method()))
          .append(
              ". The metrics above are the "
                  + "sample's; on every customer:</p>\n<table><tr><th>customers</th>"
                  + "<th>Calinski–Harabasz</th><th>Davies–Bouldin</th>");
      boolean kmeans = all.costRatio() != null;
      if (kmeans) {
        sb.append("<th>cost per customer (sample’s own)</th><th>cost ratio</th>");
      }
      sb.append("</tr><tr><td class=\"n\">")
          .append(num((double) all.customers(), 0))
          .append("</td><td class=\"n\">")
          .append(num(all.calinskiHarabasz(), 1))
          .append("</td><td class=\"n\">")
          .append(num(all.daviesBouldin(), 4));
      if (kmeans) {
        sb.append("</td><td class=\"n\">")
            .append(num(all.modelCostPerCustomer(), 4))
            .append(" (")
            .append(num(all.sampleWcssPerCustomer(), 4))
            .append(")</td><td class=\"n\">")
            .append(num(all.costRatio(), 4));
      }
      sb.append("</td></tr></table>\n<p>").append(esc(sample.profiles())).append(".</p>\n");
    }
    String note =
        model.silhouetteNote() != null
            ? model.silhouetteNote()
            : model.metricsExcludingNoise() == null
                ? null
                : model.metricsExcludingNoise().silhouetteNote();
    if (note != null) {
      sb.append("<p>Silhouette: ").append(esc(note)).append(".</p>\n");
    }
  }
}
