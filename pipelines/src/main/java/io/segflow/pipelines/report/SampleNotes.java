// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.esc;
import static io.segflow.pipelines.report.Html.num;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The report's account of a large run (from model.json): the model was trained on a sample, how
 * that model does on every customer, and which metrics are themselves estimates. Empty for a run
 * that trained on every customer and scored every silhouette exactly.
 */
final class SampleNotes {
  private SampleNotes() {}

  static void append(StringBuilder sb, JsonNode model) {
    JsonNode sample = model.path("training_sample");
    if (!sample.isMissingNode()) {
      JsonNode all = sample.path("all_customers");
      sb.append("<p class=\"reason\">Trained on a sample of <b>")
          .append(num(sample.path("sample_size").asDouble(), 0))
          .append("</b> of ")
          .append(num(sample.path("customers").asDouble(), 0))
          .append(" customers (more than the ")
          .append(num(sample.path("threshold").asDouble(), 0))
          .append(" threshold): ")
          .append(esc(sample.path("method").asText()))
          .append(
              ". The metrics above are the "
                  + "sample's; on every customer:</p>\n<table><tr><th>customers</th>"
                  + "<th>Calinski–Harabasz</th><th>Davies–Bouldin</th>");
      boolean kmeans = all.has("cost_ratio");
      if (kmeans) {
        sb.append("<th>cost per customer (sample’s own)</th><th>cost ratio</th>");
      }
      sb.append("</tr><tr><td class=\"n\">")
          .append(num(all.path("customers").asDouble(), 0))
          .append("</td><td class=\"n\">")
          .append(num(all.path("calinski_harabasz").asDouble(), 1))
          .append("</td><td class=\"n\">")
          .append(num(all.path("davies_bouldin").asDouble(), 4));
      if (kmeans) {
        sb.append("</td><td class=\"n\">")
            .append(num(all.path("model_cost_per_customer").asDouble(), 4))
            .append(" (")
            .append(num(all.path("sample_wcss_per_customer").asDouble(), 4))
            .append(")</td><td class=\"n\">")
            .append(num(all.path("cost_ratio").asDouble(), 4));
      }
      sb.append("</td></tr></table>\n<p>")
          .append(esc(sample.path("profiles").asText()))
          .append(".</p>\n");
    }
    JsonNode note =
        model.has("silhouette_note")
            ? model.path("silhouette_note")
            : model.path("metrics_excluding_noise").path("silhouette_note");
    if (!note.isMissingNode()) {
      sb.append("<p>Silhouette: ").append(esc(note.asText())).append(".</p>\n");
    }
  }
}
