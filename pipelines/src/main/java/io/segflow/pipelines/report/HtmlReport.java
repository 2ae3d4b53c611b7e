// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.count;
import static io.segflow.pipelines.report.Html.esc;
import static io.segflow.pipelines.report.Html.num;
import static io.segflow.pipelines.report.Html.pct;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.output.Comparison;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * report.html: one self-contained page (inline SVG and CSS, no script to run, nothing loaded from
 * the network) with data quality, EDA, model selection, segments, RFM and run facts.
 */
public final class HtmlReport {
  public static final String FILE = "report.html";
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  private static final int MAX_CURVE_POINTS = 600;

  private HtmlReport() {}

  /**
   * Reads the output folder {@code dir} and (re)writes {@code dir/report.html}; returns its path.
   */
  public static Path write(Path dir) throws IOException {
    String html = render(ReportData.read(dir));
    Path file = dir.resolve(FILE);
    Path tmp = dir.resolve("." + FILE + ".tmp");
    Files.writeString(tmp, html, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    return file;
  }

  /** The whole page. */
  public static String render(ReportData d) {
    StringBuilder sb = new StringBuilder(64 * 1024);
    sb.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Segflow segmentation report</title><style>")
        .append(CSS)
        .append("</style></head><body>\n");
    sb.append("<h1>Segflow segmentation report</h1>\n<p class=\"sub\">As of ")
        .append(esc(asOfText(d)))
        .append(" · ")
        .append(count(customers(d)))
        .append(" customers</p>\n");
    sb.append(
        "<nav><a href=\"#data-quality\">Data quality</a> <a href=\"#eda\">EDA</a> "
            + "<a href=\"#model-selection\">Model selection</a> <a href=\"#segments\">Segments</a> "
            + "<a href=\"#rfm\">RFM</a> <a href=\"#clv\">Predicted value</a> "
            + "<a href=\"#run-facts\">Run facts</a></nav>\n");
    dataQuality(sb, d);
    eda(sb, d);
    modelSelection(sb, d);
    segments(sb, d);
    rfm(sb, d);
    ClvSection.append(sb, d);
    runFacts(sb, d);
    sb.append("<script type=\"application/json\" id=\"segflow-data\">")
        .append(Html.scriptJson(embedded(d).toString()))
        .append("</script>\n");
    sb.append("</body></html>\n");
    return sb.toString();
  }

  // ---- (1) data quality

  private static void dataQuality(StringBuilder sb, ReportData d) {
    RunManifest.Rows rows = d.manifest.rows();
    sb.append("<section id=\"data-quality\"><h2>1. Data quality</h2>\n<table class=\"facts\">");
    fact(sb, "rows read", count(rows.read()));
    fact(sb, "rows used", count(rows.used()));
    fact(sb, "rows rejected", count(rows.rejected()));
    fact(sb, "as-of date", asOfText(d));
    fact(sb, "customers", count(customers(d)));
    fact(sb, "input files", String.valueOf(d.manifest.inputFiles().size()));
    sb.append("</table>\n");
    List<String> labels = new ArrayList<>();
    List<Double> counts = new ArrayList<>();
    for (Map.Entry<String, Long> e : rows.rejectedByReason().entrySet()) {
      labels.add(e.getKey());
      counts.add(e.getValue().doubleValue());
    }
    if (labels.isEmpty()) {
      labels.add("(no rows rejected)");
      counts.add(0.0);
    }
    sb.append(
        SvgCharts.bars(
            "Rejected rows by reason",
            labels,
            counts.stream().mapToDouble(Double::doubleValue).toArray(),
            null));
    sb.append(
        "<h3>Input files</h3><table><tr><th>path</th><th>size (bytes)</th><th>compressed</th>"
            + "<th>empty</th></tr>");
    for (RunManifest.InputFile f : d.manifest.inputFiles()) {
      sb.append("<tr><td>")
          .append(esc(f.path()))
          .append("</td><td class=\"n\">")
          .append(count(f.sizeBytes()))
          .append("</td><td>")
          .append(f.compressed())
          .append("</td><td>")
          .append(f.empty())
          .append("</td></tr>");
    }
    sb.append("</table></section>\n");
  }

  // ---- (2) EDA

  private static void eda(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"eda\"><h2>2. Exploratory analysis</h2>\n");
    if (d.customerCount == 0) {
      sb.append("<p>No customers.</p></section>\n");
      return;
    }
    sb.append(sampleNote(d));
    sb.append("<div class=\"grid\">");
    for (String f : List.of("recency_days", "frequency", "monetary")) {
      double[] v = d.values.get(f);
      double skew = skewness(v);
      boolean log = Math.abs(skew) > 1 && min(v) >= 0;
      sb.append("<figure>")
          .append(SvgCharts.histogram(f, v, 30, log, f))
          .append("<figcaption>skewness ")
          .append(num(skew, 2))
          .append(log ? " (skewed: bins on a log scale)" : "")
          .append("; median ")
          .append(num(median(v), 1))
          .append(", mean ")
          .append(num(mean(v), 1))
          .append("</figcaption></figure>");
    }
    double[] money = d.values.get("monetary");
    double[][] lorenz = lorenz(money);
    sb.append("<figure>")
        .append(
            SvgCharts.line(
                "Revenue concentration (Pareto curve)",
                lorenz[0],
                lorenz[1],
                "share of customers, biggest spenders first",
                "share of revenue",
                null,
                null,
                true))
        .append("<figcaption>");
    sb.append("top 1 % of customers: ")
        .append(pct(topShare(money, 0.01)))
        .append(" of revenue; top 10 %: ")
        .append(pct(topShare(money, 0.10)))
        .append("; top 20 %: ")
        .append(pct(topShare(money, 0.20)))
        .append("</figcaption></figure>");
    sb.append("</div><table><tr><th>top customers</th><th>revenue share</th></tr>");
    for (double q : new double[] {0.01, 0.10, 0.20}) {
      sb.append("<tr><td>")
          .append(num(100 * q, 0))
          .append(" %</td><td class=\"n top-share\">")
          .append(pct(topShare(money, q)))
          .append("</td></tr>");
    }
    sb.append("</table></section>\n");
  }

  // ---- (3) model selection

  /** After --previous-model: which segments kept their earlier id and name, which are new. */
  private static void segmentMatching(StringBuilder sb, ModelDescription.Matching matching) {
    if (matching == null) {
      return;
    }
    sb.append("<p>Segments matched to the previous model <b>")
        .append(esc(matching.previousModelId()))
        .append("</b> (optimal assignment of centres; pairs farther than ")
        .append(num(matching.maxDistance(), 2))
        .append(
            " are not matched):</p>\n<table><tr><th>id</th><th>name</th><th>status</th>"
                + "<th>distance</th></tr>\n");
    for (ModelDescription.Match x : matching.matches()) {
      boolean fresh = x.isNew();
      sb.append("<tr><td class=\"n\">")
          .append(x.segmentId())
          .append("</td><td>")
          .append(esc(x.name()))
          .append("</td><td>")
          .append(fresh ? "new segment" : "kept")
          .append("</td><td class=\"n\">")
          .append(fresh ? "" : num(x.distance(), 3))
          .append("</td></tr>\n");
    }
    for (ModelDescription.Retired r : matching.retired()) {
      sb.append("<tr><td class=\"n\">")
          .append(r.segmentId())
          .append("</td><td>")
          .append(esc(r.name()))
          .append("</td><td>retired</td><td></td></tr>\n");
    }
    sb.append("</table>\n");
  }

  private static void modelSelection(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"model-selection\"><h2>3. Model selection</h2>\n");
    ModelDescription m = d.model;
    if (m == null) {
      sb.append("<p>No segmentation in this run (no model.json).</p></section>\n");
      return;
    }
    String algorithm = m.algorithm();
    sb.append("<p>Algorithm: <b>")
        .append(esc(algorithm))
        .append("</b>; features ")
        .append(esc(String.join(", ", m.features())))
        .append("; transform ")
        .append(esc(m.transform()))
        .append(", scaler ")
        .append(esc(m.scaler().type()))
        .append(".</p>\n");
    ModelDescription.SavedModel saved = m.scoredWithSavedModel();
    if (saved != null) {
      sb.append(
              "<p class=\"reason\">No model was trained in this run: customers were scored "
                  + "with the saved model <b>")
          .append(esc(String.valueOf(saved.modelId())))
          .append("</b>, trained as of ")
          .append(esc(String.valueOf(saved.trainedAsOf())))
          .append(" on ")
          .append(String.format(Locale.ROOT, "%,d", saved.trainingCustomers()))
          .append(" customers; segment ids, names and actions are that model's.</p></section>\n");
      return;
    }
    segmentMatching(sb, m.segmentMatching());
    if (m.isDbscan()) {
      ModelDescription.KDistanceCurve curve = m.kDistanceCurve();
      double eps = m.numericSetting("eps");
      List<ModelDescription.CurvePoint> pts = curve.points();
      int n = pts.size();
      int step = Math.max(1, (n + MAX_CURVE_POINTS - 1) / MAX_CURVE_POINTS);
      List<double[]> kept = new ArrayList<>();
      for (int i = 0; i < n; i += step) {
        kept.add(new double[] {pts.get(i).rank(), pts.get(i).distance()});
      }
      if (n > 0 && (n - 1) % step != 0) {
        kept.add(new double[] {pts.get(n - 1).rank(), pts.get(n - 1).distance()});
      }
      double[] xs = kept.stream().mapToDouble(p -> p[0]).toArray();
      double[] ys = kept.stream().mapToDouble(p -> p[1]).toArray();
      sb.append(
          SvgCharts.line(
              "k-distance curve (k = " + curve.k() + "), eps marked",
              xs,
              ys,
              "customers, sorted",
              "distance to k-th neighbour",
              null,
              eps,
              false));
      ModelDescription.Metrics q = m.metricsExcludingNoise();
      sb.append("<p class=\"reason\">eps ")
          .append(num(eps, 4))
          .append(" (")
          .append(esc(m.textSetting("eps_source")))
          .append("), min points ")
          .append((int) m.numericSetting("min_points"))
          .append(": ")
          .append(m.clusters())
          .append(" dense segment(s), ")
          .append(m.noise())
          .append(" outlier(s) (")
          .append(pct(m.noiseShare()))
          .append("); without the outliers silhouette ")
          .append(num(q.silhouette(), 4))
          .append(", Calinski–Harabasz ")
          .append(num(q.calinskiHarabasz(), 1))
          .append(", Davies–Bouldin ")
          .append(num(q.daviesBouldin(), 4))
          .append(".</p>\n");
    } else {
      List<ModelDescription.KScanRow> scan = m.kScan() == null ? List.of() : m.kScan();
      double chosen = m.chosenK() == null ? 0 : m.chosenK();
      if (!scan.isEmpty()) {
        double[] ks = new double[scan.size()];
        double[] wcss = new double[ks.length];
        double[] sil = new double[ks.length];
        double[] ch = new double[ks.length];
        double[] db = new double[ks.length];
        for (int i = 0; i < ks.length; i++) {
          ModelDescription.KScanRow r = scan.get(i);
          ks[i] = r.k();
          wcss[i] = r.wcss();
          sil[i] = r.silhouette();
          ch[i] = r.calinskiHarabasz();
          db[i] = r.daviesBouldin();
        }
        sb.append("<div class=\"grid\">");
        sb.append(
            SvgCharts.line(
                "WCSS vs k (chosen k marked)", ks, wcss, "k", "WCSS", chosen, null, false));
        sb.append(
            SvgCharts.line(
                "Silhouette vs k (higher is better)",
                ks,
                sil,
                "k",
                "silhouette",
                chosen,
                null,
                false));
        sb.append(
            SvgCharts.line(
                "Calinski–Harabasz vs k (higher is better)",
                ks,
                ch,
                "k",
                "CH",
                chosen,
                null,
                false));
        sb.append(
            SvgCharts.line(
                "Davies–Bouldin vs k (lower is better)", ks, db, "k", "DB", chosen, null, false));
        sb.append("</div>");
        sb.append(
            "<table><tr><th>k</th><th>WCSS</th><th>silhouette</th><th>Calinski–Harabasz</th>"
                + "<th>Davies–Bouldin</th></tr>");
        for (int i = 0; i < ks.length; i++) {
          sb.append(ks[i] == chosen ? "<tr class=\"chosen\">" : "<tr>")
              .append("<td>")
              .append(num(ks[i], 0))
              .append(ks[i] == chosen ? " ★" : "")
              .append("</td><td class=\"n\">")
              .append(num(wcss[i], 1))
              .append("</td><td class=\"n\">")
              .append(num(sil[i], 4))
              .append("</td><td class=\"n\">")
              .append(num(ch[i], 1))
              .append("</td><td class=\"n\">")
              .append(num(db[i], 4))
              .append("</td></tr>");
        }
        sb.append("</table>");
      }
      sb.append("<p class=\"reason\">Chosen k = ")
          .append(m.chosenK() == null ? 0 : m.chosenK())
          .append(": ")
          .append(esc(m.kReason() == null ? "fixed k" : m.kReason()))
          .append("</p>\n");
    }
    SampleNotes.append(sb, m);
    if (d.comparison != null) {
      sb.append(
          "<h3>Method comparison</h3><table><tr><th>method</th><th>segments</th><th>noise</th>"
              + "<th>silhouette</th><th>Calinski–Harabasz</th><th>Davies–Bouldin</th></tr>");
      List<String> names = new ArrayList<>();
      List<Double> sils = new ArrayList<>();
      for (Comparison.Method c : d.comparison.methods()) {
        names.add(c.algorithm());
        sils.add(c.silhouette());
        sb.append("<tr><td>")
            .append(esc(c.algorithm()))
            .append("</td><td class=\"n\">")
            .append(c.segments())
            .append("</td><td class=\"n\">")
            .append(pct(c.noiseShare()))
            .append("</td><td class=\"n\">")
            .append(num(c.silhouette(), 4))
            .append("</td><td class=\"n\">")
            .append(num(c.calinskiHarabasz(), 1))
            .append("</td><td class=\"n\">")
            .append(num(c.daviesBouldin(), 4))
            .append("</td></tr>");
      }
      sb.append("</table><p>Agreement (adjusted Rand index): ")
          .append(num(d.comparison.adjustedRandIndex(), 4))
          .append(". DBSCAN's metrics exclude its outliers.</p>");
      sb.append(
          SvgCharts.bars(
              "Silhouette by method",
              names,
              sils.stream().mapToDouble(Double::doubleValue).toArray(),
              null));
    }
    sb.append("</section>\n");
  }

  // ---- (4) segments

  private static void segments(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"segments\"><h2>4. Segments</h2>\n");
    if (d.segments.isEmpty()) {
      sb.append("<p>No segments in this run.</p></section>\n");
      return;
    }
    sb.append("<div class=\"cards\">");
    for (SegmentRecord s : d.segments) {
      sb.append("<div class=\"card\"><h3>")
          .append(s.getSegmentId())
          .append(". ")
          .append(esc(s.getSegmentName()))
          .append("</h3><p>")
          .append(esc(s.getDescription()))
          .append("</p><p><b>Action:</b> ")
          .append(esc(s.getRecommendedAction()))
          .append("</p><p class=\"shares\">")
          .append(count(s.getSize()))
          .append(" customers · ")
          .append(pct(s.getCustomerShare()))
          .append(" of customers · ")
          .append(pct(s.getRevenueShare()))
          .append(" of revenue</p></div>");
    }
    sb.append("</div>\n");
    List<String> features = new ArrayList<>();
    for (FeatureStat f : d.segments.get(0).getFeatures()) {
      features.add(f.getFeature().toString());
    }
    sb.append("<h3>Profiles (mean / median)</h3><table><tr><th>segment</th><th>size</th>");
    features.forEach(f -> sb.append("<th>").append(esc(f)).append("</th>"));
    sb.append("<th>revenue share</th></tr>");
    for (SegmentRecord s : d.segments) {
      sb.append("<tr><td>")
          .append(esc(s.getSegmentName()))
          .append("</td><td class=\"n\">")
          .append(count(s.getSize()))
          .append("</td>");
      for (String f : features) {
        FeatureStat st = stat(s, f);
        sb.append("<td class=\"n\">")
            .append(st == null ? "–" : num(st.getMean(), 1) + " / " + num(st.getMedian(), 1))
            .append("</td>");
      }
      sb.append("<td class=\"n\">").append(pct(s.getRevenueShare())).append("</td></tr>");
    }
    sb.append("</table>\n");
    List<String> rows = new ArrayList<>();
    double[][] z = new double[d.segments.size()][features.size()];
    String[][] text = new String[d.segments.size()][features.size()];
    for (int j = 0; j < features.size(); j++) {
      String f = features.get(j);
      double[] all = d.values.get(f);
      double[] means = new double[d.segments.size()];
      for (int i = 0; i < means.length; i++) {
        FeatureStat st = stat(d.segments.get(i), f);
        means[i] = st == null ? Double.NaN : st.getMean();
      }
      // Standardised against all customers when their values are known, else across segments.
      double mu = all != null && all.length > 1 ? mean(all) : mean(means);
      double sd = all != null && all.length > 1 ? sd(all) : sd(means);
      for (int i = 0; i < means.length; i++) {
        z[i][j] = sd > 0 ? (means[i] - mu) / sd : 0;
        text[i][j] = num(z[i][j], 2);
      }
    }
    for (SegmentRecord s : d.segments) {
      rows.add(s.getSegmentId() + ". " + s.getSegmentName());
    }
    sb.append(
        SvgCharts.heatmap(
            "Segment means per feature (standardised: (mean − all customers' " + "mean) / sd)",
            rows,
            features,
            z,
            text,
            true));
    String scatter = pcaScatter(d);
    if (scatter != null) {
      sb.append(scatter);
    }
    sb.append("</section>\n");
  }

  /**
   * Says that the distributions are a sample's, for an output with more than {@link
   * ReportData#KEPT_CUSTOMERS} customers; empty otherwise.
   */
  static String sampleNote(ReportData d) {
    if (d.keptCustomers >= d.customerCount) {
      return "";
    }
    return "<p class=\"reason\">"
        + count(d.customerCount)
        + " customers: the distributions, shares and standardised means in this report are those"
        + " of an evenly spaced sample of "
        + count(d.keptCustomers)
        + " of them (in output order); counts are of every customer.</p>\n";
  }

  /** Above this many customers the scatter plot shows an evenly spaced, deterministic sample. */
  static final int SCATTER_POINTS = 3000;

  /**
   * Customers on the first two principal components of the model's scaled features (the model's own
   * transform and scaler from model.json), coloured by segment; null when the model's features or
   * the customers' segments are not available.
   */
  static String pcaScatter(ReportData d) {
    if (d.model == null
        || d.model.features() == null
        || d.model.features().size() < 2
        || d.segmentIds.length < 3) {
      return null;
    }
    List<String> features = d.model.features();
    List<Double> center = d.model.scaler().center();
    List<Double> scale = d.model.scaler().scale();
    int dims = features.size();
    double[][] cols = new double[dims][];
    for (int j = 0; j < dims; j++) {
      cols[j] = d.values.get(features.get(j));
      if (cols[j] == null) {
        return null;
      }
    }
    boolean log = "log1p".equals(d.model.transform());
    int n = d.segmentIds.length;
    int step = Math.max(1, (n + SCATTER_POINTS - 1) / SCATTER_POINTS);
    int m = (n + step - 1) / step;
    double[][] x = new double[m][dims];
    int[] groups = new int[m];
    for (int k = 0; k < m; k++) {
      int i = k * step;
      groups[k] = d.segmentIds[i];
      for (int j = 0; j < dims; j++) {
        double v = cols[j][i];
        v = log ? Math.signum(v) * Math.log1p(Math.abs(v)) : v;
        x[k][j] = (v - at(center, j, 0)) / at(scale, j, 1);
      }
    }
    double[][] p = Pca.project2(x);
    double[] xs = new double[m];
    double[] ys = new double[m];
    for (int k = 0; k < m; k++) {
      xs[k] = p[k][0];
      ys[k] = p[k][1];
    }
    java.util.Map<Integer, String> names = new java.util.LinkedHashMap<>();
    for (SegmentRecord s : d.segments) {
      names.put(s.getSegmentId(), s.getSegmentId() + ". " + s.getSegmentName());
    }
    String title =
        "Customers on the first two principal components"
            + (step > 1 ? " (" + m + " of " + n + " customers, evenly sampled)" : "");
    return SvgCharts.scatter(title, xs, ys, groups, names, "PC 1", "PC 2");
  }

  // ---- (5) RFM

  private static void rfm(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"rfm\"><h2>5. Classic RFM segments</h2>\n");
    if (d.rfmSegments.isEmpty()) {
      sb.append("<p>No RFM segments in this run.</p></section>\n");
      return;
    }
    List<String> names = new ArrayList<>();
    double[] sizes = new double[d.rfmSegments.size()];
    for (int i = 0; i < sizes.length; i++) {
      names.add(d.rfmSegments.get(i).getSegmentName().toString());
      sizes[i] = d.rfmSegments.get(i).getSize();
    }
    sb.append(SvgCharts.bars("RFM segment sizes (customers)", names, sizes, null));
    sb.append(
        "<table><tr><th>RFM segment</th><th>customers</th><th>share</th><th>revenue share</th></tr>");
    for (SegmentRecord s : d.rfmSegments) {
      sb.append("<tr><td>")
          .append(esc(s.getSegmentName()))
          .append("</td><td class=\"n\">")
          .append(count(s.getSize()))
          .append("</td><td class=\"n\">")
          .append(pct(s.getCustomerShare()))
          .append("</td><td class=\"n\">")
          .append(pct(s.getRevenueShare()))
          .append("</td></tr>");
    }
    sb.append("</table>");
    if (d.hasRfmScores) {
      int bins = d.rfGrid.length;
      List<String> rows = new ArrayList<>();
      List<String> cols = new ArrayList<>();
      for (int i = 0; i < bins; i++) {
        rows.add("R = " + (bins - i));
        cols.add("F = " + (i + 1));
      }
      double[][] z = new double[bins][bins];
      String[][] text = new String[bins][bins];
      for (int i = 0; i < bins; i++) {
        for (int j = 0; j < bins; j++) {
          z[i][j] = d.rfGrid[i][j];
          text[i][j] = String.valueOf(d.rfGrid[i][j]);
        }
      }
      sb.append(
          SvgCharts.heatmap(
              "Customers by recency (R) and frequency (F) score", rows, cols, z, text, false));
    }
    sb.append("</section>\n");
  }

  // ---- (6) run facts

  private static void runFacts(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"run-facts\"><h2>7. Run facts</h2>\n<table class=\"facts\">");
    fact(sb, "runner", d.manifest.runner());
    fact(sb, "customer shards", String.valueOf(d.manifest.customerShards()));
    fact(sb, "outputs", String.join(", ", d.manifest.outputs()));
    sb.append(
        "</table><p>Times of day and durations are in <code>_timings.json</code>, so that "
            + "this report, like every other file, is the same when the run is repeated.</p>"
            + "<h3>Versions</h3><table>");
    d.manifest.versions().forEach((k, v) -> fact(sb, k, v));
    sb.append("</table><h3>Input files</h3><ul>");
    for (RunManifest.InputFile f : d.manifest.inputFiles()) {
      sb.append("<li>").append(esc(f.path())).append("</li>");
    }
    sb.append("</ul><h3>Configuration</h3><pre class=\"config\">");
    try {
      sb.append(esc(PRETTY.writeValueAsString(d.manifest.config())));
    } catch (IOException e) {
      sb.append(esc(String.valueOf(d.manifest.config())));
    }
    sb.append("</pre></section>\n");
  }

  // ---- helpers

  private static ObjectNode embedded(ReportData d) {
    ObjectNode o = JSON.createObjectNode();
    o.set("rows", JSON.valueToTree(d.manifest.rows()));
    o.put("as_of_date", d.manifest.asOfDate());
    o.put("customers", d.customerCount);
    ArrayNode segs = o.putArray("segments");
    for (SegmentRecord s : d.segments) {
      ObjectNode n = segs.addObject();
      n.put("id", s.getSegmentId());
      n.put("name", s.getSegmentName().toString());
      n.put("size", s.getSize());
      n.put("customer_share", s.getCustomerShare());
      n.put("revenue_share", s.getRevenueShare());
    }
    ArrayNode rfm = o.putArray("rfm_segments");
    for (SegmentRecord s : d.rfmSegments) {
      rfm.addObject().put("name", s.getSegmentName().toString()).put("size", s.getSize());
    }
    if (d.model != null) {
      o.put("algorithm", d.model.algorithm());
      o.set("k_scan", treeOrMissing(d.model.kScan()));
      o.set("chosen_k", treeOrMissing(d.model.chosenK()));
    }
    return o;
  }

  static void fact(StringBuilder sb, String key, String value) {
    sb.append("<tr><th>")
        .append(esc(key))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }

  /** {@code value} as JSON, or a missing node (left out of the embedded data) when null. */
  private static JsonNode treeOrMissing(Object value) {
    return value == null ? MissingNode.getInstance() : JSON.valueToTree(value);
  }

  /** {@code values[j]}, or {@code otherwise} when there is no such entry. */
  private static double at(List<Double> values, int j, double otherwise) {
    return values != null && j < values.size() && values.get(j) != null ? values.get(j) : otherwise;
  }

  private static String asOfText(ReportData d) {
    return d.manifest.asOfDate() == null ? "–" : d.manifest.asOfDate();
  }

  private static long customers(ReportData d) {
    return d.manifest.customers() == null ? d.customerCount : d.manifest.customers();
  }

  private static FeatureStat stat(SegmentRecord s, String feature) {
    for (FeatureStat f : s.getFeatures()) {
      if (f.getFeature().toString().equals(feature)) {
        return f;
      }
    }
    return null;
  }

  static double mean(double[] v) {
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        s += x;
        n++;
      }
    }
    return n == 0 ? Double.NaN : s / n;
  }

  static double sd(double[] v) {
    double m = mean(v);
    double s = 0;
    int n = 0;
    for (double x : v) {
      if (Double.isFinite(x)) {
        s += (x - m) * (x - m);
        n++;
      }
    }
    return n < 2 ? 0 : Math.sqrt(s / (n - 1));
  }

  static double min(double[] v) {
    double m = Double.POSITIVE_INFINITY;
    for (double x : v) {
      m = Math.min(m, x);
    }
    return m;
  }

  static double median(double[] v) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    return n % 2 == 1 ? s[n / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  }

  /** Sample skewness (Fisher–Pearson, population moments: scipy.stats.skew's default). */
  static double skewness(double[] v) {
    int n = v.length;
    if (n < 3) {
      return 0;
    }
    double m = mean(v);
    double m2 = 0;
    double m3 = 0;
    for (double x : v) {
      double dlt = x - m;
      m2 += dlt * dlt;
      m3 += dlt * dlt * dlt;
    }
    m2 /= n;
    m3 /= n;
    return m2 == 0 ? 0 : m3 / Math.pow(m2, 1.5);
  }

  /** The share of the total held by the top {@code fraction} of values (at least one value). */
  static double topShare(double[] v, double fraction) {
    if (v.length == 0) {
      return Double.NaN;
    }
    double[] s = v.clone();
    Arrays.sort(s);
    int top = (int) Math.max(1, Math.ceil(fraction * s.length - 1e-9));
    double total = 0;
    double head = 0;
    for (int i = 0; i < s.length; i++) {
      total += s[i];
      if (i >= s.length - top) {
        head += s[i];
      }
    }
    return total == 0 ? Double.NaN : head / total;
  }

  /** Cumulative share of revenue (y) against share of customers (x), biggest spenders first. */
  static double[][] lorenz(double[] v) {
    double[] s = v.clone();
    Arrays.sort(s);
    int n = s.length;
    double total = Arrays.stream(s).sum();
    int points = Math.min(n, 200);
    double[] xs = new double[points + 1];
    double[] ys = new double[points + 1];
    double cum = 0;
    int idx = 0;
    for (int p = 1; p <= points; p++) {
      int upto = (int) Math.round((double) p * n / points);
      while (idx < upto) {
        cum += s[n - 1 - idx];
        idx++;
      }
      xs[p] = (double) upto / n;
      ys[p] = total == 0 ? 0 : cum / total;
    }
    return new double[][] {xs, ys};
  }

  public static final String CSS =
      "body{font-family:system-ui,-apple-system,'Segoe UI',sans-serif;"
          + "margin:24px auto;max-width:1200px;color:#222;padding:0 16px}h1{margin-bottom:0}"
          + ".sub{color:#666;margin-top:4px}nav a{margin-right:12px}section{margin-top:32px;"
          + "border-top:1px solid #ddd}table{border-collapse:collapse;margin:12px 0;font-size:13px}"
          + "th,td{border:1px solid #ddd;padding:4px 8px;text-align:left}td.n{text-align:right;"
          + "font-variant-numeric:tabular-nums}tr.chosen{background:#fff5f5;font-weight:600}"
          + ".grid{display:flex;flex-wrap:wrap;gap:12px}figure{margin:0}figcaption{font-size:12px;"
          + "color:#444;max-width:560px}.cards{display:flex;flex-wrap:wrap;gap:12px}.card{border:1px "
          + "solid #ccc;border-radius:6px;padding:8px 12px;width:340px;background:#fafafa}"
          + ".card h3{margin:4px 0}.shares{color:#444;font-size:13px}.reason{background:#f5f8ff;"
          + "padding:8px;border-left:3px solid #2b6cb0}pre.config{background:#f6f6f6;padding:8px;"
          + "font-size:12px;overflow:auto;max-height:400px}svg.chart{max-width:100%;height:auto;"
          + "font-family:inherit}";
}
