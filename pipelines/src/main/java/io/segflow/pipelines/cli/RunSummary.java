// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.models.QuantileSketch;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.output.ClvDescription;
import io.segflow.pipelines.output.Comparison;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.pipelines.output.RunTimings;
import io.segflow.pipelines.report.ReportData;
import io.segflow.pipelines.run.SegflowRun;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** The short report printed at the end of a run: rows, customers, the k-scan and the segments. */
final class RunSummary {
  private RunSummary() {}

  static void print(SegflowRun.Result r, PrintStream out) {
    SegflowRun.Counts c = r.counts();
    out.printf("Segflow run complete: %s%n", Secrets.redact(r.output().toString()));
    out.printf("  rows read      %,12d%n", c.rowsRead());
    out.printf("  rows used      %,12d%n", c.rowsUsed());
    out.printf("  rows rejected  %,12d%n", c.rowsRejected());
    for (Map.Entry<String, Long> e : c.rejectedByReason().entrySet()) {
      out.printf("    %-24s %,10d%n", e.getKey(), e.getValue());
    }
    out.printf("  customers      %,12d   (as of %s)%n", c.customers(), r.manifest().asOfDate());
    if (r.manifest().inputModel() != null) {
      r.manifest()
          .inputModel()
          .path("absent_features")
          .fields()
          .forEachRemaining(
              e -> out.printf("  not computed   %s (%s)%n", e.getKey(), e.getValue().asText()));
    }
    printModel(r.output(), out);
    printClv(r.output(), out);
    out.printf(
        "  time           %,12.1f s%n", RunTimings.read(r.output()).phaseMillis("total") / 1000.0);
  }

  private static void printModel(Path output, PrintStream out) {
    try {
      ModelDescription model = ModelDescription.read(output);
      if (model == null) {
        return;
      }
      out.println();
      ModelDescription.SavedModel saved = model.scoredWithSavedModel();
      if (saved != null) {
        out.printf(
            "Scored with saved model %s (%s, trained as of %s on %,d customers); nothing "
                + "was trained in this run.%n%n",
            saved.modelId(), model.algorithm(), saved.trainedAsOf(), saved.trainingCustomers());
        printSegments(output, out);
        out.println();
        return;
      }
      printMatching(model.segmentMatching(), out);
      if (model.isDbscan()) {
        ModelDescription.Metrics q = model.metricsExcludingNoise();
        out.printf(
            "DBSCAN: eps %.4f (%s), min points %d: %d dense segment(s), %d outlier "
                + "customer(s) (%.1f%%); without the outliers silhouette %.4f, Calinski-Harabasz "
                + "%.1f, Davies-Bouldin %.4f%n%n",
            model.numericSetting("eps"),
            model.textSetting("eps_source"),
            (int) model.numericSetting("min_points"),
            model.clusters(),
            model.noise(),
            100 * model.noiseShare(),
            q.silhouette(),
            q.calinskiHarabasz(),
            q.daviesBouldin());
        printSample(model, out);
        printSegments(output, out);
        out.println();
        return;
      }
      out.println("k-scan (log1p + scaled features; the chosen k is marked *):");
      out.printf(
          "  %4s %12s %11s %18s %15s%n",
          "k", "WCSS", "silhouette", "Calinski-Harabasz", "Davies-Bouldin");
      for (ModelDescription.KScanRow row : model.kScan()) {
        out.printf(
            "  %3d%s %12.1f %11.4f %18.1f %15.4f%n",
            row.k(),
            model.chosenK() != null && row.k() == model.chosenK() ? "*" : " ",
            row.wcss(),
            row.silhouette(),
            row.calinskiHarabasz(),
            row.daviesBouldin());
      }
      out.println("  why: " + model.kReason());
      if (model.silhouetteNote() != null) {
        out.println("  " + model.silhouetteNote());
      }
      printSample(model, out);
      out.println();
      printComparison(output, out);
      printSegments(output, out);
      out.println();
    } catch (IOException e) {
      out.println("  (model summary unavailable: " + e.getMessage() + ")");
    }
  }

  /** The CLV fit: parameters, log-likelihoods, status, and a note when a fit is not clean. */
  private static void printClv(Path output, PrintStream out) {
    try {
      ClvDescription clv = ClvDescription.read(output);
      if (clv == null) {
        return;
      }
      ClvDescription.BgNbd bg = clv.bgNbd();
      ClvDescription.GammaGamma gg = clv.gammaGamma();
      out.printf(
          "%nPredicted customer value (BG/NBD + Gamma-Gamma, in %ss; %s):%n",
          clv.timeUnit(), clv.howFitted());
      out.printf(
          "  BG/NBD       r %s  alpha %s  a %s  b %s  log-likelihood %s  %s (%,d customers)%n",
          number(bg.r()),
          number(bg.alpha()),
          number(bg.a()),
          number(bg.b()),
          number(bg.logLikelihood()),
          bg.status(),
          bg.customers());
      out.printf(
          "  Gamma-Gamma  p %s  q %s  v %s  log-likelihood %s  %s (%,d repeat buyers)%n",
          number(gg.p()),
          number(gg.q()),
          number(gg.v()),
          number(gg.logLikelihood()),
          gg.status(),
          gg.customers());
      out.printf(
          "  clv over %d days (%d months), discounted %.2f%% a month, margin %.2f%n",
          clv.horizonDays(), clv.clvMonths(), 100 * clv.discountRateMonthly(), clv.margin());
      ClvDescription.Holdout h = clv.holdout();
      if (h != null) {
        out.printf(
            "  holdout check  %s..%s from a fit on %s..%s: %s predicted / %s actual purchase days"
                + " per customer, MAE %s, correlation %s (%,d customers); scores use the fit on"
                + " every day%n",
            h.holdoutStart(),
            h.holdoutEnd(),
            h.calibrationStart(),
            h.calibrationEnd(),
            number(h.meanPredicted()),
            number(h.meanActual()),
            number(h.meanAbsoluteError()),
            number(h.correlation()),
            h.customers());
      }
      if (!clv.note().isEmpty()) {
        out.println("  note: " + clv.note());
      }
      out.println();
    } catch (IOException e) {
      out.println("  (CLV summary unavailable: " + e.getMessage() + ")");
    }
  }

  /** A parameter with 4 decimals, or "-" when absent (not fitted). */
  private static String number(Double v) {
    return v != null ? String.format(java.util.Locale.ROOT, "%.4f", v) : "-";
  }

  /** After a retraining with --previous-model: which segments kept their id, which are new. */
  private static void printMatching(ModelDescription.Matching matching, PrintStream out) {
    if (matching == null) {
      return;
    }
    out.printf(
        "Segments matched to the previous model %s (centre distance, max %.2f):%n",
        matching.previousModelId(), matching.maxDistance());
    for (ModelDescription.Match m : matching.matches()) {
      if (m.isNew()) {
        out.printf("  %3d %-34s new segment%n", m.segmentId(), m.name());
      } else {
        out.printf("  %3d %-34s kept (distance %.3f)%n", m.segmentId(), m.name(), m.distance());
      }
    }
    for (ModelDescription.Retired r : matching.retired()) {
      out.printf("  %3d %-34s retired: no counterpart in this training%n", r.segmentId(), r.name());
    }
    out.println();
  }

  /** For a model trained on a sample: the sample and how the model does on every customer. */
  private static void printSample(ModelDescription model, PrintStream out) {
    ModelDescription.TrainingSample sample = model.trainingSample();
    if (sample == null) {
      return;
    }
    ModelDescription.AllCustomers all = sample.allCustomers();
    out.printf(
        "  trained on a sample of %,d of %,d customers (above %,d); on all of them: "
            + "Calinski-Harabasz %.1f, Davies-Bouldin %.4f",
        sample.sampleSize(),
        sample.customers(),
        sample.threshold(),
        all.calinskiHarabasz(),
        all.daviesBouldin());
    if (all.costRatio() != null) {
      out.printf(
          ", cost per customer %.4f vs %.4f on the sample (ratio %.4f)",
          all.modelCostPerCustomer(), all.sampleWcssPerCustomer(), all.costRatio());
    }
    out.printf(
        "%n  segment medians from a sketch (within %.1f%%), means exact%n",
        100 * QuantileSketch.RELATIVE_ACCURACY);
  }

  private static void printComparison(Path output, PrintStream out) throws IOException {
    Comparison c = Comparison.read(output);
    if (c == null) {
      return;
    }
    Map<String, Long> times = RunTimings.read(output).comparisonTrainingMs();
    out.println("Method comparison (DBSCAN's metrics exclude its outliers):");
    out.printf(
        "  %-8s %9s %7s %11s %18s %15s %9s%n",
        "method", "segments", "noise", "silhouette", "Calinski-Harabasz", "Davies-Bouldin", "time");
    for (Comparison.Method m : c.methods()) {
      out.printf(
          "  %-8s %9d %6.1f%% %11.4f %18.1f %15.4f %7.2f s%n",
          m.algorithm(),
          m.segments(),
          100 * m.noiseShare(),
          m.silhouette(),
          m.calinskiHarabasz(),
          m.daviesBouldin(),
          (times == null ? 0L : times.getOrDefault(m.algorithm(), 0L)) / 1000.0);
    }
    out.printf("  agreement (adjusted Rand index): %.4f%n%n", c.adjustedRandIndex());
  }

  private static void printSegments(Path output, PrintStream out) throws IOException {
    List<SegmentRecord> segments = ReportData.readSegments(output);
    List<SegmentRecord> rfm = segments.stream().filter(s -> s.getKind().equals("rfm")).toList();
    segments = segments.stream().filter(s -> !s.getKind().equals("rfm")).toList();
    boolean clv = segments.stream().anyMatch(s -> s.getMeanPAlive() != null);
    out.println("Segments (means; revenue share in brackets):");
    out.printf(
        "  %3s %-32s %6s %8s %9s %10s %9s %10s %8s" + (clv ? " %7s %9s %10s%n" : "%n"),
        "id",
        "name",
        "size",
        "recency",
        "frequency",
        "monetary",
        "total qty",
        "avg basket",
        "revenue",
        "p_alive",
        "exp purch",
        "clv");
    for (SegmentRecord s : segments) {
      out.printf(
          "  %3d %-32s %6d %8.1f %9.1f %10.1f %9s %10.1f %7.1f%%"
              + (clv ? " %7s %9s %10s%n" : "%n"),
          s.getSegmentId(),
          s.getSegmentName(),
          s.getSize(),
          mean(s, "recency_days"),
          mean(s, "frequency"),
          mean(s, "monetary"),
          orDash(mean(s, "total_quantity")),
          mean(s, "avg_basket_value"),
          100 * s.getRevenueShare(),
          fixed(s.getMeanPAlive(), 3),
          fixed(s.getMeanExpectedPurchases(), 2),
          fixed(s.getMeanClv(), 1));
    }
    if (!rfm.isEmpty()) {
      out.println();
      ModelDescription model = ModelDescription.read(output);
      ModelDescription.Rfm scoring = model == null ? null : model.rfm();
      out.printf(
          "Classic RFM segments (%s scores 1..%d, first matching rule):%n",
          scoring == null || scoring.method() == null ? "quantile" : scoring.method(),
          scoring == null ? 5 : scoring.bins());
      for (SegmentRecord s : rfm) {
        out.printf(
            "  %-22s %6d customers %6.1f%% of revenue%n",
            s.getSegmentName(), s.getSize(), 100 * s.getRevenueShare());
      }
    }
  }

  /** {@code v} with {@code decimals} decimals, or "-" when absent. */
  private static String fixed(Double v, int decimals) {
    return v == null || v.isNaN()
        ? "-"
        : String.format(java.util.Locale.ROOT, "%." + decimals + "f", v);
  }

  /** A mean to one decimal, or "-" for a feature the run did not profile (NaN). */
  private static String orDash(double v) {
    return Double.isNaN(v) ? "-" : String.format(java.util.Locale.ROOT, "%.1f", v);
  }

  private static double mean(SegmentRecord s, String feature) {
    for (FeatureStat f : s.getFeatures()) {
      if (f.getFeature().equals(feature)) {
        return f.getMean();
      }
    }
    return Double.NaN;
  }
}
