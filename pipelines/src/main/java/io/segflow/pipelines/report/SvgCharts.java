// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.c;
import static io.segflow.pipelines.report.Html.esc;

import java.util.List;
import java.util.Locale;

/**
 * Small inline-SVG charts (bars, histogram, line, heat map) written as strings: no script, no
 * external resource. Every label is HTML-escaped; every mark carries its value in a data attribute
 * and a {@code <title>} tooltip.
 */
public final class SvgCharts {
  static final int W = 560;
  static final int H = 260;
  static final int TOP = 28;
  static final int BOTTOM = 44;
  static final int LEFT = 64;
  static final int RIGHT = 18;

  /** The plot area of a W × H chart (inside the margins): histograms and line charts. */
  private static final double PLOT_X0 = LEFT;

  private static final double PLOT_X1 = W - RIGHT;
  private static final double PLOT_Y0 = TOP;
  private static final double PLOT_Y1 = H - BOTTOM;
  static final String ACCENT = "#2b6cb0";
  static final String MARK = "#c53030";

  private SvgCharts() {}

  /** Linear map of v from [d0, d1] to [r0, r1]; a degenerate domain maps to the middle. */
  static double scale(double v, double d0, double d1, double r0, double r1) {
    if (d1 == d0) {
      return (r0 + r1) / 2;
    }
    return r0 + (v - d0) / (d1 - d0) * (r1 - r0);
  }

  static String tick(double v) {
    double a = Math.abs(v);
    if (a >= 1000) {
      return String.format(Locale.ROOT, "%,.0f", v);
    }
    if (a >= 10 || v == Math.rint(v)) {
      return String.format(Locale.ROOT, "%.0f", v);
    }
    if (a >= 1) {
      return String.format(Locale.ROOT, "%.1f", v);
    }
    return String.format(Locale.ROOT, "%.3f", v);
  }

  static StringBuilder open(String cls, String title, int w, int h) {
    StringBuilder sb = new StringBuilder();
    sb.append("<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart ")
        .append(cls)
        .append("\" viewBox=\"0 0 ")
        .append(w)
        .append(' ')
        .append(h)
        .append("\" width=\"")
        .append(w)
        .append("\" height=\"")
        .append(h)
        .append("\" role=\"img\" aria-label=\"")
        .append(esc(title))
        .append("\">");
    sb.append("<title>").append(esc(title)).append("</title>");
    sb.append("<text class=\"chart-title\" x=\"")
        .append(w / 2)
        .append("\" y=\"16\" text-anchor=\"middle\" " + "font-size=\"13\" font-weight=\"600\">")
        .append(esc(title))
        .append("</text>");
    return sb;
  }

  static void text(StringBuilder sb, double x, double y, String anchor, int size, String s) {
    sb.append("<text x=\"")
        .append(c(x))
        .append("\" y=\"")
        .append(c(y))
        .append("\" text-anchor=\"")
        .append(anchor)
        .append("\" font-size=\"")
        .append(size)
        .append("\">")
        .append(esc(s))
        .append("</text>");
  }

  /** The x label under a plot area and the y label turned along its left side. */
  private static void axisLabels(
      StringBuilder sb,
      double x0,
      double x1,
      double y0,
      double y1,
      int h,
      String xLabel,
      String yLabel) {
    text(sb, (x0 + x1) / 2, h - 8, "middle", 11, xLabel);
    sb.append("<text x=\"12\" y=\"")
        .append(c((y0 + y1) / 2))
        .append("\" font-size=\"11\" " + "text-anchor=\"middle\" transform=\"rotate(-90 12 ")
        .append(c((y0 + y1) / 2))
        .append(")\">")
        .append(esc(yLabel))
        .append("</text>");
  }

  static void axes(StringBuilder sb, double x0, double y0, double x1, double y1) {
    sb.append("<line class=\"axis\" x1=\"")
        .append(c(x0))
        .append("\" y1=\"")
        .append(c(y1))
        .append("\" x2=\"")
        .append(c(x1))
        .append("\" y2=\"")
        .append(c(y1))
        .append("\" stroke=\"#555\"/>");
    sb.append("<line class=\"axis\" x1=\"")
        .append(c(x0))
        .append("\" y1=\"")
        .append(c(y0))
        .append("\" x2=\"")
        .append(c(x0))
        .append("\" y2=\"")
        .append(c(y1))
        .append("\" stroke=\"#555\"/>");
  }

  /**
   * Horizontal bars, one per label; a bar's width is proportional to its value (max = full width).
   */
  public static String bars(String title, List<String> labels, double[] values, String unit) {
    int left = 240;
    int rowH = 22;
    int h = TOP + 8 + rowH * Math.max(1, labels.size()) + 8;
    StringBuilder sb = open("bars", title, W, h);
    double max = 0;
    for (double v : values) {
      max = Math.max(max, v);
    }
    double plotW = W - left - RIGHT - 60;
    for (int i = 0; i < labels.size(); i++) {
      double y = TOP + 8 + i * rowH;
      double w = max <= 0 ? 0 : Math.max(0, values[i]) / max * plotW;
      String v = tick(values[i]) + (unit == null ? "" : unit);
      text(sb, left - 6, y + 15, "end", 11, labels.get(i));
      sb.append("<rect class=\"bar\" x=\"")
          .append(left)
          .append("\" y=\"")
          .append(c(y + 3))
          .append("\" width=\"")
          .append(c(w))
          .append("\" height=\"")
          .append(rowH - 6)
          .append("\" fill=\"")
          .append(ACCENT)
          .append("\" data-label=\"")
          .append(esc(labels.get(i)))
          .append("\" data-value=\"")
          .append(values[i])
          .append("\"><title>")
          .append(esc(labels.get(i) + ": " + v))
          .append("</title></rect>");
      text(sb, left + w + 4, y + 15, "start", 11, v);
    }
    return sb.append("</svg>").toString();
  }

  /**
   * Vertical bars in pairs, one pair per category (e.g. actual beside predicted), with a legend;
   * each bar carries its value ({@code data-value}). Non-finite values are left out.
   */
  public static String pairedBars(
      String title,
      List<String> categories,
      String nameA,
      double[] a,
      String nameB,
      double[] b,
      String xLabel,
      String yLabel) {
    StringBuilder sb = open("paired-bars", title, W, H);
    axes(sb, PLOT_X0, PLOT_Y0, PLOT_X1, PLOT_Y1);
    double max = 0;
    for (int i = 0; i < categories.size(); i++) {
      max = Math.max(max, Double.isFinite(a[i]) ? a[i] : 0);
      max = Math.max(max, Double.isFinite(b[i]) ? b[i] : 0);
    }
    double top = max <= 0 ? 1 : max * 1.1;
    double slot = (PLOT_X1 - PLOT_X0) / Math.max(1, categories.size());
    double bar = slot * 0.36;
    String[] names = {nameA, nameB};
    double[][] values = {a, b};
    for (int i = 0; i < categories.size(); i++) {
      double x = PLOT_X0 + slot * i + slot * 0.14;
      for (int k = 0; k < 2; k++) {
        double v = values[k][i];
        if (!Double.isFinite(v)) {
          continue;
        }
        double y = scale(Math.max(0, v), 0, top, PLOT_Y1, PLOT_Y0);
        sb.append("<rect class=\"bar\" x=\"")
            .append(c(x + bar * k))
            .append("\" y=\"")
            .append(c(y))
            .append("\" width=\"")
            .append(c(bar))
            .append("\" height=\"")
            .append(c(PLOT_Y1 - y))
            .append("\" fill=\"")
            .append(k == 0 ? ACCENT : MARK)
            .append("\" data-label=\"")
            .append(esc(categories.get(i) + " " + names[k]))
            .append("\" data-value=\"")
            .append(v)
            .append("\"><title>")
            .append(esc(categories.get(i) + ", " + names[k] + ": " + tick(v)))
            .append("</title></rect>");
      }
      text(sb, x + bar, PLOT_Y1 + 14, "middle", 10, categories.get(i));
    }
    for (int i = 0; i <= 4; i++) {
      double v = top * i / 4;
      text(sb, PLOT_X0 - 4, scale(v, 0, top, PLOT_Y1, PLOT_Y0) + 3, "end", 10, tick(v));
    }
    for (int k = 0; k < 2; k++) {
      double lx = PLOT_X0 + 10;
      double ly = PLOT_Y0 + 4 + 16 * k;
      sb.append("<rect class=\"legend\" x=\"")
          .append(c(lx))
          .append("\" y=\"")
          .append(c(ly))
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(k == 0 ? ACCENT : MARK)
          .append("\"/>");
      text(sb, lx + 18, ly + 10, "start", 11, names[k]);
    }
    axisLabels(sb, PLOT_X0, PLOT_X1, PLOT_Y0, PLOT_Y1, H, xLabel, yLabel);
    return sb.append("</svg>").toString();
  }

  /**
   * A histogram of values in equal-width bins; with {@code log} the bins are equal on log10(1 + x)
   * (values must be ≥ 0) and the axis is labelled in the original units.
   */
  public static String histogram(
      String title, double[] values, int bins, boolean log, String xLabel) {
    StringBuilder sb = open("histogram", title, W, H);
    axes(sb, PLOT_X0, PLOT_Y0, PLOT_X1, PLOT_Y1);
    if (values.length == 0) {
      text(sb, W / 2.0, H / 2.0, "middle", 12, "no data");
      return sb.append("</svg>").toString();
    }
    double min = Double.POSITIVE_INFINITY;
    double max = Double.NEGATIVE_INFINITY;
    for (double v : values) {
      min = Math.min(min, v);
      max = Math.max(max, v);
    }
    boolean useLog = log && min >= 0;
    double t0 = useLog ? Math.log10(1 + min) : min;
    double t1 = useLog ? Math.log10(1 + max) : max;
    if (t1 == t0) {
      t1 = t0 + 1;
    }
    long[] counts = new long[bins];
    for (double v : values) {
      double t = useLog ? Math.log10(1 + v) : v;
      int b = (int) Math.floor((t - t0) / (t1 - t0) * bins);
      counts[Math.min(bins - 1, Math.max(0, b))]++;
    }
    long top = 1;
    for (long n : counts) {
      top = Math.max(top, n);
    }
    double bw = (PLOT_X1 - PLOT_X0) / bins;
    for (int b = 0; b < bins; b++) {
      double h = counts[b] / (double) top * (PLOT_Y1 - PLOT_Y0);
      double lo = t0 + (t1 - t0) * b / bins;
      double hi = t0 + (t1 - t0) * (b + 1) / bins;
      String range =
          useLog
              ? tick(Math.pow(10, lo) - 1) + "–" + tick(Math.pow(10, hi) - 1)
              : tick(lo) + "–" + tick(hi);
      sb.append("<rect class=\"bin\" x=\"")
          .append(c(PLOT_X0 + b * bw + 0.5))
          .append("\" y=\"")
          .append(c(PLOT_Y1 - h))
          .append("\" width=\"")
          .append(c(Math.max(0, bw - 1)))
          .append("\" height=\"")
          .append(c(h))
          .append("\" fill=\"")
          .append(ACCENT)
          .append("\" data-count=\"")
          .append(counts[b])
          .append("\"><title>")
          .append(esc(range + ": " + counts[b]))
          .append("</title></rect>");
    }
    for (int i = 0; i <= 4; i++) {
      double t = t0 + (t1 - t0) * i / 4;
      double label = useLog ? Math.pow(10, t) - 1 : t;
      text(sb, PLOT_X0 + (PLOT_X1 - PLOT_X0) * i / 4, PLOT_Y1 + 14, "middle", 10, tick(label));
    }
    text(sb, PLOT_X0 - 4, PLOT_Y0 + 8, "end", 10, String.valueOf(top));
    text(sb, PLOT_X0 - 4, PLOT_Y1, "end", 10, "0");
    text(sb, (PLOT_X0 + PLOT_X1) / 2, H - 8, "middle", 11, xLabel + (useLog ? " (log scale)" : ""));
    return sb.append("</svg>").toString();
  }

  /**
   * A line chart without marks: see {@link #line(String, double[], double[], String, String,
   * Double, Double, boolean)}.
   */
  public static String line(String title, double[] xs, double[] ys, String xLabel, String yLabel) {
    return line(title, xs, ys, xLabel, yLabel, null, null, false);
  }

  /**
   * A line chart; {@code markX} marks the point at that x (vertical line and a red dot), {@code
   * markY} draws a horizontal line at that y, {@code diagonal} the line y = x (equality).
   */
  public static String line(
      String title,
      double[] xs,
      double[] ys,
      String xLabel,
      String yLabel,
      Double markX,
      Double markY,
      boolean diagonal) {
    StringBuilder sb = open("line", title, W, H);
    axes(sb, PLOT_X0, PLOT_Y0, PLOT_X1, PLOT_Y1);
    if (xs.length == 0) {
      text(sb, W / 2.0, H / 2.0, "middle", 12, "no data");
      return sb.append("</svg>").toString();
    }
    double dx0 = Double.POSITIVE_INFINITY;
    double dx1 = Double.NEGATIVE_INFINITY;
    double dy0 = Double.POSITIVE_INFINITY;
    double dy1 = Double.NEGATIVE_INFINITY;
    for (int i = 0; i < xs.length; i++) {
      dx0 = Math.min(dx0, xs[i]);
      dx1 = Math.max(dx1, xs[i]);
      if (Double.isFinite(ys[i])) {
        dy0 = Math.min(dy0, ys[i]);
        dy1 = Math.max(dy1, ys[i]);
      }
    }
    if (markY != null) {
      dy0 = Math.min(dy0, markY);
      dy1 = Math.max(dy1, markY);
    }
    if (diagonal) {
      dy0 = Math.min(dy0, dx0);
      dy1 = Math.max(dy1, dx1);
    }
    if (!Double.isFinite(dy0)) {
      dy0 = 0;
      dy1 = 1;
    }
    double pad = (dy1 - dy0) * 0.05;
    double fy0 = dy0 - pad;
    double fy1 = dy1 + pad;
    if (diagonal) {
      fy0 = dy0;
      fy1 = dy1;
      sb.append("<line class=\"diagonal\" x1=\"")
          .append(c(scale(dx0, dx0, dx1, PLOT_X0, PLOT_X1)))
          .append("\" y1=\"")
          .append(c(scale(dx0, fy0, fy1, PLOT_Y1, PLOT_Y0)))
          .append("\" x2=\"")
          .append(c(scale(dx1, dx0, dx1, PLOT_X0, PLOT_X1)))
          .append("\" y2=\"")
          .append(c(scale(dx1, fy0, fy1, PLOT_Y1, PLOT_Y0)))
          .append("\" stroke=\"#999\" stroke-dasharray=\"4 3\"/>");
    }
    StringBuilder pts = new StringBuilder();
    for (int i = 0; i < xs.length; i++) {
      if (!Double.isFinite(ys[i])) {
        continue;
      }
      pts.append(c(scale(xs[i], dx0, dx1, PLOT_X0, PLOT_X1)))
          .append(',')
          .append(c(scale(ys[i], fy0, fy1, PLOT_Y1, PLOT_Y0)))
          .append(' ');
    }
    sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
        .append(ACCENT)
        .append("\" stroke-width=\"2\" points=\"")
        .append(pts.toString().trim())
        .append("\"/>");
    if (xs.length <= 40) {
      for (int i = 0; i < xs.length; i++) {
        if (!Double.isFinite(ys[i])) {
          continue;
        }
        sb.append("<circle class=\"point\" cx=\"")
            .append(c(scale(xs[i], dx0, dx1, PLOT_X0, PLOT_X1)))
            .append("\" cy=\"")
            .append(c(scale(ys[i], fy0, fy1, PLOT_Y1, PLOT_Y0)))
            .append("\" r=\"3\" fill=\"")
            .append(ACCENT)
            .append("\" data-x=\"")
            .append(xs[i])
            .append("\" data-y=\"")
            .append(ys[i])
            .append("\"><title>")
            .append(esc(tick(xs[i]) + ": " + tick(ys[i])))
            .append("</title></circle>");
      }
    }
    if (markX != null) {
      double mx = scale(markX, dx0, dx1, PLOT_X0, PLOT_X1);
      sb.append("<line class=\"mark\" x1=\"")
          .append(c(mx))
          .append("\" y1=\"")
          .append(c(PLOT_Y0))
          .append("\" x2=\"")
          .append(c(mx))
          .append("\" y2=\"")
          .append(c(PLOT_Y1))
          .append("\" stroke=\"")
          .append(MARK)
          .append("\" stroke-dasharray=\"4 3\"/>");
      for (int i = 0; i < xs.length; i++) {
        if (xs[i] == markX && Double.isFinite(ys[i])) {
          sb.append("<circle class=\"chosen\" cx=\"")
              .append(c(mx))
              .append("\" cy=\"")
              .append(c(scale(ys[i], fy0, fy1, PLOT_Y1, PLOT_Y0)))
              .append("\" r=\"5\" fill=\"")
              .append(MARK)
              .append("\" data-x=\"")
              .append(xs[i])
              .append("\" data-y=\"")
              .append(ys[i])
              .append("\"/>");
        }
      }
    }
    if (markY != null) {
      double my = scale(markY, fy0, fy1, PLOT_Y1, PLOT_Y0);
      sb.append("<line class=\"mark-y\" x1=\"")
          .append(c(PLOT_X0))
          .append("\" y1=\"")
          .append(c(my))
          .append("\" x2=\"")
          .append(c(PLOT_X1))
          .append("\" y2=\"")
          .append(c(my))
          .append("\" stroke=\"")
          .append(MARK)
          .append("\" stroke-dasharray=\"4 3\" data-y=\"")
          .append(markY)
          .append("\"/>");
      text(sb, PLOT_X1 - 2, my - 4, "end", 10, tick(markY));
    }
    for (int i = 0; i <= 4; i++) {
      text(
          sb,
          PLOT_X0 + (PLOT_X1 - PLOT_X0) * i / 4,
          PLOT_Y1 + 14,
          "middle",
          10,
          tick(dx0 + (dx1 - dx0) * i / 4));
      text(
          sb,
          PLOT_X0 - 4,
          scale(fy0 + (fy1 - fy0) * i / 4, fy0, fy1, PLOT_Y1, PLOT_Y0) + 3,
          "end",
          10,
          tick(fy0 + (fy1 - fy0) * i / 4));
    }
    axisLabels(sb, PLOT_X0, PLOT_X1, PLOT_Y0, PLOT_Y1, H, xLabel, yLabel);
    return sb.append("</svg>").toString();
  }

  /**
   * A heat map: rows × columns of cells coloured by z (diverging blue–white–red over −2..2 when
   * {@code diverging}, else white→blue over 0..max); each cell shows its text.
   */
  public static String heatmap(
      String title,
      List<String> rows,
      List<String> cols,
      double[][] z,
      String[][] cellText,
      boolean diverging) {
    int left = 240;
    int cw = 96;
    int ch = 26;
    int w = left + cw * Math.max(1, cols.size()) + RIGHT;
    int h = TOP + 22 + ch * Math.max(1, rows.size()) + 8;
    StringBuilder sb = open("heatmap", title, w, h);
    double max = 0;
    for (double[] row : z) {
      for (double v : row) {
        if (Double.isFinite(v)) {
          max = Math.max(max, Math.abs(v));
        }
      }
    }
    for (int j = 0; j < cols.size(); j++) {
      text(sb, left + cw * j + cw / 2.0, TOP + 14, "middle", 10, cols.get(j));
    }
    for (int i = 0; i < rows.size(); i++) {
      double y = TOP + 22 + i * ch;
      text(sb, left - 6, y + 17, "end", 11, rows.get(i));
      for (int j = 0; j < cols.size(); j++) {
        double v = z[i][j];
        String fill = diverging ? diverging(v) : sequential(v, max);
        sb.append("<rect class=\"cell\" x=\"")
            .append(left + cw * j)
            .append("\" y=\"")
            .append(c(y))
            .append("\" width=\"")
            .append(cw - 2)
            .append("\" height=\"")
            .append(ch - 2)
            .append("\" fill=\"")
            .append(fill)
            .append("\" data-value=\"")
            .append(v)
            .append("\"><title>")
            .append(esc(rows.get(i) + " / " + cols.get(j) + ": " + cellText[i][j]))
            .append("</title></rect>");
        text(sb, left + cw * j + (cw - 2) / 2.0, y + 17, "middle", 10, cellText[i][j]);
      }
    }
    return sb.append("</svg>").toString();
  }

  /** One named line of a multi-line chart: points (x, y), both positive for log axes. */
  public record Series(String name, double[] xs, double[] ys) {}

  /**
   * Several lines on log–log axes (decade ticks), one colour each, with a legend: for quantities
   * spanning orders of magnitude, such as run time against data size. Non-positive or non-finite
   * points are left out.
   */
  public static String logLogLines(
      String title, List<Series> series, String xLabel, String yLabel) {
    int w = 620;
    int h = 340;
    double x0 = LEFT;
    double x1 = w - 160; // the legend sits to the right
    double y0 = TOP;
    double y1 = h - BOTTOM;
    StringBuilder sb = open("loglog", title, w, h);
    // An opaque background under the title: the chart is also shown on its own (docs), where
    // pages may be dark.
    sb.insert(
        sb.indexOf("<text class=\"chart-title\""),
        "<rect class=\"background\" x=\"0\" y=\"0\" "
            + "width=\""
            + w
            + "\" height=\""
            + h
            + "\" fill=\"#fff\"/>");
    axes(sb, x0, y0, x1, y1);
    double lx0 = Double.POSITIVE_INFINITY;
    double lx1 = Double.NEGATIVE_INFINITY;
    double ly0 = Double.POSITIVE_INFINITY;
    double ly1 = Double.NEGATIVE_INFINITY;
    for (Series s : series) {
      for (int i = 0; i < s.xs().length; i++) {
        if (plottable(s.xs()[i], s.ys()[i])) {
          lx0 = Math.min(lx0, Math.floor(Math.log10(s.xs()[i])));
          lx1 = Math.max(lx1, Math.ceil(Math.log10(s.xs()[i])));
          ly0 = Math.min(ly0, Math.floor(Math.log10(s.ys()[i])));
          ly1 = Math.max(ly1, Math.ceil(Math.log10(s.ys()[i])));
        }
      }
    }
    if (!Double.isFinite(lx0)) {
      text(sb, w / 2.0, h / 2.0, "middle", 12, "no data");
      return sb.append("</svg>").toString();
    }
    if (lx1 == lx0) {
      lx1++;
    }
    if (ly1 == ly0) {
      ly1++;
    }
    for (double d = lx0; d <= lx1; d++) {
      double x = scale(d, lx0, lx1, x0, x1);
      text(sb, x, y1 + 14, "middle", 10, decade(d));
    }
    for (double d = ly0; d <= ly1; d++) {
      double y = scale(d, ly0, ly1, y1, y0);
      sb.append("<line class=\"grid\" x1=\"")
          .append(c(x0))
          .append("\" y1=\"")
          .append(c(y))
          .append("\" x2=\"")
          .append(c(x1))
          .append("\" y2=\"")
          .append(c(y))
          .append("\" stroke=\"#e2e8f0\"/>");
      text(sb, x0 - 4, y + 3, "end", 10, decade(d));
    }
    for (int g = 0; g < series.size(); g++) {
      Series s = series.get(g);
      String colour = groupColour(g);
      StringBuilder pts = new StringBuilder();
      StringBuilder marks = new StringBuilder();
      for (int i = 0; i < s.xs().length; i++) {
        if (!plottable(s.xs()[i], s.ys()[i])) {
          continue;
        }
        double x = scale(Math.log10(s.xs()[i]), lx0, lx1, x0, x1);
        double y = scale(Math.log10(s.ys()[i]), ly0, ly1, y1, y0);
        pts.append(c(x)).append(',').append(c(y)).append(' ');
        marks
            .append("<circle class=\"point\" cx=\"")
            .append(c(x))
            .append("\" cy=\"")
            .append(c(y))
            .append("\" r=\"3.5\" fill=\"")
            .append(colour)
            .append("\" data-x=\"")
            .append(s.xs()[i])
            .append("\" data-y=\"")
            .append(s.ys()[i])
            .append("\"><title>")
            .append(esc(s.name() + ": " + tick(s.xs()[i]) + " → " + tick(s.ys()[i])))
            .append("</title></circle>");
      }
      sb.append("<polyline class=\"series\" fill=\"none\" stroke=\"")
          .append(colour)
          .append("\" stroke-width=\"2\" data-name=\"")
          .append(esc(s.name()))
          .append("\" points=\"")
          .append(pts.toString().trim())
          .append("\"/>")
          .append(marks);
      double ly = y0 + 6 + 18 * g;
      sb.append("<rect class=\"legend\" x=\"")
          .append(c(x1 + 14))
          .append("\" y=\"")
          .append(c(ly))
          .append("\" width=\"12\" height=\"12\" fill=\"")
          .append(colour)
          .append("\"/>");
      text(sb, x1 + 32, ly + 10, "start", 11, s.name());
    }
    axisLabels(sb, x0, x1, y0, y1, h, xLabel, yLabel);
    return sb.append("</svg>").toString();
  }

  /** 10^d as a label: 0.01, 0.1, 1, 10, 1,000, ... */
  private static String decade(double d) {
    return d >= 0 ? tick(Math.pow(10, d)) : "0." + "0".repeat((int) -d - 1) + "1";
  }

  private static boolean plottable(double x, double y) {
    return x > 0 && y > 0 && Double.isFinite(x) && Double.isFinite(y);
  }

  private static final String[] PALETTE = {
    "#1f77b4", "#ff7f0e", "#2ca02c", "#d62728", "#9467bd", "#8c564b", "#e377c2", "#7f7f7f",
    "#bcbd22", "#17becf"
  };

  /** Colour of group {@code g} (stable: the same segment id always gets the same colour). */
  static String groupColour(int g) {
    return PALETTE[Math.floorMod(g, PALETTE.length)];
  }

  /**
   * Points coloured by group with a legend; {@code names} maps group ids to legend labels (groups
   * are listed in the order given).
   */
  public static String scatter(
      String title,
      double[] xs,
      double[] ys,
      int[] groups,
      java.util.Map<Integer, String> names,
      String xLabel,
      String yLabel) {
    int w = 620;
    int h = 400;
    double x0 = 50;
    double x1 = 440;
    double y0 = 30;
    double y1 = h - 40;
    StringBuilder sb = open("scatter", title, w, h);
    double minX = java.util.Arrays.stream(xs).min().orElse(0);
    double maxX = java.util.Arrays.stream(xs).max().orElse(1);
    double minY = java.util.Arrays.stream(ys).min().orElse(0);
    double maxY = java.util.Arrays.stream(ys).max().orElse(1);
    double sx = maxX > minX ? (x1 - x0) / (maxX - minX) : 1;
    double sy = maxY > minY ? (y1 - y0) / (maxY - minY) : 1;
    axes(sb, x0, y0, x1, y1);
    for (int i = 0; i < xs.length; i++) {
      sb.append("<circle cx=\"")
          .append(c(x0 + (xs[i] - minX) * sx))
          .append("\" cy=\"")
          .append(c(y1 - (ys[i] - minY) * sy))
          .append("\" r=\"2\" fill=\"")
          .append(groupColour(groups[i]))
          .append("\" fill-opacity=\"0.6\"/>");
    }
    text(sb, (x0 + x1) / 2, h - 8, "middle", 11, xLabel);
    text(sb, 14, (y0 + y1) / 2, "middle", 11, yLabel);
    int row = 0;
    for (java.util.Map.Entry<Integer, String> e : names.entrySet()) {
      double y = y0 + 10 + 18 * row++;
      sb.append("<rect x=\"455\" y=\"")
          .append(c(y - 9))
          .append("\" width=\"10\" height=\"10\" " + "fill=\"")
          .append(groupColour(e.getKey()))
          .append("\"/>");
      text(sb, 470, y, "start", 11, e.getValue());
    }
    return sb.append("</svg>").toString();
  }

  static String diverging(double v) {
    if (!Double.isFinite(v)) {
      return "#eeeeee";
    }
    double t = Math.max(-1, Math.min(1, v / 2));
    int r;
    int g;
    int b;
    if (t >= 0) {
      r = 255 - (int) Math.round(t * (255 - 197));
      g = 255 - (int) Math.round(t * (255 - 48));
      b = 255 - (int) Math.round(t * (255 - 48));
    } else {
      r = 255 - (int) Math.round(-t * (255 - 43));
      g = 255 - (int) Math.round(-t * (255 - 108));
      b = 255 - (int) Math.round(-t * (255 - 176));
    }
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }

  static String sequential(double v, double max) {
    if (!Double.isFinite(v) || max <= 0) {
      return "#ffffff";
    }
    double t = Math.max(0, Math.min(1, v / max));
    int r = 255 - (int) Math.round(t * (255 - 43));
    int g = 255 - (int) Math.round(t * (255 - 108));
    int b = 255 - (int) Math.round(t * (255 - 176));
    return String.format(Locale.ROOT, "#%02x%02x%02x", r, g, b);
  }
}
