// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static io.segflow.pipelines.report.Html.c;
import static io.segflow.pipelines.report.Html.esc;

import java.util.List;

/**
 * Inline-SVG charts of movement between segments: a Sankey diagram of a transition matrix and a
 * multi-line chart of sizes over periods. Same conventions as {@link SvgCharts}: no script, every
 * label escaped, every mark with its value in data attributes and a {@code <title>} tooltip.
 */
public final class FlowCharts {
  /** Colour of "new" and "gone", which are not segments. */
  static final String NEUTRAL = "#9a9a9a";

  private static final int NODE_W = 14;
  private static final int GAP = 10;

  private FlowCharts() {}

  /** Background of a matrix cell holding {@code share} of its row (white to blue). */
  public static String cellColour(double share) {
    return SvgCharts.sequential(share, 1);
  }

  private static String colour(int group) {
    return group < 0 ? NEUTRAL : SvgCharts.groupColour(group);
  }

  /**
   * Bands from the left nodes (rows of {@code counts}) to the right nodes (columns), each as thick
   * as its count. Both sides must hold the same total. A group id below 0 is drawn grey.
   */
  public static String sankey(
      String title,
      String leftHeading,
      String rightHeading,
      List<String> leftLabels,
      int[] leftGroups,
      List<String> rightLabels,
      int[] rightGroups,
      long[][] counts) {
    int rows = leftLabels.size();
    int cols = rightLabels.size();
    long[] rowTotals = new long[rows];
    long[] colTotals = new long[cols];
    long total = 0;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        rowTotals[i] += counts[i][j];
        colTotals[j] += counts[i][j];
        total += counts[i][j];
      }
    }
    int w = 940;
    double top = 46;
    double plot = Math.max(300, 44.0 * Math.max(rows, cols));
    int h = (int) (top + plot + GAP * Math.max(rows, cols) + 12);
    double xl = 250;
    double xr = w - 250 - NODE_W;
    StringBuilder sb = SvgCharts.open("sankey", title, w, h);
    SvgCharts.text(sb, xl + NODE_W / 2.0, 36, "middle", 12, leftHeading);
    SvgCharts.text(sb, xr + NODE_W / 2.0, 36, "middle", 12, rightHeading);
    if (total == 0) {
      SvgCharts.text(sb, w / 2.0, h / 2.0, "middle", 12, "no customers");
      return sb.append("</svg>").toString();
    }
    double scale = plot / total;
    double[] yl = positions(rowTotals, top, scale);
    double[] yr = positions(colTotals, top, scale);
    double[] outOffset = new double[rows];
    double[] inOffset = new double[cols];
    double xm = (xl + NODE_W + xr) / 2;
    for (int i = 0; i < rows; i++) {
      for (int j = 0; j < cols; j++) {
        long n = counts[i][j];
        if (n == 0) {
          continue;
        }
        double t = n * scale;
        double a0 = yl[i] + outOffset[i];
        double b0 = yr[j] + inOffset[j];
        outOffset[i] += t;
        inOffset[j] += t;
        double x0 = xl + NODE_W;
        sb.append("<path class=\"flow\" d=\"M")
            .append(c(x0))
            .append(',')
            .append(c(a0))
            .append(" C")
            .append(c(xm))
            .append(',')
            .append(c(a0))
            .append(' ')
            .append(c(xm))
            .append(',')
            .append(c(b0))
            .append(' ')
            .append(c(xr))
            .append(',')
            .append(c(b0))
            .append(" L")
            .append(c(xr))
            .append(',')
            .append(c(b0 + t))
            .append(" C")
            .append(c(xm))
            .append(',')
            .append(c(b0 + t))
            .append(' ')
            .append(c(xm))
            .append(',')
            .append(c(a0 + t))
            .append(' ')
            .append(c(x0))
            .append(',')
            .append(c(a0 + t))
            .append(" Z\" fill=\"")
            .append(colour(leftGroups[i]))
            .append("\" fill-opacity=\"0.42\" data-from=\"")
            .append(esc(leftLabels.get(i)))
            .append("\" data-to=\"")
            .append(esc(rightLabels.get(j)))
            .append("\" data-count=\"")
            .append(n)
            .append("\"><title>")
            .append(
                esc(
                    leftLabels.get(i)
                        + " → "
                        + rightLabels.get(j)
                        + ": "
                        + n
                        + " customers ("
                        + Html.pct((double) n / rowTotals[i])
                        + " of "
                        + leftLabels.get(i)
                        + ")"))
            .append("</title></path>");
      }
    }
    for (int i = 0; i < rows; i++) {
      node(
          sb,
          xl,
          yl[i],
          rowTotals[i] * scale,
          leftGroups[i],
          leftLabels.get(i),
          rowTotals[i],
          xl - 6,
          "end");
    }
    for (int j = 0; j < cols; j++) {
      node(
          sb,
          xr,
          yr[j],
          colTotals[j] * scale,
          rightGroups[j],
          rightLabels.get(j),
          colTotals[j],
          xr + NODE_W + 6,
          "start");
    }
    return sb.append("</svg>").toString();
  }

  /** Top of each node, stacked with a gap; empty nodes take no room. */
  private static double[] positions(long[] totals, double top, double scale) {
    double[] y = new double[totals.length];
    double at = top;
    for (int i = 0; i < totals.length; i++) {
      y[i] = at;
      if (totals[i] > 0) {
        at += totals[i] * scale + GAP;
      }
    }
    return y;
  }

  private static void node(
      StringBuilder sb,
      double x,
      double y,
      double height,
      int group,
      String label,
      long n,
      double labelX,
      String anchor) {
    if (n == 0) {
      return;
    }
    sb.append("<rect class=\"node\" x=\"")
        .append(c(x))
        .append("\" y=\"")
        .append(c(y))
        .append("\" width=\"")
        .append(NODE_W)
        .append("\" height=\"")
        .append(c(Math.max(1, height)))
        .append("\" fill=\"")
        .append(colour(group))
        .append("\" data-label=\"")
        .append(esc(label))
        .append("\" data-count=\"")
        .append(n)
        .append("\"><title>")
        .append(esc(label + ": " + n))
        .append("</title></rect>");
    SvgCharts.text(sb, labelX, y + height / 2 + 4, anchor, 11, label + " (" + n + ")");
  }

  /**
   * One line per series over the x values, coloured by group, with a legend; the point at x = 0 is
   * drawn filled (observed), the others hollow (forecast).
   */
  public static String lines(
      String title,
      double[] xs,
      List<String> labels,
      int[] groups,
      double[][] series,
      String xLabel,
      String yLabel) {
    int w = 760;
    int h = 320;
    double x0 = SvgCharts.LEFT;
    double x1 = 520;
    double y0 = SvgCharts.TOP;
    double y1 = h - SvgCharts.BOTTOM;
    StringBuilder sb = SvgCharts.open("lines", title, w, h);
    SvgCharts.axes(sb, x0, y0, x1, y1);
    double maxX = xs.length == 0 ? 1 : xs[xs.length - 1];
    double maxY = 0;
    for (double[] s : series) {
      for (double v : s) {
        maxY = Math.max(maxY, v);
      }
    }
    maxY = maxY <= 0 ? 1 : maxY * 1.05;
    for (int t = 0; t <= 4; t++) {
      double v = maxY * t / 4;
      double y = SvgCharts.scale(v, 0, maxY, y1, y0);
      SvgCharts.text(sb, x0 - 6, y + 4, "end", 10, SvgCharts.tick(v));
    }
    for (double x : xs) {
      SvgCharts.text(
          sb, SvgCharts.scale(x, 0, maxX, x0, x1), y1 + 14, "middle", 10, SvgCharts.tick(x));
    }
    SvgCharts.text(sb, (x0 + x1) / 2, h - 8, "middle", 11, xLabel);
    sb.append("<text x=\"12\" y=\"")
        .append(c((y0 + y1) / 2))
        .append("\" font-size=\"11\" " + "text-anchor=\"middle\" transform=\"rotate(-90 12 ")
        .append(c((y0 + y1) / 2))
        .append(")\">")
        .append(esc(yLabel))
        .append("</text>");
    for (int k = 0; k < series.length; k++) {
      String colour = colour(groups[k]);
      StringBuilder points = new StringBuilder();
      for (int t = 0; t < xs.length; t++) {
        points
            .append(t == 0 ? "" : " ")
            .append(c(SvgCharts.scale(xs[t], 0, maxX, x0, x1)))
            .append(',')
            .append(c(SvgCharts.scale(series[k][t], 0, maxY, y1, y0)));
      }
      sb.append("<polyline class=\"series\" fill=\"none\" stroke-width=\"2\" stroke=\"")
          .append(colour)
          .append("\" points=\"")
          .append(points)
          .append("\" data-label=\"")
          .append(esc(labels.get(k)))
          .append("\"/>");
      for (int t = 0; t < xs.length; t++) {
        sb.append("<circle cx=\"")
            .append(c(SvgCharts.scale(xs[t], 0, maxX, x0, x1)))
            .append("\" cy=\"")
            .append(c(SvgCharts.scale(series[k][t], 0, maxY, y1, y0)))
            .append("\" r=\"3\" stroke=\"")
            .append(colour)
            .append("\" fill=\"")
            .append(xs[t] == 0 ? colour : "#fff")
            .append("\" data-value=\"")
            .append(series[k][t])
            .append("\"><title>")
            .append(
                esc(
                    labels.get(k)
                        + ", period "
                        + SvgCharts.tick(xs[t])
                        + ": "
                        + Html.num(series[k][t], 1)))
            .append("</title></circle>");
      }
      double ly = y0 + 8 + 18 * k;
      sb.append("<rect x=\"540\" y=\"")
          .append(c(ly - 9))
          .append("\" width=\"10\" height=\"10\" fill=\"")
          .append(colour)
          .append("\"/>");
      SvgCharts.text(sb, 556, ly, "start", 11, labels.get(k));
    }
    return sb.append("</svg>").toString();
  }
}
