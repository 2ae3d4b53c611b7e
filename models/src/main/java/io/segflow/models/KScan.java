// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;

/**
 * Fits k-means for every k in {@code kMin..kMax}, measures each fit ({@link KScanRow}) and picks k
 * with {@link KSelector}. A fixed k is the range {@code k..k}: its metrics are still reported.
 *
 * <p>The restarts of every k are fitted on a small fixed thread pool. The result does not depend on
 * the thread count: every restart uses its own seed ({@link KMeansTrainer}) and results are
 * compared in k and restart order.
 */
public final class KScan {
  public static final int DEFAULT_K_MIN = 2;
  public static final int DEFAULT_K_MAX = 10;

  private final int kMin;
  private final int kMax;
  private final KMeansTrainer trainer;
  private final int threads;
  private final int silhouetteRows;
  private final int scanRows;

  private KScan(
      int kMin, int kMax, KMeansTrainer trainer, int threads, int silhouetteRows, int scanRows) {
    this.kMin = kMin;
    this.kMax = kMax;
    this.trainer = trainer;
    this.threads = threads;
    this.silhouetteRows = silhouetteRows;
    this.scanRows = scanRows;
  }

  /** k = 2..10, default {@link KMeansTrainer}, one thread per available core, exact silhouettes. */
  public static KScan create() {
    return new KScan(
        DEFAULT_K_MIN,
        DEFAULT_K_MAX,
        KMeansTrainer.create(),
        Runtime.getRuntime().availableProcessors(),
        Integer.MAX_VALUE,
        Integer.MAX_VALUE);
  }

  public KScan withKRange(int kMin, int kMax) {
    if (kMin < 2 || kMax < kMin) {
      throw new IllegalArgumentException("need 2 <= kMin <= kMax, got " + kMin + ".." + kMax);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows, scanRows);
  }

  public KScan withTrainer(KMeansTrainer trainer) {
    if (trainer == null) {
      throw new IllegalArgumentException("trainer must not be null");
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows, scanRows);
  }

  public KScan withThreads(int threads) {
    if (threads < 1) {
      throw new IllegalArgumentException("threads must be >= 1: " + threads);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows, scanRows);
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
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows, scanRows);
  }

  /**
   * Scans over more rows than this choose k on a seeded sample of this many rows (every k fitted
   * and measured on the sample), then fit the chosen k on all rows with the same seeds and
   * restarts: the model is the one a full scan would give when it picks the same k, at a fraction
   * of the cost. Fewer rows, and a fixed k ({@code kMin == kMax}), are scanned in full.
   */
  public KScan withScanRows(int scanRows) {
    if (scanRows < 1) {
      throw new IllegalArgumentException("scanRows must be >= 1: " + scanRows);
    }
    return new KScan(kMin, kMax, trainer, threads, silhouetteRows, scanRows);
  }

  public int scanRows() {
    return scanRows;
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

  /**
   * Scans the scaled rows {@code x}: all of them, or for a range of k above {@link #withScanRows} a
   * seeded sample of them, the chosen k then fitted on all rows.
   */
  public KScanResult run(double[][] x) {
    Matrices.requireRectangularFinite(x);
    if (kMax > x.length - 1) {
      throw new IllegalArgumentException(
          "kMax=" + kMax + " needs at least " + (kMax + 1) + " rows, got " + x.length);
    }
    // a fixed k has nothing to choose: its one fit is on all rows anyway
    double[][] scanned = x.length > scanRows && kMin < kMax ? sample(x) : x;
    KMeansFit[] fits = fitAll(KMeansTrainer.prepare(scanned), IntStream.rangeClosed(kMin, kMax));
    List<KScanRow> table = List.of(measure(scanned, fits));
    KChoice choice = KSelector.choose(table);
    if (scanned == x) {
      return new KScanResult(table, List.of(fits), choice);
    }
    // The sample's finalists are fitted on all rows: only the chosen k, unless the sample's call
    // was a close one (decided by the tie-breakers), which is decided again on all rows as a full
    // scan would decide it, so that sampling noise does not pick between near-equal k.
    List<KScanRow> finalists = KSelector.finalists(table);
    KMeansFit[] refits =
        fitAll(KMeansTrainer.prepare(x), finalists.stream().mapToInt(KScanRow::requestedK));
    List<KScanRow> onAllRows = new ArrayList<>();
    if (finalists.size() > 1) {
      for (KScanRow r : measure(x, refits)) {
        if (r.k() == r.requestedK() && !Double.isNaN(r.silhouette())) {
          onAllRows.add(r);
        }
      }
    }
    if (onAllRows.isEmpty()) { // one finalist, or every refit dropped clusters: the sample's k
      return new KScanResult(
          table, List.of(fits), choice, refitOf(refits, choice.row().requestedK()), scanned.length);
    }
    KChoice decided = KSelector.decide(onAllRows);
    int k = decided.row().requestedK();
    KScanRow sampleRow = table.stream().filter(r -> r.requestedK() == k).findFirst().orElseThrow();
    KChoice refined =
        new KChoice(
            sampleRow,
            choice.reason()
                + "; a close call on the sample, decided again on all "
                + x.length
                + " rows: "
                + decided.reason());
    return new KScanResult(table, List.of(fits), refined, refitOf(refits, k), scanned.length);
  }

  private static KMeansFit refitOf(KMeansFit[] refits, int requestedK) {
    for (KMeansFit fit : refits) {
      if (fit.requestedK() == requestedK) {
        return fit;
      }
    }
    throw new IllegalStateException("no refit of k=" + requestedK);
  }

  /** The scan's seeded sample of {@code scanRows} rows, in input order. */
  private double[][] sample(double[][] x) {
    if (scanRows <= kMax) {
      throw new IllegalArgumentException(
          "scanRows=" + scanRows + " leaves too few rows for kMax=" + kMax);
    }
    int[] rows = Silhouettes.sampleRows(x.length, scanRows, trainer.seed());
    double[][] sample = new double[rows.length][];
    for (int i = 0; i < rows.length; i++) {
      sample[i] = x[rows[i]];
    }
    return sample;
  }

  /**
   * The best restart for every k in {@code kValues}, in that order. Every (k, restart) pair is one
   * task, so both cores stay busy to the end; the restarts of each k are then compared in restart
   * order, as one thread would.
   */
  private KMeansFit[] fitAll(KMeansTrainer.Rows prepared, IntStream kValues) {
    int[] ks = kValues.toArray();
    int count = ks.length;
    int restarts = trainer.restarts();
    KMeansFit[][] runs = new KMeansFit[count][restarts];
    int poolSize = Math.min(threads, count * restarts);
    if (poolSize == 1) {
      for (int i = 0; i < count; i++) {
        for (int r = 0; r < restarts; r++) {
          runs[i][r] = trainer.fitRestart(prepared, ks[i], r);
        }
      }
    } else {
      List<Runnable> tasks = new ArrayList<>();
      for (int i = count - 1; i >= 0; i--) { // largest k first: they take longest
        for (int r = 0; r < restarts; r++) {
          int index = i;
          int restart = r;
          tasks.add(() -> runs[index][restart] = trainer.fitRestart(prepared, ks[index], restart));
        }
      }
      runParallel(poolSize, tasks);
    }
    KMeansFit[] fits = new KMeansFit[count];
    for (int i = 0; i < count; i++) {
      for (KMeansFit run : runs[i]) {
        fits[i] = KMeansTrainer.better(fits[i], run);
      }
    }
    return fits;
  }

  /**
   * Every fit's metrics. The silhouettes of all fits are computed together over the same scored
   * rows ({@link Silhouettes}), so each distance between two rows is computed once per scan.
   */
  private KScanRow[] measure(double[][] x, KMeansFit[] fits) {
    List<int[]> labelings = new ArrayList<>();
    for (KMeansFit fit : fits) {
      if (fit.k() >= 2) {
        labelings.add(fit.labels());
      }
    }
    double[] silhouettes =
        labelings.isEmpty()
            ? new double[0]
            : Silhouettes.means(
                x,
                labelings.toArray(new int[0][]),
                Silhouettes.sampleRows(x.length, silhouetteRows, trainer.seed()));
    KScanRow[] rows = new KScanRow[fits.length];
    int next = 0;
    for (int i = 0; i < fits.length; i++) {
      rows[i] =
          fits[i].k() >= 2
              ? KScanRow.of(x, fits[i], silhouettes[next++])
              : KScanRow.of(x, fits[i], Double.NaN);
    }
    return rows;
  }

  private static void runParallel(int poolSize, List<Runnable> tasks) {
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
      for (Runnable task : tasks) {
        futures.add(pool.submit(task));
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
