// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.segment;

import io.segflow.models.KMeansResult;
import io.segflow.models.KMeansSegmentation;
import io.segflow.models.KScanRow;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.segment.SegmentationSettings;
import java.io.File;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.specific.SpecificDatumReader;

/**
 * Trains the default segmentation (the k-scan included) on the customers of a run's {@code
 * customers/} Avro output, as the pipeline's training step does (default settings, customers in id
 * order), and prints one line per repetition: the phase times, the chosen k, every k's metrics and
 * a hash of the labels. {@code benchmarks/segmentation.sh} runs it on two builds side by side.
 *
 * <pre>{@code
 * java -cp ... io.segflow.benchmarks.segment.SegmentationRun OUT/customers REPS [SCAN_ROWS]
 * }</pre>
 *
 * <p>SCAN_ROWS, when given, replaces the default k-scan sample size ({@code
 * KMeansSegmentation.withScanRows}).
 */
public final class SegmentationRun {
  private SegmentationRun() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 1) {
      System.err.println("usage: SegmentationRun CUSTOMERS_DIR [REPS] [SCAN_ROWS]");
      System.exit(2);
    }
    int reps = args.length > 1 ? Integer.parseInt(args[1]) : 1;
    SegmentationSettings settings = SegmentationSettings.defaults();
    List<CustomerRecord> customers = read(new File(args[0]));
    customers.sort(Comparator.comparing(c -> c.getCustomerId().toString()));
    double[][] raw = new double[customers.size()][];
    for (int i = 0; i < raw.length; i++) {
      raw[i] = settings.vector(customers.get(i));
    }
    KMeansSegmentation trainer = settings.fittedTo(raw.length).kmeans();
    if (args.length > 2) {
      trainer = trainer.withScanRows(Integer.parseInt(args[2]));
    }
    for (int r = 0; r < reps; r++) {
      long start = System.nanoTime();
      KMeansResult result = trainer.fit(raw, settings.features());
      long ms = (System.nanoTime() - start) / 1_000_000;
      StringBuilder line = new StringBuilder();
      line.append(
          String.format(
              Locale.ROOT,
              "customers=%d rep=%d fit_ms=%d timings=%s scanned=%d k=%d labels_hash=%08x",
              raw.length,
              r,
              ms,
              result.report().timingsMs(),
              result.report().scannedRows(),
              result.model().k(),
              Arrays.hashCode(result.labels())));
      for (KScanRow row : result.report().kScan()) {
        line.append(
            String.format(
                Locale.ROOT,
                " [k=%d wcss=%s sil=%s ch=%s db=%s]",
                row.k(),
                row.wcss(),
                row.silhouette(),
                row.calinskiHarabasz(),
                row.daviesBouldin()));
      }
      System.out.println(line);
    }
  }

  private static List<CustomerRecord> read(File dir) throws IOException {
    File[] files = dir.listFiles((d, name) -> name.endsWith(".avro"));
    if (files == null || files.length == 0) {
      throw new IOException("no .avro files in " + dir);
    }
    Arrays.sort(files);
    List<CustomerRecord> out = new ArrayList<>();
    for (File f : files) {
      try (DataFileReader<CustomerRecord> reader =
          new DataFileReader<>(f, new SpecificDatumReader<>(CustomerRecord.class))) {
        for (CustomerRecord c : reader) {
          out.add(c);
        }
      }
    }
    return out;
  }
}
