// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Distances: the kernel ({@link Matrices#squaredDistance}, package-private, hence this package),
 * assigning a customer to its nearest segment ({@link KMeansModel#assign}: transform, scale, k
 * distances; once per customer in AssignSegments) and the O(n²) silhouette of {@link
 * ClusterMetrics} over n customers. Customers have 5 RFM-like features drawn around 4 centres with
 * a lognormal spread. The silhouette runs on the common fork-join pool: its score depends on the
 * number of cores.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class DistanceBenchmark {
  private static final int POINTS = 4096;
  private static final int K = 4;
  private static final List<String> FEATURES =
      List.of("recency_days", "frequency", "monetary", "total_quantity", "distinct_products");

  private double[][] raw;
  private double[][] scaled;
  private KMeansModel model;

  /** n customers, scaled, with their cluster labels. */
  @State(Scope.Benchmark)
  public static class Clustered {
    @Param({"1000", "4000"})
    public int n;

    double[][] scaled;
    int[] labels;

    @Setup
    public void customers() {
      labels = new int[n];
      double[][] raw = rawCustomers(n, labels);
      scaled = preprocessor(raw).applyAll(raw);
    }
  }

  @Setup
  public void customers() {
    int[] labels = new int[POINTS];
    raw = rawCustomers(POINTS, labels);
    Preprocessor preprocessor = preprocessor(raw);
    scaled = preprocessor.applyAll(raw);
    double[][] centroids = Matrices.centroids(scaled, labels, K);
    List<Segment> segments = new ArrayList<>();
    for (int c = 0; c < K; c++) {
      segments.add(new Segment(c + 1, c, "Segment " + (c + 1), "", "", 0.5, 0.5, null));
    }
    model = KMeansModel.restore(preprocessor, centroids, segments);
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public double squaredDistance() {
    double[] centre = scaled[0];
    double sum = 0;
    for (int i = 0; i < POINTS; i++) {
      sum += Matrices.squaredDistance(scaled[i], centre);
    }
    return sum;
  }

  @Benchmark
  @OperationsPerInvocation(POINTS)
  public int assign() {
    int sum = 0;
    for (int i = 0; i < POINTS; i++) {
      sum += model.assign(raw[i]);
    }
    return sum;
  }

  /** The whole silhouette of n customers, in microseconds. */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MICROSECONDS)
  public double silhouette(Clustered customers) {
    return ClusterMetrics.silhouette(customers.scaled, customers.labels);
  }

  /** Fills {@code labels} with each customer's true cluster. */
  private static double[][] rawCustomers(int n, int[] labels) {
    SplittableRandom rng = new SplittableRandom(42);
    double[][] x = new double[n][FEATURES.size()];
    for (int i = 0; i < n; i++) {
      labels[i] = rng.nextInt(K);
      for (int f = 0; f < FEATURES.size(); f++) {
        double centre = Math.log(10 + 40 * labels[i] + 7 * f);
        double gaussian =
            Math.sqrt(-2 * Math.log(1 - rng.nextDouble()))
                * Math.cos(2 * Math.PI * rng.nextDouble());
        x[i][f] = Math.exp(centre + 0.4 * gaussian);
      }
    }
    return x;
  }

  private static Preprocessor preprocessor(double[][] raw) {
    return Preprocessor.fit(raw, FEATURES, FeatureTransform.LOG1P, ScalerType.STANDARD);
  }
}
