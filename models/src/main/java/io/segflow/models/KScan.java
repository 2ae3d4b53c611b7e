// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Fits k-means for every k in {@code kMin..kMax}, measures each fit ({@link KScanRow}) and picks k
 * with {@link KSelector}. A fixed k is the range {@code k..k}: its metrics are still reported.
 *
 * <p>Different k are fitted on a small fixed thread pool. The result does not depend on the thread
 * count: every k uses its own seeds ({@link KMeansTrainer}) and results are collected in k order.
 */
public final class KScan {
  public static final int DEFAULT_K_MIN = 2;
  public static final int DEFAULT_K_MAX = 10;

  private final int kMin;
  private final int kMax;
  private final KMeansTrainer trainer;
  private final int threads;
  private final int silhouetteRows;

  private KScan(int kMin, int kMax, KMeansTrainer trainer, int threads, int silhouetteRows) {
    this.kMin = kMin;
    this.kMax = kMax;
    this.trainer = trainer;
    this.threads = threads;
    this.silhouetteRows = silhouetteRows;
  }

  /** k = 2..10, default {@link KMeansTrainer}, one thread per available core, exact silhouettes. */
  public static KScan create() {
    return new KScan(
        DEFAULT_K_MIN,
        DEFAULT_K_MAX,
        KMeansTrainer.create(),
        Runtime.getRuntime().availableProcessors(),
        Integer.MAX_VALUE);
  }

  public KScan withKRange(int kMin, int kMax) {
    if (kMin < 2 || kMax < kMin) {
      throw new IllegalArgumentException("need 2 <= kMin <= kMax, got " + kMin + ".." + kMax);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows);
  }

  public KScan withTrainer(KMeansTrainer trainer) {
    if (trainer == null) {
      throw new IllegalArgumentException("trainer must not be null");
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows);
  }

  public KScan withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows);
  }

  /**
   * Silhouettes of scans over more rows than this are estimated on a seeded sample of this many
   * rows (each against all rows), because the exact silhouette costs O(n²); fewer rows are scored
   * exactly.
   */
  public KScan withSilhouetteRows(int silhouetteRows) {
    if (silhouetteRows < 1) {
      throw new IllegalArgumentException("silhouetteRows must be >= 1: " + silhouetteRows);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows);
  }

  public int silhouetteRows() {
    return silhouetteRows;
  }

  public int kMin() {
    return kMin;
  }

  public int kMax() {
    return kMax;
  }

  public KMeansTrainer trainer() {
    return trainer;
  }

  public int threads() {
    return threads;
  }

  /** Scans the scaled rows {@code x}. */
  public KScanResult run(double[][] x) {
    Matrices.requireRectangularFinite(x);
    if (kMax > x.length - 1) {
      throw new IllegalArgumentException(
          "kMax=" + kMax + " needs at least " + (kMax + 1) + " rows, got " + x.length);
    }
    int count = kMax - kMin + 1;
    KMeansFit[] fits = new KMeansFit[count];
    KScanRow[] rows = new KScanRow[count];
    int poolSize = Math.min(threads, count);
    if (poolSize == 1) {
      for (int i = 0; i < count; i++) {
        fits[i] = trainer.fit(x, kMin + i);
        rows[i] = KScanRow.of(x, fits[i], silhouetteRows, trainer.seed());
      }
    } else {
      runParallel(x, poolSize, fits, rows);
    }
    List<KScanRow> table = List.of(rows);
    return new KScanResult(table, List.of(fits), KSelector.choose(table));
  }

  private void runParallel(double[][] x, int poolSize, KMeansFit[] fits, KScanRow[] rows) {
    ExecutorService pool =
        Executors.newFixedThreadPool(
            poolSize,
            r -> {
              Thread t = new Thread(r, "segflow-kscan");
              t.setDaemon(true);
              return t;
            });
    try {
      List<Future<?>> futures = new ArrayList<>();
      for (int i = fits.length - 1;
          i >= 0;
          i--) { // largest k first: they take longest, so the pool stays balanced
        int index = i;
        futures.add(
            pool.submit(
                () -> {
                  fits[index] = trainer.fit(x, kMin + index);
                  rows[index] = KScanRow.of(x, fits[index], silhouetteRows, trainer.seed());
                }));
      }
      for (Future<?> f : futures) {
        f.get();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("k-scan interrupted", e);
    } catch (ExecutionException e) {
      throw new IllegalStateException("k-scan failed", e.getCause());
    } finally {
      pool.shutdownNow();
    }
  }
}
