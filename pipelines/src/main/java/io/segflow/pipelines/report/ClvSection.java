// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.count;
import static io.segflow.pipelines.report.Html.pct;
import static io.segflow.pipelines.report.HtmlReport.fact;

import io.segflow.pipelines.output.ClvDescription;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The report's predicted value section: the CLV fit and its status, expected purchases and P(alive)
 * over the frequency × recency grid, and the CLV distribution with its concentration.
 */
final class ClvSection {
  private ClvSection() {}

  static void append(StringBuilder sb, ReportData d) {
    sb.append("<section id=\"clv\"><h2>6. Predicted customer value</h2>\n");
    ClvDescription clv = d.clv;
    if (clv == null) {
      sb.append("<p>No customer value was predicted in this run (--no-clv).</p></section>\n");
      return;
    }
    ClvDescription.BgNbd bg = clv.bgNbd();
    ClvDescription.GammaGamma gg = clv.gammaGamma();
    sb.append("<table class=\"facts\">");
    fact(sb, "time unit", clv.timeUnit());
    fact(sb, "parameters", clv.howFitted());
    fact(
        sb,
        "BG/NBD",
        bgNbdParameters(bg)
            + "; log-likelihood "
            + num(bg.logLikelihood())
            + "; "
            + bg.status()
            + " ("
            + count(bg.customers())
            + " customers)");
    fact(
        sb,
        "Gamma-Gamma",
        "p "
            + num(gg.p())
            + ", q "
            + num(gg.q())
            + ", v "
            + num(gg.v())
            + "; log-likelihood "
            + num(gg.logLikelihood())
            + "; "
            + gg.status()
            + " ("
            + count(gg.customers())
            + " repeat buyers)");
    fact(
        sb,
        "CLV",
        clv.horizonDays()
            + " days ("
            + clv.clvMonths()
            + " months), discounted "
            + pct(clv.discountRateMonthly())
            + " a month, margin "
            + clv.margin());
    if (!clv.note().isEmpty()) {
      fact(sb, "note", clv.note());
    }
    sb.append("</table>");
    holdout(sb, clv.holdout());
    ClvReportData c = d.clvCustomers;
    if (c.any) {
      grid(sb, c, c.expected, "Mean expected purchases over the horizon", 2);
      grid(sb, c, c.pAlive, "Mean P(alive)", 3);
    }
    concentration(sb, c.clvValues());
    sb.append("</section>\n");
  }

  /**
   * The calibration/holdout chart (mean actual against mean predicted holdout purchase days per
   * calibration frequency) and the check's figures, when the run made the check.
   */
  private static void holdout(StringBuilder sb, ClvDescription.Holdout h) {
    if (h == null) {
      return;
    }
    sb.append("<h3>Holdout check</h3>");
    List<String> labels = new ArrayList<>();
    List<ClvDescription.FrequencyRow> rows = h.byCalibrationFrequency();
    double[] actual = new double[rows.size()];
    double[] predicted = new double[rows.size()];
    for (int i = 0; i < rows.size(); i++) {
      ClvDescription.FrequencyRow row = rows.get(i);
      labels.add(row.label());
      actual[i] = row.meanActual();
      predicted[i] = row.meanPredicted();
    }
    sb.append(
        SvgCharts.pairedBars(
            "Holdout purchase days per customer: actual and predicted by the calibration fit",
            labels,
            "actual",
            actual,
            "predicted",
            predicted,
            "repeat purchase days in the calibration period (x)",
            "mean purchase days in the holdout"));
    ClvDescription.BgNbd fit = h.calibrationFit().bgNbd();
    sb.append("<table class=\"facts\">");
    fact(
        sb,
        "periods",
        "calibration "
            + h.calibrationStart()
            + " to "
            + h.calibrationEnd()
            + ", holdout "
            + h.holdoutStart()
            + " to "
            + h.holdoutEnd()
            + " ("
            + count(h.holdoutDays())
            + " days)");
    fact(
        sb,
        "calibration BG/NBD",
        bgNbdParameters(fit)
            + "; "
            + fit.status()
            + " ("
            + count(h.customers())
            + " customers predicted)");
    fact(
        sb,
        "purchase days per customer",
        num(h.meanPredicted()) + " predicted, " + num(h.meanActual()) + " actual");
    fact(sb, "mean absolute error", num(h.meanAbsoluteError()));
    fact(sb, "correlation (Pearson)", num(h.correlation()));
    fact(
        sb,
        "scores",
        "from the fit on the whole period (above); the calibration fit serves this check only");
    if (!h.calibrationNote().isEmpty()) {
      fact(sb, "calibration note", h.calibrationNote());
    }
    sb.append("</table>");
  }

  /** Mean of {@code sums} per cell of the frequency × recency grid (rows: recency bands). */
  private static void grid(
      StringBuilder sb, ClvReportData c, double[][] sums, String what, int decimals) {
    List<String> rows = new ArrayList<>();
    List<String> cols = new ArrayList<>();
    for (int x = 0; x <= ClvReportData.TOP_FREQUENCY; x++) {
      cols.add("x = " + x + (x == ClvReportData.TOP_FREQUENCY ? "+" : ""));
    }
    int bands = ClvReportData.RECENCY_BANDS;
    double[][] z = new double[bands][cols.size()];
    String[][] text = new String[bands][cols.size()];
    for (int b = 0; b < bands; b++) {
      rows.add(c.bandLabel(bands - 1 - b)); // most recent repeat buyers on top
      for (int x = 0; x < cols.size(); x++) {
        long n = c.customers[bands - 1 - b][x];
        z[b][x] = n == 0 ? 0 : sums[bands - 1 - b][x] / n;
        text[b][x] =
            n == 0 ? "" : String.format(Locale.ROOT, "%." + decimals + "f (%d)", z[b][x], n);
      }
    }
    sb.append(
        SvgCharts.heatmap(
            what
                + " by repeat purchase days x and recency t_x (first to last purchase); "
                + "customers in brackets",
            rows,
            cols,
            z,
            text,
            false));
  }

  /** The CLV histogram and the share of all CLV held by the top customers. */
  private static void concentration(StringBuilder sb, double[] clv) {
    if (clv.length == 0) {
      sb.append("<p>No customer has a CLV (Gamma-Gamma not fitted: see the note).</p>");
      return;
    }
    sb.append(SvgCharts.histogram("CLV per customer", nonNegative(clv), 30, true, "clv"));
    double[] sorted = clv.clone();
    Arrays.sort(sorted);
    double total = 0;
    for (double v : sorted) {
      total += v;
    }
    int points = Math.min(100, sorted.length);
    double[] xs = new double[points + 1];
    double[] ys = new double[points + 1];
    double running = 0;
    int taken = 0;
    for (int i = 1; i <= points; i++) {
      int upTo = (int) Math.round((double) i * sorted.length / points);
      while (taken < upTo) {
        running += sorted[sorted.length - 1 - taken];
        taken++;
      }
      xs[i] = 100.0 * taken / sorted.length;
      ys[i] = total == 0 ? 0 : 100.0 * running / total;
    }
    sb.append(
        SvgCharts.line(
            "Concentration: share of all CLV held by the top customers",
            xs,
            ys,
            "top customers by CLV (%)",
            "share of total CLV (%)"));
    sb.append("<table class=\"facts\">");
    for (double top : new double[] {0.01, 0.1, 0.2, 0.5}) {
      int k = Math.max(1, (int) Math.round(top * sorted.length));
      double held = 0;
      for (int i = 0; i < k; i++) {
        held += sorted[sorted.length - 1 - i];
      }
      fact(
          sb,
          "top " + pct(top) + " (" + count(k) + " customers)",
          total == 0 ? "–" : pct(held / total) + " of the total CLV");
    }
    sb.append("</table>");
  }

  private static double[] nonNegative(double[] values) {
    return Arrays.stream(values).map(v -> Math.max(0, v)).toArray();
  }

  private static String num(Double v) {
    return v != null ? String.format(Locale.ROOT, "%.4f", v) : "–";
  }

  /** "r …, α …, a …, b …" of a BG/NBD fit. */
  private static String bgNbdParameters(ClvDescription.BgNbd bg) {
    return "r "
        + num(bg.r())
        + ", α "
        + num(bg.alpha())
        + ", a "
        + num(bg.a())
        + ", b "
        + num(bg.b());
  }
}
