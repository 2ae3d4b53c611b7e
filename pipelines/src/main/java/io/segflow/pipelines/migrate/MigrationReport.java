// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import static io.segflow.pipelines.report.Html.count;
import static io.segflow.pipelines.report.Html.esc;
import static io.segflow.pipelines.report.Html.num;
import static io.segflow.pipelines.report.Html.pct;

import io.segflow.models.migration.MarkovForecast;
import io.segflow.models.migration.TransitionMatrix;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.report.FlowCharts;
import io.segflow.pipelines.report.HtmlReport;
import java.util.ArrayList;
import java.util.List;

/**
 * migration.html: one self-contained page (inline SVG and CSS, no script, nothing loaded from the
 * network) with the flows between the two runs, the matrix, the biggest moves, the forecast and the
 * segments of both runs. Every text from the data goes through {@code esc}.
 */
final class MigrationReport {
  static final String FILE = "migration.html";
  private static final int TOP_MOVES = 10;

  /** Sections per migration. */
  private static final int SECTIONS = 5;

  /** Above this share a cell's blue is dark enough to need white text. */
  private static final double DARK_CELL = 0.55;

  private MigrationReport() {}

  /**
   * The page for one or more migrations of the same two runs (the clustering's, then the RFM
   * segments'), each with its own numbered sections.
   */
  static String render(List<Migration> migrations) {
    Migration first = migrations.get(0);
    StringBuilder sb = new StringBuilder(32 * 1024 * migrations.size());
    sb.append(
            "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
                + "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
                + "<title>Segflow segment migration</title><style>")
        .append(HtmlReport.CSS)
        .append(
            "td.same{font-weight:600;outline:2px solid #2b6cb0}td small{color:#555}"
                + "td.dark,td.dark small{color:#fff}"
                + "</style></head><body>\n");
    sb.append("<h1>Segflow segment migration</h1>\n<p class=\"sub\">From ")
        .append(esc(first.from().asOfDate()))
        .append(" (")
        .append(num(first.from().customers(), 0))
        .append(" customers) to ")
        .append(esc(first.to().asOfDate()))
        .append(" (")
        .append(num(first.to().customers(), 0))
        .append(" customers) · ")
        .append(first.periodDays())
        .append(" days</p>\n");
    List<Part> parts = new ArrayList<>();
    for (Migration g : migrations) {
      parts.add(new Part(g, SECTIONS * parts.size()));
    }
    sb.append("<nav>");
    for (Part p : parts) {
      sb.append(p.offset() > 0 ? " " : "")
          .append(p.g().segmentation() == Segmentation.RFM ? "RFM segments: " : "")
          .append("<a href=\"#")
          .append(p.anchor("flows"))
          .append("\">Flows</a> <a href=\"#")
          .append(p.anchor("matrix"))
          .append("\">Matrix</a> <a href=\"#")
          .append(p.anchor("moves"))
          .append("\">Biggest moves</a> <a href=\"#")
          .append(p.anchor("forecast"))
          .append("\">Forecast</a> <a href=\"#")
          .append(p.anchor("segments"))
          .append("\">Segments</a>");
    }
    sb.append("</nav>\n");
    for (Part p : parts) {
      flows(sb, p);
      matrix(sb, p);
      moves(sb, p);
      forecast(sb, p);
      segments(sb, p);
    }
    sb.append("</body></html>\n");
    return sb.toString();
  }

  /** One migration's sections: their anchors and numbers ({@code offset} + 1, ...). */
  private record Part(Migration g, int offset) {
    String anchor(String id) {
      return g.segmentation() == Segmentation.CLUSTER ? id : g.segmentation().key() + "-" + id;
    }

    /** {@code <section id=...><h2>n. title</h2>}, the title marked for RFM segments. */
    String open(String id, int number, String title) {
      return "<section id=\""
          + anchor(id)
          + "\"><h2>"
          + (offset + number)
          + ". "
          + (g.segmentation() == Segmentation.RFM
              ? "RFM segments: " + title.toLowerCase(java.util.Locale.ROOT)
              : title)
          + "</h2>\n";
    }
  }

  private static void flows(StringBuilder sb, Part part) {
    Migration g = part.g();
    TransitionMatrix m = g.matrix();
    sb.append(part.open("flows", 1, "Flows"));
    List<String> left = new ArrayList<>();
    int[] leftGroups = new int[m.rows()];
    for (int i = 0; i < m.rows(); i++) {
      left.add(g.rowLabel(i));
      leftGroups[i] = i == m.newRow() ? -1 : m.fromSegments().get(i);
    }
    List<String> right = new ArrayList<>();
    int[] rightGroups = new int[m.columns()];
    for (int j = 0; j < m.columns(); j++) {
      right.add(g.columnLabel(j));
      rightGroups[j] = j == m.goneColumn() ? -1 : m.toSegments().get(j);
    }
    long[][] counts = new long[m.rows()][m.columns()];
    for (int i = 0; i < m.rows(); i++) {
      for (int j = 0; j < m.columns(); j++) {
        counts[i][j] = m.count(i, j);
      }
    }
    sb.append(
        FlowCharts.sankey(
            "Customers from segment to segment",
            "as of " + g.from().asOfDate(),
            "as of " + g.to().asOfDate(),
            left,
            leftGroups,
            right,
            rightGroups,
            counts));
    long union = m.total();
    sb.append("<table class=\"facts\">");
    fact(sb, "customers of both runs", count(union));
    fact(sb, "in both runs", count(g.inBoth()));
    fact(
        sb,
        "same " + g.segmentation().unit() + " in both",
        count(g.sameSegmentId())
            + " ("
            + pct(g.inBoth() == 0 ? Double.NaN : (double) g.sameSegmentId() / g.inBoth())
            + " of those in both)");
    fact(sb, "new (only in the later run)", count(m.rowTotal(m.newRow())));
    fact(sb, "gone (only in the earlier run)", count(m.columnTotal(m.goneColumn())));
    fact(sb, "earlier run", Secrets.redact(g.from().dir().toString()));
    fact(sb, "later run", Secrets.redact(g.to().dir().toString()));
    sb.append("</table><p class=\"reason\">")
        .append(esc(g.segmentation().idsNote()))
        .append("</p></section>\n");
  }

  private static void matrix(StringBuilder sb, Part part) {
    Migration g = part.g();
    TransitionMatrix m = g.matrix();
    sb.append(part.open("matrix", 2, "Transition matrix"))
        .append(
            "<p>Rows: segment in the earlier "
                + "run; columns: segment in the later run. Each cell: customers, and their share of the row "
                + "(the row's probabilities sum to 100%). Same segment id outlined.</p>\n");
    sb.append("<table class=\"matrix\"><tr><th>from \\ to</th>");
    for (int j = 0; j < m.columns(); j++) {
      sb.append("<th>").append(esc(g.columnLabel(j))).append("</th>");
    }
    sb.append("<th>total</th></tr>");
    for (int i = 0; i < m.rows(); i++) {
      sb.append("<tr><th>").append(esc(g.rowLabel(i))).append("</th>");
      boolean empty = m.isEmptyRow(i);
      for (int j = 0; j < m.columns(); j++) {
        double p = m.probability(i, j);
        sb.append("<td class=\"n")
            .append(g.sameSegment(i, j) ? " same" : "")
            .append(!empty && p > DARK_CELL ? " dark" : "")
            .append("\" style=\"background:")
            .append(FlowCharts.cellColour(empty ? 0 : p))
            .append("\">")
            .append(count(m.count(i, j)))
            .append("<br><small>")
            .append(empty ? "–" : pct(p))
            .append("</small></td>");
      }
      sb.append("<td class=\"n\">")
          .append(count(m.rowTotal(i)))
          .append(empty ? "<br><small>no customers</small>" : "")
          .append("</td></tr>");
    }
    sb.append("<tr><th>total</th>");
    for (int j = 0; j < m.columns(); j++) {
      sb.append("<td class=\"n\">").append(count(m.columnTotal(j))).append("</td>");
    }
    sb.append("<td class=\"n\">").append(count(m.total())).append("</td></tr></table></section>\n");
  }

  private static void moves(StringBuilder sb, Part part) {
    Migration g = part.g();
    sb.append(part.open("moves", 3, "Biggest moves between segments"));
    List<Migration.Flow> moves = g.movesBetweenSegments();
    if (moves.isEmpty()) {
      sb.append("<p>Every customer in both runs kept their ")
          .append(g.segmentation().unit())
          .append(".</p></section>\n");
      return;
    }
    moves.stream()
        .filter(f -> g.direction(f) > 0)
        .findFirst()
        .ifPresent(
            f ->
                sb.append("<p class=\"reason\">Biggest slip to a lower-value segment: <b>")
                    .append(esc(g.rowLabel(f.row())))
                    .append("</b> → <b>")
                    .append(esc(g.columnLabel(f.column())))
                    .append("</b>, ")
                    .append(count(f.customers()))
                    .append(" customers (")
                    .append(pct(f.shareOfRow()))
                    .append(" of the segment).</p>"));
    sb.append(
        "<table><tr><th>from (earlier run)</th><th>to (later run)</th><th>customers</th>"
            + "<th>share of the from segment</th><th>direction</th></tr>");
    for (Migration.Flow f : moves.stream().limit(TOP_MOVES).toList()) {
      sb.append("<tr><td>")
          .append(esc(g.rowLabel(f.row())))
          .append("</td><td>")
          .append(esc(g.columnLabel(f.column())))
          .append("</td><td class=\"n\">")
          .append(count(f.customers()))
          .append("</td><td class=\"n\">")
          .append(pct(f.shareOfRow()))
          .append("</td><td>")
          .append(esc(MigrationJson.direction(g.direction(f))))
          .append("</td></tr>");
    }
    sb.append(
        g.segmentation() == Segmentation.CLUSTER
            ? "</table><p>Segment ids rank value (1 = most valuable), so a move to a higher id is a "
                + "slip to a lower-value segment.</p></section>\n"
            : "</table><p>RFM segment ids follow the rule table's order, not a ranking by value, "
                + "so the moves have no direction here.</p></section>\n");
  }

  private static void forecast(StringBuilder sb, Part part) {
    Migration g = part.g();
    TransitionMatrix m = g.matrix();
    int states = m.toSegments().size();
    List<MarkovForecast.Period> periods = g.forecast();
    sb.append(part.open("forecast", 4, "Forecast of segment sizes"));
    double[] xs = new double[periods.size() + 1];
    double[][] series = new double[states][xs.length];
    double[] observed = g.observedSizes();
    for (int k = 0; k < states; k++) {
      series[k][0] = observed[k];
      for (MarkovForecast.Period p : periods) {
        series[k][p.period()] = p.sizes()[k];
      }
    }
    for (int t = 0; t < xs.length; t++) {
      xs[t] = t;
    }
    List<String> labels = new ArrayList<>();
    int[] groups = new int[states];
    for (int k = 0; k < states; k++) {
      labels.add(g.columnLabel(k));
      groups[k] = m.toSegments().get(k);
    }
    sb.append(
        FlowCharts.lines(
            "Expected customers per segment (period 0 = the later run)",
            xs,
            labels,
            groups,
            series,
            "period (" + g.periodDays() + " days each)",
            "customers"));
    sb.append("<table><tr><th>period</th><th>as of</th>");
    labels.forEach(l -> sb.append("<th>").append(esc(l)).append("</th>"));
    sb.append("<th>total</th><th>arrived</th><th>left</th></tr>");
    row(sb, "0 (observed)", g.to().asOfDate().toString(), observed, null, null);
    for (MarkovForecast.Period p : periods) {
      String date =
          g.periodDays() > 0
              ? g.to().asOfDate().plusDays(g.periodDays() * p.period()).toString()
              : "–";
      row(sb, String.valueOf(p.period()), date, p.sizes(), p.arrived(), p.left());
    }
    if (g.steadyState().isPresent()) {
      row(sb, "steady state", "", g.steadyState().get(), null, null);
    }
    sb.append("</table><p class=\"reason\">Steady state: ")
        .append(esc(MigrationJson.steadyStateNote(g)))
        .append("</p><h3>Assumptions</h3><ul>");
    MigrationJson.ASSUMPTIONS.forEach(a -> sb.append("<li>").append(esc(a)).append("</li>"));
    List<Integer> kept = MarkovForecast.segmentsWithoutObservedMoves(m);
    if (!kept.isEmpty()) {
      sb.append("<li>Here assumed to stay: segment(s) ")
          .append(esc(kept.toString()))
          .append(".</li>");
    }
    sb.append("</ul></section>\n");
  }

  private static void row(
      StringBuilder sb, String period, String date, double[] sizes, Double arrived, Double left) {
    sb.append("<tr><td>").append(esc(period)).append("</td><td>").append(esc(date)).append("</td>");
    double total = 0;
    for (double s : sizes) {
      sb.append("<td class=\"n\">").append(num(s, 1)).append("</td>");
      total += s;
    }
    sb.append("<td class=\"n\">")
        .append(num(total, 1))
        .append("</td><td class=\"n\">")
        .append(arrived == null ? "" : num(arrived, 1))
        .append("</td><td class=\"n\">")
        .append(left == null ? "" : num(left, 1))
        .append("</td></tr>");
  }

  private static void segments(StringBuilder sb, Part part) {
    Migration g = part.g();
    sb.append(part.open("segments", 5, "Segments of the two runs"))
        .append(
            "<table><tr><th>id</th>"
                + "<th>name in the earlier run</th><th>customers</th><th>name in the later run</th>"
                + "<th>customers</th><th></th></tr>");
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(g.from().names().keySet());
    ids.addAll(g.to().names().keySet());
    List<Integer> renamed = g.renamedSegments();
    for (int id : ids) {
      String a = g.from().names().get(id);
      String b = g.to().names().get(id);
      sb.append("<tr><td class=\"n\">")
          .append(id)
          .append("</td><td>")
          .append(a == null ? "–" : esc(a))
          .append("</td><td class=\"n\">")
          .append(count(g.from().size(id)))
          .append("</td><td>")
          .append(b == null ? "–" : esc(b))
          .append("</td><td class=\"n\">")
          .append(count(g.to().size(id)))
          .append("</td><td>")
          .append(
              renamed.contains(id)
                  ? "renamed: same id, another name"
                  : a == null
                      ? "only in the later run"
                      : b == null ? "only in the earlier run" : "")
          .append("</td></tr>");
    }
    sb.append("</table></section>\n");
  }

  private static void fact(StringBuilder sb, String key, String value) {
    sb.append("<tr><th>")
        .append(esc(key))
        .append("</th><td>")
        .append(esc(value))
        .append("</td></tr>");
  }
}
