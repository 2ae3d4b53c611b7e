// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;
import java.util.Random;
import java.util.stream.IntStream;

/**
 * Mean silhouettes (sklearn's definition, Euclidean) of several labelings of the same rows, scored
 * over the same scored rows: a k-scan's labelings share every row-to-row distance, so each distance
 * is computed once for all of them instead of once per labeling.
 *
 * <p>The value of a scored row needs, per cluster, the sum of its distances to the cluster's rows.
 * Those sums are accumulated in row order, one addition per row, exactly as a plain double loop
 * over the rows would, so every result is bit-for-bit the textbook computation's. Speed comes from
 * the layout: scored rows are taken {@value #LANES} at a time as lanes of one block, the distances
 * of a tile of rows to all lanes are computed into a small buffer, and every labeling then adds
 * that buffer into its per-cluster lane sums, cluster by cluster, with the sums of one cluster in
 * registers. Lanes are independent, so the adds overlap instead of waiting on each other, and the
 * rows are read once per block rather than once per scored row and labeling. Blocks run on the
 * common fork-join pool; each scored row's value is computed by one thread and the values are
 * summed sequentially in row order, so the result does not depend on the thread count.
 */
final class Silhouettes {
  /** Scored rows per block; {@link #accumulate} is written out for exactly this many. */
  static final int LANES = 16;

  /**
   * Rows per distance tile: the tile's LANES × TILE distances (32 KB) stay in the first-level cache
   * between being written lane by lane and read row by row.
   */
  private static final int TILE = 256;

  private Silhouettes() {}

  /**
   * The {@code sampleSize} row indices, ascending, whose silhouettes estimate the mean: all rows
   * when {@code sampleSize >= n}, otherwise a partial Fisher–Yates draw with {@code new
   * Random(seed)}.
   */
  static int[] sampleRows(int n, int sampleSize, long seed) {
    if (sampleSize < 1) {
      throw new IllegalArgumentException("sampleSize must be >= 1: " + sampleSize);
    }
    if (sampleSize >= n) {
      return IntStream.range(0, n).toArray();
    }
    int[] perm = IntStream.range(0, n).toArray();
    Random random = new Random(seed);
    for (int i = 0; i < sampleSize; i++) { // the first sampleSize slots are the sample
      int j = i + random.nextInt(n - i);
      int t = perm[i];
      perm[i] = perm[j];
      perm[j] = t;
    }
    int[] rows = Arrays.copyOf(perm, sampleSize);
    Arrays.sort(rows);
    return rows;
  }

  /**
   * The mean silhouette of each labeling in {@code labelings} (each {@code 2..n-1} distinct labels
   * over the {@code n} rows of {@code x}), averaged over the scored {@code rows}.
   */
  static double[] means(double[][] x, int[][] labelings, int[] rows) {
    int d = Matrices.requireRectangularFinite(x);
    int n = x.length;
    int m = labelings.length;
    int[][] codes = new int[m][];
    int[][] sizes = new int[m][];
    int[][] members = new int[m][];
    int[][] starts = new int[m][];
    for (int l = 0; l < m; l++) {
      Matrices.requireSameLength(x, labelings[l]);
      Labels enc = Labels.encode(labelings[l]);
      if (enc.count() < 2 || enc.count() > n - 1) {
        throw new IllegalArgumentException(
            "need 2 <= number of labels <= n - 1, got "
                + enc.count()
                + " labels for "
                + n
                + " rows");
      }
      codes[l] = enc.codes();
      sizes[l] = enc.sizes();
      starts[l] = new int[enc.count() + 1];
      members[l] = groupByCluster(codes[l], sizes[l], starts[l]);
    }
    double[] flat = new double[n * d];
    for (int i = 0; i < n; i++) {
      System.arraycopy(x[i], 0, flat, i * d, d);
    }
    double[][] values = new double[m][rows.length];
    int blocks = (rows.length + LANES - 1) / LANES;
    IntStream.range(0, blocks)
        .parallel()
        .forEach(b -> scoreBlock(flat, d, codes, sizes, members, starts, rows, b * LANES, values));
    double[] means = new double[m];
    for (int l = 0; l < m; l++) {
      double total = 0;
      for (double v : values[l]) {
        total += v;
      }
      means[l] = total / rows.length;
    }
    return means;
  }

  /**
   * The rows of each cluster in ascending order, cluster after cluster; cluster {@code c}'s at
   * {@code starts[c]..starts[c+1]}.
   */
  private static int[] groupByCluster(int[] codes, int[] sizes, int[] starts) {
    for (int c = 0; c < sizes.length; c++) {
      starts[c + 1] = starts[c] + sizes[c];
    }
    int[] next = Arrays.copyOf(starts, sizes.length);
    int[] members = new int[codes.length];
    for (int j = 0; j < codes.length; j++) {
      members[next[codes[j]]++] = j;
    }
    return members;
  }

  /** Silhouettes of the scored rows {@code rows[first..first+LANES)} under every labeling. */
  private static void scoreBlock(
      double[] flat,
      int d,
      int[][] codes,
      int[][] sizes,
      int[][] members,
      int[][] starts,
      int[] rows,
      int first,
      double[][] values) {
    int lanes = Math.min(LANES, rows.length - first);
    int n = flat.length / d;
    double[] scored = new double[LANES * d]; // the scored rows' coordinates, lane after lane
    for (int b = 0; b < lanes; b++) {
      System.arraycopy(flat, rows[first + b] * d, scored, b * d, d);
    }
    int m = codes.length;
    double[][] sums = new double[m][]; // per labeling: cluster c's lane b at c * LANES + b
    int[][] cursors = new int[m][]; // per labeling and cluster: its next row to add
    for (int l = 0; l < m; l++) {
      sums[l] = new double[sizes[l].length * LANES];
      cursors[l] = Arrays.copyOf(starts[l], sizes[l].length);
    }
    double[] dist = new double[TILE * LANES];
    double[][] columns = new double[d][TILE];
    double[] squares = new double[TILE];
    for (int start = 0; start < n; start += TILE) {
      int end = Math.min(n, start + TILE);
      distances(flat, d, scored, start, end, columns, squares, dist);
      for (int l = 0; l < m; l++) {
        for (int c = 0; c < sizes[l].length; c++) {
          cursors[l][c] =
              accumulate(members[l], cursors[l][c], starts[l][c + 1], end, start, dist, sums[l], c);
        }
      }
    }
    for (int b = 0; b < lanes; b++) {
      int i = rows[first + b];
      for (int l = 0; l < m; l++) {
        values[l][first + b] = silhouetteOfRow(codes[l][i], sizes[l], sums[l], b);
      }
    }
  }

  /**
   * Euclidean distances of rows {@code start..end} to the scored lanes: {@code sqrt(((0 + t0²) +
   * t1²) + …)} with {@code t} = scored − row per feature, features in order, into {@code dist[(row
   * − start) × LANES + lane]}. The tile's rows are first copied feature by feature into {@code
   * columns}, so that for one lane the squares of a feature and the square roots are simple loops
   * over the tile's rows, which the JIT computes several rows at a time with vector instructions;
   * each distance still adds its features one at a time in order.
   */
  private static void distances(
      double[] flat,
      int d,
      double[] scored,
      int start,
      int end,
      double[][] columns,
      double[] squares,
      double[] dist) {
    int len = end - start;
    for (int j = 0; j < len; j++) {
      int o = (start + j) * d;
      for (int f = 0; f < d; f++) {
        columns[f][j] = flat[o + f];
      }
    }
    for (int b = 0; b < LANES; b++) {
      Arrays.fill(squares, 0, len, 0);
      for (int f = 0; f < d; f++) {
        double s = scored[b * d + f];
        double[] column = columns[f];
        for (int j = 0; j < len; j++) {
          double diff = s - column[j];
          squares[j] += diff * diff;
        }
      }
      for (int j = 0; j < len; j++) {
        squares[j] = Math.sqrt(squares[j]);
      }
      for (int j = 0; j < len; j++) {
        dist[j * LANES + b] = squares[j];
      }
    }
  }

  /**
   * Adds the lane distances of cluster {@code c}'s rows {@code members[from..limit)} that lie
   * before {@code end} (the tile starts at {@code start}) to the cluster's lane sums, rows in
   * order, and returns where the cluster's next tile starts. Sixteen named accumulators, because
   * the JIT keeps locals in registers but not array elements.
   */
  private static int accumulate(
      int[] members, int from, int limit, int end, int start, double[] dist, double[] sums, int c) {
    int base = c * LANES;
    double s0 = sums[base],
        s1 = sums[base + 1],
        s2 = sums[base + 2],
        s3 = sums[base + 3],
        s4 = sums[base + 4],
        s5 = sums[base + 5],
        s6 = sums[base + 6],
        s7 = sums[base + 7],
        s8 = sums[base + 8],
        s9 = sums[base + 9],
        s10 = sums[base + 10],
        s11 = sums[base + 11],
        s12 = sums[base + 12],
        s13 = sums[base + 13],
        s14 = sums[base + 14],
        s15 = sums[base + 15];
    int p = from;
    for (; p < limit; p++) {
      int j = members[p];
      if (j >= end) {
        break;
      }
      int t = (j - start) * LANES;
      s0 += dist[t];
      s1 += dist[t + 1];
      s2 += dist[t + 2];
      s3 += dist[t + 3];
      s4 += dist[t + 4];
      s5 += dist[t + 5];
      s6 += dist[t + 6];
      s7 += dist[t + 7];
      s8 += dist[t + 8];
      s9 += dist[t + 9];
      s10 += dist[t + 10];
      s11 += dist[t + 11];
      s12 += dist[t + 12];
      s13 += dist[t + 13];
      s14 += dist[t + 14];
      s15 += dist[t + 15];
    }
    sums[base] = s0;
    sums[base + 1] = s1;
    sums[base + 2] = s2;
    sums[base + 3] = s3;
    sums[base + 4] = s4;
    sums[base + 5] = s5;
    sums[base + 6] = s6;
    sums[base + 7] = s7;
    sums[base + 8] = s8;
    sums[base + 9] = s9;
    sums[base + 10] = s10;
    sums[base + 11] = s11;
    sums[base + 12] = s12;
    sums[base + 13] = s13;
    sums[base + 14] = s14;
    sums[base + 15] = s15;
    return p;
  }

  /** s(i) = (b − a) / max(a, b); 0 for a row alone in its cluster, as in sklearn. */
  private static double silhouetteOfRow(int own, int[] sizes, double[] sums, int lane) {
    if (sizes[own] <= 1) {
      return 0;
    }
    double a = sums[own * LANES + lane] / (sizes[own] - 1);
    double b = Double.POSITIVE_INFINITY;
    for (int c = 0; c < sizes.length; c++) {
      if (c != own) {
        b = Math.min(b, sums[c * LANES + lane] / sizes[c]);
      }
    }
    double max = Math.max(a, b);
    return max == 0 ? 0 : (b - a) / max;
  }
}
