// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.OptionalInt;

/**
 * Chooses k from a k-scan table with a rule that combines the seed analysis' two methods (elbow and
 * silhouette) and uses the other indices only to break ties:
 *
 * <ol>
 *   <li>Rows where Weka dropped clusters, or whose metrics are undefined, are not candidates (they
 *       duplicate a smaller k).
 *   <li><b>Elbow</b>: the Kneedle knee of WCSS over k ({@link KneeLocator#kneeOfDecreasingConvex}).
 *       The candidates are the k within ±1 of it, because the elbow of a smooth WCSS curve is only
 *       located to about one step. Without a knee (fewer than three k, or no convex bend) every
 *       scanned k is a candidate.
 *   <li><b>Silhouette</b>: among candidates, keep those within {@value #SILHOUETTE_TOLERANCE} of
 *       the best silhouette; smaller differences are within restart-to-restart noise and should not
 *       decide.
 *   <li><b>Tie-breakers</b>: lowest Davies–Bouldin, then highest Calinski–Harabasz, then fewer
 *       clusters (fewer segments are easier to act on).
 * </ol>
 *
 * A single-row table (fixed k) is returned as is. The reason string states each step with its
 * numbers.
 */
public final class KSelector {
  /** Silhouette differences below this are treated as ties. */
  public static final double SILHOUETTE_TOLERANCE = 0.01;

  private KSelector() {}

  public static KChoice choose(List<KScanRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("empty k-scan table");
    }
    if (rows.size() == 1) {
      KScanRow only = rows.get(0);
      return new KChoice(
          only, String.format(Locale.ROOT, "fixed k=%d (no scan); %s", only.k(), describe(only)));
    }
    StringBuilder reason = new StringBuilder();
    List<KScanRow> candidates = elbowCandidates(rows, reason);
    KScanRow chosen = closest(candidates, reason);
    reason.append(" (").append(describe(chosen)).append(')');
    return new KChoice(chosen, reason.toString());
  }

  /**
   * The rows {@link #choose} picks among after its elbow and silhouette steps: one row when the
   * silhouette decided, several when the tie-breakers did (a close call).
   */
  public static List<KScanRow> finalists(List<KScanRow> rows) {
    if (rows.size() == 1) {
      return List.copyOf(rows);
    }
    List<KScanRow> candidates = elbowCandidates(rows, new StringBuilder());
    closest(candidates, new StringBuilder());
    return List.copyOf(candidates);
  }

  /**
   * Chooses among {@code rows} with the silhouette and tie-breaker steps only (no elbow): used to
   * decide a close call again on other measurements of the same k.
   */
  public static KChoice decide(List<KScanRow> rows) {
    if (rows.isEmpty()) {
      throw new IllegalArgumentException("nothing to decide among");
    }
    List<KScanRow> candidates = new ArrayList<>(rows);
    candidates.sort(Comparator.comparingInt(KScanRow::k));
    StringBuilder reason = new StringBuilder("k=").append(ks(candidates));
    KScanRow chosen = closest(candidates, reason);
    reason.append(" (").append(describe(chosen)).append(')');
    return new KChoice(chosen, reason.toString());
  }

  /** The valid rows within one k of the WCSS elbow (all valid rows without an elbow). */
  private static List<KScanRow> elbowCandidates(List<KScanRow> rows, StringBuilder reason) {
    List<KScanRow> valid = new ArrayList<>();
    for (KScanRow r : rows) {
      if (r.k() == r.requestedK() && !Double.isNaN(r.silhouette())) {
        valid.add(r);
      }
    }
    if (valid.isEmpty()) {
      throw new IllegalStateException(
          "no scanned k produced its requested number of clusters: " + rows);
    }
    valid.sort(Comparator.comparingInt(KScanRow::k));
    List<KScanRow> candidates = new ArrayList<>(valid);
    OptionalInt knee = elbowIndex(valid);
    if (knee.isPresent()) {
      int kneeK = valid.get(knee.getAsInt()).k();
      candidates.removeIf(r -> Math.abs(r.k() - kneeK) > 1);
      reason.append(
          String.format(
              Locale.ROOT,
              "elbow (Kneedle) of WCSS at k=%d; candidates k=%s",
              kneeK,
              ks(candidates)));
    } else {
      reason.append(
          String.format(Locale.ROOT, "no elbow in WCSS; candidates all k=%s", ks(candidates)));
    }
    return candidates;
  }

  /** The silhouette step, then the tie-breakers, over {@code candidates} (changed in place). */
  private static KScanRow closest(List<KScanRow> candidates, StringBuilder reason) {
    double bestSilhouette =
        candidates.stream().mapToDouble(KScanRow::silhouette).max().orElseThrow();
    candidates.removeIf(r -> r.silhouette() < bestSilhouette - SILHOUETTE_TOLERANCE);
    KScanRow chosen =
        candidates.stream()
            .min(
                Comparator.comparingDouble(KScanRow::daviesBouldin)
                    .thenComparing(
                        Comparator.comparingDouble(KScanRow::calinskiHarabasz).reversed())
                    .thenComparingInt(KScanRow::k))
            .orElseThrow();
    if (candidates.size() == 1) {
      reason.append(String.format(Locale.ROOT, "; highest silhouette at k=%d", chosen.k()));
    } else {
      reason.append(
          String.format(
              Locale.ROOT,
              "; k=%s within %.2f of the best silhouette %.4f; lowest Davies-Bouldin among them at k=%d",
              ks(candidates),
              SILHOUETTE_TOLERANCE,
              bestSilhouette,
              chosen.k()));
    }
    return chosen;
  }

  private static OptionalInt elbowIndex(List<KScanRow> sortedRows) {
    double[] k = sortedRows.stream().mapToDouble(KScanRow::k).toArray();
    double[] wcss = sortedRows.stream().mapToDouble(KScanRow::wcss).toArray();
    return KneeLocator.kneeOfDecreasingConvex(k, wcss);
  }

  private static String ks(List<KScanRow> rows) {
    StringBuilder s = new StringBuilder();
    for (KScanRow r : rows) {
      s.append(s.length() == 0 ? "" : ",").append(r.k());
    }
    return s.toString();
  }

  private static String describe(KScanRow r) {
    return String.format(
        Locale.ROOT,
        "k=%d: silhouette %.4f, Davies-Bouldin %.4f, Calinski-Harabasz %.1f, WCSS %.1f",
        r.k(),
        r.silhouette(),
        r.daviesBouldin(),
        r.calinskiHarabasz(),
        r.wcss());
  }
}
