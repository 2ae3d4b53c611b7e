// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.models.migration.MarkovForecast;
import io.segflow.models.migration.TransitionMatrix;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.migrate.Migration;
import io.segflow.pipelines.migrate.MigrationRun;
import io.segflow.pipelines.migrate.RunFolder;
import io.segflow.pipelines.migrate.Segmentation;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;

/** The short report printed at the end of {@code segflow migrate}: counts, matrix, forecast. */
final class MigrateSummary {
  private MigrateSummary() {}

  static void print(MigrationRun.Result r, PrintStream out) {
    Migration first = r.migrations().get(0);
    TransitionMatrix m0 = first.matrix();
    out.printf("Segflow migrate complete: %s%n", Secrets.redact(r.output().toString()));
    run(out, "from", first.from());
    run(out, "to", first.to());
    out.printf("  customers of both runs %,8d%n", m0.total());
    List<String> kept = new ArrayList<>();
    for (Migration g : r.migrations()) {
      kept.add(
          String.format("%,d", g.sameSegmentId())
              + (kept.isEmpty() ? " kept their " : " their ")
              + g.segmentation().unit());
    }
    out.printf("    in both              %,8d   (%s)%n", first.inBoth(), String.join(", ", kept));
    out.printf("    new                  %,8d%n", m0.rowTotal(m0.newRow()));
    out.printf("    gone                 %,8d%n", m0.columnTotal(m0.goneColumn()));
    out.println();
    for (Migration g : r.migrations()) {
      if (g.segmentation() == Segmentation.RFM) {
        rfmSegments(out, g);
      } else {
        clusterSegments(out, g);
      }
      matrix(out, g);
      forecast(out, g);
    }
  }

  private static void clusterSegments(PrintStream out, Migration g) {
    out.println("Segments (id: name in the earlier run | in the later run):");
    java.util.TreeSet<Integer> ids = new java.util.TreeSet<>(g.from().names().keySet());
    ids.addAll(g.to().names().keySet());
    for (int id : ids) {
      out.printf(
          "  %3d: %-32s | %s%s%n",
          id,
          orDash(g.from().names().get(id)),
          orDash(g.to().names().get(id)),
          g.renamedSegments().contains(id) ? "   (renamed)" : "");
    }
    out.println();
  }

  /** RFM segments are the same name in both runs: one name, and the customers in each. */
  private static void rfmSegments(PrintStream out, Migration g) {
    out.println(
        "RFM segments (id: place in the rule order; customers in the earlier run | in the later"
            + " run; files under "
            + g.segmentation().prefix()
            + "):");
    java.util.TreeMap<Integer, String> names = new java.util.TreeMap<>(g.from().names());
    names.putAll(g.to().names());
    names.forEach(
        (id, name) ->
            out.printf("  %3d: %-32s %,8d | %,d%n", id, name, g.from().size(id), g.to().size(id)));
    out.println();
  }

  private static void matrix(PrintStream out, Migration g) {
    TransitionMatrix m = g.matrix();
    out.println(
        (g.segmentation() == Segmentation.RFM ? "RFM transitions" : "Transitions")
            + " (customers and share of the row; rows: earlier run, columns: later run):");
    out.printf("  %-10s", "from \\ to");
    for (int j = 0; j < m.columns(); j++) {
      out.printf(" %14s", g.columnKey(j));
    }
    out.printf(" %8s%n", "total");
    for (int i = 0; i < m.rows(); i++) {
      out.printf("  %-10s", g.rowKey(i));
      for (int j = 0; j < m.columns(); j++) {
        out.printf(
            " %14s",
            m.isEmptyRow(i)
                ? m.count(i, j) + "         "
                : String.format(
                    java.util.Locale.ROOT,
                    "%,d (%5.1f%%)",
                    m.count(i, j),
                    100 * m.probability(i, j)));
      }
      out.printf(" %,8d%n", m.rowTotal(i));
    }
    out.println();
  }

  private static void forecast(PrintStream out, Migration g) {
    TransitionMatrix m = g.matrix();
    out.printf(
        "Forecast of %ssegment sizes (%d days per period; see %sforecast.json for the"
            + " assumptions):%n",
        g.segmentation() == Segmentation.RFM ? "RFM " : "",
        g.periodDays(),
        g.segmentation().prefix());
    out.printf("  %-8s", "period");
    for (int j = 0; j < m.goneColumn(); j++) {
      out.printf(" %9s", g.columnKey(j));
    }
    out.printf(" %9s%n", "total");
    sizes(out, "0", g.observedSizes());
    for (MarkovForecast.Period p : g.forecast()) {
      sizes(out, String.valueOf(p.period()), p.sizes());
    }
    g.steadyState().ifPresent(s -> sizes(out, "steady", s));
    out.println();
  }

  private static void run(PrintStream out, String label, RunFolder f) {
    out.printf(
        "  %-4s as of %s %,8d customers  %s%n",
        label, f.asOfDate(), f.customers(), Secrets.redact(f.dir().toString()));
  }

  private static void sizes(PrintStream out, String label, double[] sizes) {
    out.printf("  %-8s", label);
    double total = 0;
    for (double s : sizes) {
      out.printf(" %9.1f", s);
      total += s;
    }
    out.printf(" %9.1f%n", total);
  }

  private static String orDash(String s) {
    return s == null ? "–" : s;
  }
}
