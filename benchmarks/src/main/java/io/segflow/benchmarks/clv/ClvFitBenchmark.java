// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.clv;

import io.segflow.models.clv.ClvFitter;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvScorer;
import io.segflow.models.clv.ClvTerms;
import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.models.clv.CustomerSummary;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import org.hipparchus.random.RandomDataGenerator;

/**
 * Time and memory of fitting the customer-value models on generated customers, streamed one at a
 * time into {@link ClvTerms} (nothing per customer is kept). Customers follow the BG/NBD and
 * Gamma-Gamma processes with known parameters, so the fit should land near them.
 *
 * <p>Usage: {@code ClvFitBenchmark CUSTOMERS [HISTORY_DAYS=730] [SEED=42]}; first purchases are
 * uniform over the first half of the history, observation ends on its last day; weeks.
 */
public final class ClvFitBenchmark {
  // generating parameters, time in days
  static final double R = 0.25;
  static final double ALPHA = 30;
  static final double A = 0.8;
  static final double B = 2.5;
  static final double P = 6;
  static final double Q = 3.7;
  static final double V = 15;

  private ClvFitBenchmark() {}

  public static void main(String[] args) {
    long customers = Long.parseLong(args[0]);
    int historyDays = args.length > 1 ? Integer.parseInt(args[1]) : 730;
    long seed = args.length > 2 ? Long.parseLong(args[2]) : 42;
    RandomDataGenerator random = new RandomDataGenerator(seed);

    ThreadMXBean threads = ManagementFactory.getThreadMXBean();
    long start = System.nanoTime();
    long cpuStart = threads.getCurrentThreadCpuTime();
    ClvTerms terms = new ClvTerms();
    CustomerSummary last = null;
    for (long i = 0; i < customers; i++) {
      last = generate(random, historyDays);
      terms.add(last);
    }
    long generated = System.nanoTime();
    long cpuGenerated = threads.getCurrentThreadCpuTime();
    System.gc();
    long retained = usedHeap();

    ClvFitter fitter = ClvFitter.create(ClvTimeUnit.WEEK);
    long fitStart = System.nanoTime();
    long cpuFitStart = threads.getCurrentThreadCpuTime();
    ClvModel model = fitter.fit(terms);
    long fitted = System.nanoTime();
    long cpuFitted = threads.getCurrentThreadCpuTime();

    ClvScorer scorer = ClvScorer.of(model);
    long scoreStart = System.nanoTime();
    double sink = 0;
    int scored = 100_000;
    for (int i = 0; i < scored; i++) {
      sink += scorer.score(last).expectedPurchases();
    }
    long scoredEnd = System.nanoTime();

    System.out.printf(
        Locale.ROOT,
        "customers=%d history_days=%d bg_nbd_terms=%d gamma_gamma_terms=%d%n"
            + "generate_and_group_s=%.2f (cpu %.2f) fit_s=%.3f (cpu %.3f; bg_nbd %d + gamma_gamma %d"
            + " evaluations)"
            + " score_us_per_customer=%.2f%n"
            + "heap_after_grouping_mb=%.1f heap_pools_peak_sum_mb=%.1f max_heap_mb=%.0f%n"
            + "generating r=%.3g alpha=%.3g a=%.3g b=%.3g p=%.3g q=%.3g v=%.3g (alpha in weeks)%n"
            + "model %s%n(check %.1f)%n",
        customers,
        historyDays,
        terms.bgNbd().distinctTerms(),
        terms.gammaGamma().distinctTerms(),
        (generated - start) / 1e9,
        (cpuGenerated - cpuStart) / 1e9,
        (fitted - fitStart) / 1e9,
        (cpuFitted - cpuFitStart) / 1e9,
        model.bgNbd().evaluations(),
        model.gammaGamma().evaluations(),
        (scoredEnd - scoreStart) / 1e3 / scored,
        retained / 1048576.0,
        peakHeap() / 1048576.0,
        Runtime.getRuntime().maxMemory() / 1048576.0,
        R,
        ALPHA / 7,
        A,
        B,
        P,
        Q,
        V,
        model.toJsonMap(),
        sink / scored);
  }

  /** One customer's calibration summary drawn from the BG/NBD and Gamma-Gamma processes. */
  static CustomerSummary generate(RandomDataGenerator random, int historyDays) {
    int first = random.nextInt(0, historyDays / 2);
    int age = historyDays - 1 - first;
    double rate = random.nextGamma(R, 1 / ALPHA);
    double dropOut = random.nextBeta(A, B);
    double t = 0;
    int lastDay = 0;
    int repeatDays = 0;
    while (true) {
      t += random.nextExponential(1 / rate);
      int day = (int) t;
      if (day > age) {
        break;
      }
      if (day > lastDay) {
        repeatDays++;
        lastDay = day;
      }
      if (random.nextUniform(0, 1) < dropOut) {
        break;
      }
    }
    double spend = 0;
    if (repeatDays > 0) {
      // a customer's transaction rate nu ~ gamma(q, rate v); x values ~ gamma(p, rate nu) summed
      double nu = random.nextGamma(Q, 1 / V);
      spend = Math.round(random.nextGamma(P * repeatDays, 1 / nu) * 100) / 100.0;
    }
    return new CustomerSummary(repeatDays, lastDay, age, spend);
  }

  private static long usedHeap() {
    Runtime runtime = Runtime.getRuntime();
    return runtime.totalMemory() - runtime.freeMemory();
  }

  private static long peakHeap() {
    long peak = 0;
    for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
      if (pool.getType() == MemoryType.HEAP) {
        peak += pool.getPeakUsage().getUsed();
      }
    }
    return peak;
  }
}
