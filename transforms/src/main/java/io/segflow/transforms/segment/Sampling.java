// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;

/**
 * When training stops holding every customer in one place. Up to {@code threshold} customers the
 * model is fitted on all of them and segment medians are exact, as always. Above it the model is
 * fitted on a uniform sample of {@code sampleSize} customers chosen in a distributed way ({@link
 * TrainSegmentation}), every customer is still assigned and profiled, and segment medians come from
 * a bounded-memory sketch ({@link ProfileSegments}). In any k-scan or DBSCAN fit over more than
 * {@code silhouetteRows} customers the silhouette, O(n²) when exact, is estimated on a seeded
 * sample of that many. An automatic k-scan over more than {@code scanRows} customers chooses k on a
 * seeded sample of that many (every k fitted and measured there) and then fits the chosen k on all
 * of them with the same seeds, so the model is the one a full scan gives when it picks the same k.
 *
 * <p>Defaults: 200,000 customers are ~30 MB of candidates while the sample is chosen. A 50,000
 * sample bounds the k-scan's cost whatever the number of customers (measured in
 * docs/performance.md) while still putting ~2,500 customers in a 5 % segment, far more than k-means
 * needs to place its centroid. A 10,000-row silhouette estimate has a standard error well below the
 * 0.01 that {@code KSelector} treats as a tie; a 10,000-customer scan sample keeps the scan's
 * silhouettes exact on it and costs about a quarter of a full scan of 43,380 customers (measured in
 * docs/performance-segmentation.md).
 */
public record Sampling(long threshold, int sampleSize, int silhouetteRows, int scanRows)
    implements Serializable {
  public static final long DEFAULT_THRESHOLD = 200_000;
  public static final int DEFAULT_SAMPLE_SIZE = 50_000;
  public static final int DEFAULT_SILHOUETTE_ROWS = 10_000;
  public static final int DEFAULT_SCAN_ROWS = 10_000;

  /**
   * The candidates above which sampling starts are held while choosing the sample, so the threshold
   * is bounded.
   */
  public static final long MAX_THRESHOLD = 10_000_000;

  public Sampling {
    if (threshold < 1 || threshold > MAX_THRESHOLD) {
      throw new IllegalArgumentException(
          "sample threshold must be between 1 and "
              + MAX_THRESHOLD
              + " customers, got "
              + threshold);
    }
    if (sampleSize < 10 || sampleSize > threshold) {
      throw new IllegalArgumentException(
          "sample size must be between 10 and the sample threshold ("
              + threshold
              + "), got "
              + sampleSize);
    }
    if (silhouetteRows < 100) {
      throw new IllegalArgumentException(
          "silhouette sample must be at least 100 customers, got " + silhouetteRows);
    }
    if (scanRows < 100) {
      throw new IllegalArgumentException(
          "k-scan sample must be at least 100 customers, got " + scanRows);
    }
  }

  /** These sizes with the default k-scan sample. */
  public Sampling(long threshold, int sampleSize, int silhouetteRows) {
    this(threshold, sampleSize, silhouetteRows, DEFAULT_SCAN_ROWS);
  }

  public static Sampling defaults() {
    return new Sampling(
        DEFAULT_THRESHOLD, DEFAULT_SAMPLE_SIZE, DEFAULT_SILHOUETTE_ROWS, DEFAULT_SCAN_ROWS);
  }
}
