// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.models.migration.MarkovForecast;
import io.segflow.models.migration.TransitionMatrix;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.Versions;
import java.util.List;

/** transitions.json, forecast.json and manifest.json of a migration. */
final class MigrationJson {
  private static final ObjectMapper JSON = new ObjectMapper();
  static final List<String> ASSUMPTIONS =
      List.of(
          "A period is the time between the two runs' as-of dates.",
          "Each period, a customer of segment s moves to segment t, or leaves ('gone'), with the share "
              + "observed among the earlier run's customers of the segment with id s.",
          "A segment of the later run without customers in the earlier run has no observed moves: its "
              + "customers are assumed to stay.",
          "'gone' is absorbing: customers who leave do not come back.",
          "Each period as many new customers arrive as the later run had (customers not in the earlier "
              + "run), spread over the segments as they were.",
          "Rates stay as observed; sizes are expected values (fractions of customers), not a "
              + "simulation.");

  private MigrationJson() {}

  static ObjectNode transitions(Migration g) {
    TransitionMatrix m = g.matrix();
    ObjectNode o = JSON.createObjectNode();
    o.set("from", run(g.from()));
    o.set("to", run(g.to()));
    o.put("segment_ids", g.segmentation().idsNote());
    ArrayNode renamed = o.putArray("renamed_segments");
    for (int id : g.renamedSegments()) {
      renamed
          .addObject()
          .put("id", id)
          .put("name_from", g.from().names().get(id))
          .put("name_to", g.to().names().get(id));
    }
    ArrayNode rows = o.putArray("rows");
    ArrayNode rowNames = o.putArray("row_names");
    for (int i = 0; i < m.rows(); i++) {
      rows.add(g.rowKey(i));
      rowNames.add(g.rowName(i));
    }
    ArrayNode cols = o.putArray("columns");
    ArrayNode colNames = o.putArray("column_names");
    for (int j = 0; j < m.columns(); j++) {
      cols.add(g.columnKey(j));
      colNames.add(g.columnName(j));
    }
    ArrayNode counts = o.putArray("counts");
    ArrayNode probabilities = o.putArray("probabilities");
    ArrayNode emptyRows = o.putArray("empty_rows");
    ArrayNode rowTotals = o.putArray("row_totals");
    for (int i = 0; i < m.rows(); i++) {
      ArrayNode c = counts.addArray();
      for (int j = 0; j < m.columns(); j++) {
        c.add(m.count(i, j));
      }
      rowTotals.add(m.rowTotal(i));
      if (m.isEmptyRow(i)) {
        probabilities.addNull();
        emptyRows.add(g.rowKey(i));
        continue;
      }
      ArrayNode p = probabilities.addArray();
      for (int j = 0; j < m.columns(); j++) {
        p.add(m.probability(i, j));
      }
    }
    ArrayNode columnTotals = o.putArray("column_totals");
    for (int j = 0; j < m.columns(); j++) {
      columnTotals.add(m.columnTotal(j));
    }
    ObjectNode totals = o.putObject("totals");
    totals.put("customers_of_both_runs", m.total());
    totals.put("in_both", g.inBoth());
    totals.put("same_segment_id", g.sameSegmentId());
    totals.put("new", m.rowTotal(m.newRow()));
    totals.put("gone", m.columnTotal(m.goneColumn()));
    ArrayNode checked = o.putArray("checked_before_publishing");
    checked.add(
        "every row with customers has probabilities summing to 1 (rows without customers "
            + "are listed in empty_rows and have null probabilities)");
    checked.add("all counts add up to the customers of both runs, each counted once");
    checked.add(
        "row new adds up to the customers only in the later run, column gone to those only "
            + "in the earlier run");
    checked.add(
        "each segment's row adds up to its size in the earlier run, each column to its size "
            + "in the later run");
    ArrayNode moves = o.putArray("biggest_moves_between_segments");
    for (Migration.Flow f : g.movesBetweenSegments().stream().limit(10).toList()) {
      moves
          .addObject()
          .put("from", g.rowKey(f.row()))
          .put("from_name", g.rowName(f.row()))
          .put("to", g.columnKey(f.column()))
          .put("to_name", g.columnName(f.column()))
          .put("customers", f.customers())
          .put("share_of_from", f.shareOfRow())
          .put("direction", direction(g.direction(f)));
    }
    return o;
  }

  static String direction(int d) {
    return d > 0 ? "to a lower-value segment" : d < 0 ? "to a higher-value segment" : "";
  }

  private static ObjectNode run(RunFolder r) {
    ObjectNode o = JSON.createObjectNode();
    o.put("path", Secrets.redact(r.dir().toString()));
    o.put("as_of_date", r.asOfDate().toString());
    o.put("customers", r.customers());
    ArrayNode segs = o.putArray("segments");
    r.names()
        .forEach(
            (id, name) ->
                segs.addObject().put("id", id).put("name", name).put("customers", r.size(id)));
    return o;
  }

  static ObjectNode forecast(Migration g) {
    TransitionMatrix m = g.matrix();
    ObjectNode o = JSON.createObjectNode();
    long days = g.periodDays();
    o.put("period_days", days);
    o.put("periods", g.forecast().size());
    ArrayNode states = o.putArray("segments");
    for (int j = 0; j < m.goneColumn(); j++) {
      states.addObject().put("id", m.toSegments().get(j)).put("name", g.columnName(j));
    }
    ArrayNode assumptions = o.putArray("assumptions");
    ASSUMPTIONS.forEach(assumptions::add);
    assumptions.add(g.segmentation().idsNote());
    ArrayNode kept = o.putArray("segments_assumed_to_stay");
    MarkovForecast.segmentsWithoutObservedMoves(m).forEach(kept::add);
    ArrayNode inflow = o.putArray("new_customers_per_period");
    for (int j = 0; j < m.goneColumn(); j++) {
      inflow.add(m.count(m.newRow(), j));
    }
    ArrayNode periods = o.putArray("forecast");
    ObjectNode observed = periods.addObject();
    observed.put("period", 0).put("as_of_date", g.to().asOfDate().toString()).put("observed", true);
    sizes(observed, g.observedSizes());
    for (MarkovForecast.Period p : g.forecast()) {
      ObjectNode n = periods.addObject();
      n.put("period", p.period());
      if (days > 0) {
        n.put("as_of_date", g.to().asOfDate().plusDays(days * p.period()).toString());
      } else {
        n.putNull("as_of_date");
      }
      n.put("observed", false);
      sizes(n, p.sizes());
      n.put("arrived", round(p.arrived()));
      n.put("left", round(p.left()));
    }
    if (g.steadyState().isPresent()) {
      sizes(o.putObject("steady_state"), g.steadyState().get());
    } else {
      o.putNull("steady_state");
    }
    o.put("steady_state_note", steadyStateNote(g));
    return o;
  }

  static String steadyStateNote(Migration g) {
    if (g.steadyState().isPresent()) {
      return "The sizes one period maps to themselves; the forecast converges to them from any start.";
    }
    return "None independent of the start: the customers of some segments never leave (no 'gone' "
        + "reachable from them), so those segments keep what they hold and grow by every new "
        + "customer who reaches them.";
  }

  private static void sizes(ObjectNode n, double[] sizes) {
    ArrayNode a = n.putArray("sizes");
    double total = 0;
    for (double s : sizes) {
      a.add(round(s));
      total += s;
    }
    n.put("total", round(total));
  }

  /** Four decimals: expected sizes are fractions of customers, the rest is rounding noise. */
  static double round(double v) {
    return Math.round(v * 1e4) / 1e4;
  }

  /**
   * The first migration's runs stand for both (the same two folders); with RFM segments, {@code
   * segments} and each migration's runs are added.
   */
  static ObjectNode manifest(List<Migration> migrations, List<String> outputs) {
    Migration g = migrations.get(0);
    ObjectNode o = JSON.createObjectNode();
    o.put("tool", "segflow");
    o.put("kind", "migration");
    o.put("manifest_version", 1);
    o.put("status", "complete");
    o.put(
        "finished_at",
        java.time.OffsetDateTime.now(java.time.ZoneOffset.UTC).withNano(0).toString());
    o.set("from", run(g.from()));
    o.set("to", run(g.to()));
    o.put("customers", g.matrix().total());
    o.put("forecast_periods", g.forecast().size());
    if (migrations.size() > 1 || g.segmentation() != Segmentation.CLUSTER) {
      ArrayNode each = o.putArray("segments");
      for (Migration m : migrations) {
        ObjectNode n = each.addObject();
        n.put("segments", m.segmentation().key());
        n.put("folder", m.segmentation().prefix().isEmpty() ? "." : m.segmentation().prefix());
        n.set("from", run(m.from()));
        n.set("to", run(m.to()));
      }
    }
    ArrayNode out = o.putArray("outputs");
    outputs.forEach(out::add);
    ObjectNode versions = o.putObject("versions");
    Versions.all().forEach(versions::put);
    return o;
  }
}
