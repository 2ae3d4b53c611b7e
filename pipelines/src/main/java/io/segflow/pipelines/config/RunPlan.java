// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.models.FeatureTransform;
import io.segflow.models.ScalerType;
import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.clv.ClvSettings;
import io.segflow.transforms.outliers.FilterCustomerOutliers;
import io.segflow.transforms.outliers.FilterTransactionOutliers;
import io.segflow.transforms.outliers.OutlierRule;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.InvoiceDateParser;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.read.RecordFormat;
import io.segflow.transforms.segment.RfmScoring;
import io.segflow.transforms.segment.Sampling;
import io.segflow.transforms.segment.SegmentationSettings;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A validated config turned into the transforms' own settings. Building it is where every bad value
 * is caught, with a message naming the key, before any data is read.
 */
public record RunPlan(
    SegflowConfig config,
    List<String> inputs,
    String charset,
    String dateFormat,
    ColumnMapping columns,
    int blockSize,
    RowRules rowRules,
    boolean dropDuplicates,
    OutlierRule transactionOutliers,
    OutlierRule customerOutliers,
    LocalDate asOf,
    SegmentationSettings segmentation,
    String output,
    int outputShards,
    RfmScoring rfm,
    ClvSettings clv) {

  /** The same plan writing {@code shards} part files per large output. */
  public RunPlan withOutputShards(int shards) {
    return new RunPlan(
        config,
        inputs,
        charset,
        dateFormat,
        columns,
        blockSize,
        rowRules,
        dropDuplicates,
        transactionOutliers,
        customerOutliers,
        asOf,
        segmentation,
        output,
        shards,
        rfm,
        clv);
  }

  /** The same plan reading dates with another format (see InvoiceDateParser). */
  public RunPlan withDateFormat(String format) {
    return new RunPlan(
        config,
        inputs,
        charset,
        format,
        columns,
        blockSize,
        rowRules,
        dropDuplicates,
        transactionOutliers,
        customerOutliers,
        asOf,
        segmentation,
        output,
        outputShards,
        rfm,
        clv);
  }

  /** The same plan with other segmentation settings. */
  public RunPlan withSegmentation(SegmentationSettings settings) {
    return new RunPlan(
        config,
        inputs,
        charset,
        dateFormat,
        columns,
        blockSize,
        rowRules,
        dropDuplicates,
        transactionOutliers,
        customerOutliers,
        asOf,
        settings,
        output,
        outputShards,
        rfm,
        clv);
  }

  public static RunPlan of(SegflowConfig c) {
    if ((c.input.paths == null || c.input.paths.isEmpty()) && c.input.jdbc == null) {
      throw new ConfigException(
          "no input: give --input FILE (or input.paths or input.jdbc in the config)");
    }
    if (c.output.path == null || c.output.path.isBlank()) {
      throw new ConfigException(
          "no output folder: give --output DIR (or output.path in the config)");
    }
    String charset = c.input.encoding;
    try {
      ReadTransactionFiles.create().withCharset(charset); // the reader's own check
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigException(
          "input.encoding '"
              + charset
              + "' is not a known charset"
              + " (e.g. UTF-8, ISO-8859-1, windows-1252)");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.encoding: " + e.getMessage());
    }
    try {
      RecordFormat.of(c.input.format, "");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.format (--input-format): " + e.getMessage());
    }
    try {
      InvoiceDateParser.validatePattern(c.input.dateFormat);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.date_format: " + e.getMessage());
    }
    try {
      java.time.ZoneId.of(c.input.timezone);
    } catch (java.time.DateTimeException e) {
      throw new ConfigException(
          "input.timezone (--timezone) '"
              + c.input.timezone
              + "' is not a known time zone (e.g. UTC, Europe/London, America/New_York)");
    }
    ColumnMapping columns;
    try {
      columns = ColumnMapping.withOverrides(c.input.columns);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.columns: " + e.getMessage());
    }
    if (c.input.blockSize < 1 || c.input.blockSize > 10_000_000) {
      throw new ConfigException(
          "input.block_size must be between 1 and 10,000,000, got " + c.input.blockSize);
    }
    JdbcInput.of(c, columns); // checks input.jdbc
    if (c.output.database != null) {
      DatabaseOutput.of(c.output.database);
    }
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
    if (c.output.shards < 0 || c.output.shards > 10_000) {
      throw new ConfigException(
          "output.shards must be between 0 (automatic) and 10,000, got " + c.output.shards);
    }
    SegmentationSettings segmentation =
        c.segmentation.enabled ? segmentation(c.segmentation) : null;
    return new RunPlan(
        c,
        LocalPaths.absolute(c.input.paths),
        charset,
        c.input.dateFormat,
        columns,
        c.input.blockSize,
        rules,
        c.cleaning.duplicates,
        tx,
        cu,
        asOf,
        segmentation,
        c.output.path,
        c.output.shards,
        RfmPlan.of(c.rfm),
        ClvPlan.of(c.clv));
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
