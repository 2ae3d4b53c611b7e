// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import io.segflow.models.RfmScore;
import io.segflow.pipelines.output.AvroParts;
import io.segflow.pipelines.output.ClvDescription;
import io.segflow.pipelines.output.Comparison;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * What the report shows, read back from a finished (or staged) output folder: manifest.json,
 * model.json and comparison.json when present, the segments and the customers' feature values.
 */
public final class ReportData {

  /** Customer features the report keeps values of (histograms, standardisation of the heat map). */
  static final List<String> FEATURES =
      List.of(
          "recency_days",
          "frequency",
          "monetary",
          "total_quantity",
          "avg_basket_value",
          "tenure_days",
          "distinct_products");

  final RunManifest manifest;

  /** model.json and comparison.json, null when the run has none. */
  final ModelDescription model;

  final Comparison comparison;

  /** clv.json (null without the CLV stage) and the customers' predicted values. */
  final ClvDescription clv;

  final ClvReportData clvCustomers;
  final List<SegmentRecord> segments;
  final List<SegmentRecord> rfmSegments;

  /**
   * Above this many customers the report keeps an evenly spaced sample of them ({@link #values},
   * {@link #segmentIds}), so that its memory does not grow with the run: every chart and statistic
   * of a customer distribution is then the sample's, and the report says so. Counts (customers, the
   * RFM grid) are always exact.
   */
  static final int KEPT_CUSTOMERS = 1_000_000;

  /** Feature name → one value per kept customer (every customer up to {@link #KEPT_CUSTOMERS}). */
  final Map<String, double[]> values;

  /** How many customers {@link #values} holds: {@link #customerCount} unless sampled. */
  final long keptCustomers;

  /** Customers by RFM recency score (row, 5 first) and frequency score (column). */
  final long[][] rfGrid;

  final boolean hasRfmScores;
  final long customerCount;

  /** Each customer's segment id (same order as {@link #values}), or -1 without segmentation. */
  final int[] segmentIds;

  private ReportData(
      RunManifest manifest,
      ModelDescription model,
      Comparison comparison,
      List<SegmentRecord> segments,
      List<SegmentRecord> rfmSegments,
      Map<String, double[]> values,
      long[][] rfGrid,
      boolean hasRfmScores,
      long customerCount,
      int[] segmentIds,
      ClvDescription clv,
      ClvReportData clvCustomers) {
    this.segmentIds = segmentIds;
    this.clv = clv;
    this.clvCustomers = clvCustomers;
    this.keptCustomers = segmentIds.length;
    this.manifest = manifest;
    this.model = model;
    this.comparison = comparison;
    this.segments = segments;
    this.rfmSegments = rfmSegments;
    this.values = values;
    this.rfGrid = rfGrid;
    this.hasRfmScores = hasRfmScores;
    this.customerCount = customerCount;
  }

  public static ReportData read(Path dir) throws IOException {
    return read(dir, KEPT_CUSTOMERS);
  }

  /** As {@link #read(Path)}, keeping at most {@code keep} customers' values. */
  static ReportData read(Path dir, int keep) throws IOException {
    RunManifest manifest = RunManifest.read(dir);
    ModelDescription model = ModelDescription.read(dir);
    Comparison comparison = Comparison.read(dir);
    ClvDescription clv = ClvDescription.read(dir);
    List<SegmentRecord> all = readSegments(dir);
    List<SegmentRecord> rfm =
        all.stream().filter(s -> "rfm".equals(s.getKind().toString())).toList();
    List<SegmentRecord> clusters =
        all.stream().filter(s -> !"rfm".equals(s.getKind().toString())).toList();

    long expected = manifest.customers() == null ? -1 : manifest.customers();
    Map<String, DoubleList> lists = new LinkedHashMap<>();
    FEATURES.forEach(f -> lists.put(f, new DoubleList(expected, keep)));
    long[][] counts = new long[RfmScore.MAX_BINS][RfmScore.MAX_BINS]; // [R − 1][F − 1]
    int bins = 0;
    DoubleList ids = new DoubleList(expected, keep);
    ClvReportData clvCustomers = new ClvReportData(expected, keep);
    boolean scores = false;
    long n = 0;
    for (Path part : AvroParts.list(dir.resolve("customers"))) {
      try (DataFileReader<CustomerRecord> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(CustomerRecord.class))) {
        CustomerRecord c = null;
        while (reader.hasNext()) {
          c = reader.next(c);
          n++;
          lists.get("recency_days").add(c.getRecencyDays());
          lists.get("frequency").add(c.getFrequency());
          lists.get("monetary").add(c.getMonetary());
          lists.get("total_quantity").add(orNaN(c.getTotalQuantity()));
          lists.get("avg_basket_value").add(c.getAvgBasketValue());
          lists.get("tenure_days").add(c.getTenureDays());
          lists.get("distinct_products").add(orNaN(c.getDistinctProducts()));
          ids.add(c.getSegmentId() == null ? -1 : c.getSegmentId());
          clvCustomers.add(c);
          Integer r = c.getRfmRecencyScore();
          Integer f = c.getRfmFrequencyScore();
          if (r != null
              && f != null
              && r >= 1
              && r <= counts.length
              && f >= 1
              && f <= counts.length) {
            counts[r - 1][f - 1]++;
            bins = Math.max(bins, Math.max(r, f));
            scores = true;
          }
        }
      }
    }
    AvroParts.checkCustomerCount(dir, n, expected);
    // the run's number of bins, so that empty top scores still show
    bins = Math.max(bins, model == null || model.rfm() == null ? 5 : model.rfm().bins());
    long[][] grid = new long[bins][bins]; // rows R = bins..1, columns F = 1..bins
    for (int i = 0; i < bins; i++) {
      grid[i] = java.util.Arrays.copyOf(counts[bins - 1 - i], bins);
    }
    Map<String, double[]> values = new LinkedHashMap<>();
    lists.forEach((k, v) -> values.put(k, v.toArray()));
    int[] segmentIds = java.util.Arrays.stream(ids.toArray()).mapToInt(v -> (int) v).toArray();
    return new ReportData(
        manifest,
        model,
        comparison,
        clusters,
        rfm,
        values,
        grid,
        scores,
        n,
        segmentIds,
        clv,
        clvCustomers.finish());
  }

  /** Every record of an output folder's segments/ part files, in file order. */
  public static List<SegmentRecord> readSegments(Path dir) throws IOException {
    List<SegmentRecord> all = new ArrayList<>();
    for (Path part : AvroParts.list(dir.resolve("segments"))) {
      try (DataFileReader<SegmentRecord> reader =
          new DataFileReader<>(part.toFile(), new SpecificDatumReader<>(SegmentRecord.class))) {
        reader.forEach(all::add);
      }
    }
    return all;
  }

  /** A feature the input has no column for is null: NaN here. */
  private static double orNaN(Number v) {
    return v == null ? Double.NaN : v.doubleValue();
  }

  /**
   * One value per customer in reading order, or, when the output holds more than {@code keep}
   * customers, those of an evenly spaced sample of them: value i is kept when {@code ⌊(i + 1) ·
   * keep / total⌋ > ⌊i · keep / total⌋}. Every list of one read sees the same customers in the same
   * order, so the kept values stay aligned across lists.
   */
  static final class DoubleList {
    private final long total;
    private final long keep;
    private double[] a = new double[256];
    private int n;
    private long seen;

    /** {@code total}: the output's customer count (negative: unknown, every value is kept). */
    DoubleList(long total, long keep) {
      this.total = total;
      this.keep = keep;
    }

    void add(double v) {
      long i = seen++;
      if (total > keep && (i + 1) * keep / total == i * keep / total) {
        return;
      }
      if (n == a.length) {
        a = java.util.Arrays.copyOf(a, n * 2);
      }
      a[n++] = v;
    }

    double[] toArray() {
      return java.util.Arrays.copyOf(a, n);
    }
  }
}
