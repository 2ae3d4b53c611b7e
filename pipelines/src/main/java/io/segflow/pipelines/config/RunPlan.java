// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.databind.JsonNode;
import io.segflow.models.FeatureTransform;
import io.segflow.models.ScalerType;
import io.segflow.pipelines.common.Secrets;
import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.clv.ClvSettings;
import io.segflow.transforms.outliers.FilterCustomerOutliers;
import io.segflow.transforms.outliers.FilterTransactionOutliers;
import io.segflow.transforms.outliers.OutlierRule;
import io.segflow.transforms.segment.RfmScoring;
import io.segflow.transforms.segment.Sampling;
import io.segflow.transforms.segment.SegmentationSettings;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated config turned into the transforms' own settings and the run's parts (input, output,
 * models, checks, runner, lineage). Building it is where every bad value is caught, with a message
 * naming the key, before any data is read; nothing after it reads the config.
 *
 * @param customerShards blocks the rows are grouped into by customer; 0: chosen from the input
 * @param segmentation null without segmentation
 * @param models where the segmentation comes from; null without segmentation
 * @param clv null without CLV
 * @param recordedConfig the config as given, secrets masked, as manifest.json records it
 */
public record RunPlan(
    InputPlan input,
    RowRules rowRules,
    boolean dropDuplicates,
    OutlierRule transactionOutliers,
    OutlierRule customerOutliers,
    LocalDate asOf,
    int customerShards,
    SegmentationSettings segmentation,
    ModelPlan models,
    RfmScoring rfm,
    ClvSettings clv,
    OutputPlan output,
    CheckPlan checks,
    RunnerPlan runner,
    LineagePlan lineage,
    JsonNode recordedConfig) {

  /** The same plan writing {@code shards} part files per large output. */
  public RunPlan withOutputShards(int shards) {
    return with(input, segmentation, output.withShards(shards));
  }

  /** The same plan reading dates with another format (see InvoiceDateParser). */
  public RunPlan withDateFormat(String format) {
    return with(input.withDateFormat(format), segmentation, output);
  }

  /** The same plan with other segmentation settings. */
  public RunPlan withSegmentation(SegmentationSettings settings) {
    return with(input, settings, output);
  }

  private RunPlan with(InputPlan in, SegmentationSettings s, OutputPlan out) {
    return new RunPlan(
        in,
        rowRules,
        dropDuplicates,
        transactionOutliers,
        customerOutliers,
        asOf,
        customerShards,
        s,
        models,
        rfm,
        clv,
        out,
        checks,
        runner,
        lineage,
        recordedConfig);
  }

  public static RunPlan of(SegflowConfig c) {
    InputPlan input = InputPlan.of(c);
    OutputPlan output = OutputPlan.of(c.output);
    Set<String> codes = new LinkedHashSet<>(c.cleaning.nonProductCodes.codes);
    RowRules rules =
        RowRules.defaults()
            .withCancellations(c.cleaning.cancellations)
            .withNonPositiveQuantity(c.cleaning.nonPositiveQuantity)
            .withNonPositivePrice(c.cleaning.nonPositivePrice)
            .withNonProductCodes(c.cleaning.nonProductCodes.enabled, codes)
            .withReturnsNetted(netReturns(c.cleaning.returns));
    LocalDateTime start = dateTime("cleaning.window.start", c.cleaning.window.start);
    LocalDateTime end = dateTime("cleaning.window.end", c.cleaning.window.end);
    try {
      rules = rules.withWindow(start, end);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("cleaning.window: " + e.getMessage());
    }
    LocalDate asOf = null;
    if (c.features.asOf != null && !c.features.asOf.isBlank()) {
      asOf = date("features.as_of (--as-of)", c.features.asOf);
      rules = rules.withAsOf(asOf.atStartOfDay());
    }
    OutlierRule tx = outliers("outliers.transaction", c.outliers.transaction);
    OutlierRule cu = outliers("outliers.customer", c.outliers.customer);
    try {
      FilterTransactionOutliers.create().withRule(tx);
      FilterCustomerOutliers.create().withRule(cu);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("outliers: " + e.getMessage());
    }
    if (c.features.customerShards < 0) {
      throw new ConfigException("features.customer_shards must be >= 0 (0 = automatic)");
    }
    SegmentationSettings segmentation =
        c.segmentation.enabled ? segmentation(c.segmentation) : null;
    RfmScoring rfm = RfmPlan.of(c.rfm);
    ClvSettings clv = ClvPlan.of(c.clv);
    CheckPlan checks = CheckPlan.of(c.checks, c.checksMode);
    ModelPlan models = c.segmentation.enabled ? ModelPlan.of(c.segmentation) : null;
    if (models != null && models.scoresWithSavedModel() && clv != null && clv.checksHoldout()) {
      throw new ConfigException(
          "clv.holdout_days (--clv-holdout-days) checks a fit made in this run, but --model"
              + " scores with the saved model's fit: drop the holdout, or check it with segflow"
              + " run or train");
    }
    if (segmentation == null && output.previousRun() != null) {
      throw new ConfigException(
          "output.previous_run (--previous-run) needs segments: run without --no-segmentation");
    }
    return new RunPlan(
        input,
        rules,
        c.cleaning.duplicates,
        tx,
        cu,
        asOf,
        c.features.customerShards,
        segmentation,
        models,
        rfm,
        clv,
        output,
        checks,
        RunnerPlan.of(c.runner),
        LineagePlan.of(c.lineage),
        Secrets.redact(ConfigLoader.toTree(c)));
  }

  private static boolean netReturns(String returns) {
    String r = returns == null ? "" : returns.toLowerCase(Locale.ROOT);
    if (!List.of("reject", "net").contains(r)) {
      throw new ConfigException("cleaning.returns must be reject or net, got '" + returns + "'");
    }
    return r.equals("net");
  }

  private static SegmentationSettings segmentation(SegflowConfig.Segmentation s) {
    String algorithm = s.algorithm == null ? "" : s.algorithm.toLowerCase(Locale.ROOT);
    if (!List.of("kmeans", "dbscan", "compare").contains(algorithm)) {
      throw new ConfigException(
          "segmentation.algorithm (--algorithm) must be kmeans, dbscan or "
              + "compare, got '"
              + s.algorithm
              + "'");
    }
    double eps;
    if (s.eps == null || s.eps.equalsIgnoreCase("auto")) {
      eps = Double.NaN;
    } else {
      try {
        eps = Double.parseDouble(s.eps.trim());
      } catch (NumberFormatException e) {
        eps = -1;
      }
      if (!(eps > 0) || Double.isInfinite(eps)) {
        throw new ConfigException(
            "segmentation.eps (--eps) must be 'auto' or a positive number, "
                + "got '"
                + s.eps
                + "'");
      }
    }
    if (s.minPoints != 0 && s.minPoints < 2) {
      throw new ConfigException(
          "segmentation.min_points (--min-points) must be at least 2 "
              + "(or 0 = number of features + 1), got "
              + s.minPoints);
    }
    int k;
    if (s.k == null || s.k.equalsIgnoreCase("auto")) {
      k = 0;
    } else {
      try {
        k = Integer.parseInt(s.k.trim());
      } catch (NumberFormatException e) {
        throw new ConfigException(
            "segmentation.k (--k) must be 'auto' or a number >= 2, got '" + s.k + "'");
      }
    }
    FeatureTransform transform =
        switch (s.transform.toLowerCase(Locale.ROOT)) {
          case "log1p" -> FeatureTransform.LOG1P;
          case "none" -> FeatureTransform.NONE;
          default ->
              throw new ConfigException(
                  "segmentation.transform (--transform) must be log1p or "
                      + "none, got '"
                      + s.transform
                      + "'");
        };
    ScalerType scaler =
        switch (s.scaler.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "")) {
          case "standard" -> ScalerType.STANDARD;
          case "minmax" -> ScalerType.MIN_MAX;
          case "robust" -> ScalerType.ROBUST;
          default ->
              throw new ConfigException(
                  "segmentation.scaler (--scaler) must be standard, "
                      + "minmax or robust, got '"
                      + s.scaler
                      + "'");
        };
    List<String> features = s.features;
    for (String role : List.of("recency_days", "frequency", "monetary")) {
      if (!features.contains(role)) {
        throw new ConfigException(
            "segmentation.features (--features) must include "
                + role
                + ": segment names are derived from recency, frequency and monetary value");
      }
    }
    Sampling sampling;
    try {
      sampling = new Sampling(s.sampleThreshold, s.sampleSize, s.silhouetteSample, s.scanSample);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(
          "segmentation.sample_threshold (--sample-threshold), sample_size "
              + "(--sample-size), silhouette_sample, scan_sample: "
              + e.getMessage());
    }
    try {
      SegmentationSettings settings =
          new SegmentationSettings(
                  features, transform, scaler, k, s.kMin, s.kMax, s.seed, s.restarts)
              .withSampling(sampling);
      return switch (algorithm) {
        case "dbscan" -> settings.withDbscan(eps, s.minPoints);
        case "compare" -> settings.withComparison(eps, s.minPoints);
        default -> settings;
      };
    } catch (IllegalArgumentException e) {
      throw new ConfigException("segmentation: " + e.getMessage());
    }
  }

  private static OutlierRule outliers(String key, SegflowConfig.OutlierConfig o) {
    try {
      return OutlierRule.of(
          o.method,
          o.param == null ? Double.NaN : o.param,
          o.fields == null ? List.of() : o.fields);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
  }

  private static LocalDate date(String key, String text) {
    try {
      return LocalDate.parse(text.trim());
    } catch (DateTimeParseException e) {
      throw new ConfigException(key + " '" + text + "' is not a date; write it as yyyy-MM-dd");
    }
  }

  private static LocalDateTime dateTime(String key, String text) {
    if (text == null || text.isBlank()) {
      return null;
    }
    String t = text.trim();
    try {
      return t.length() <= 10
          ? LocalDate.parse(t).atStartOfDay()
          : LocalDateTime.parse(t.replace(' ', 'T'));
    } catch (DateTimeParseException e) {
      throw new ConfigException(
          key + " '" + text + "' is not a date; write yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss");
    }
  }
}
