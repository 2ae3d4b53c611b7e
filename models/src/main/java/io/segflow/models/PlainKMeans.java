// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import weka.clusterers.SimpleKMeans;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.ManhattanDistance;
import weka.core.Utils;

/**
 * Weka's {@link SimpleKMeans} with direct loops for its two steps per iteration on numeric data
 * without missing values, the only data fitted here; initialisation (k-means++), the iterations,
 * convergence and empty clusters all remain Weka's.
 *
 * <ul>
 *   <li><b>Assignment.</b> Weka's own assignment loop is private, but with more than one execution
 *       slot Weka hands each iteration's assignment to the protected {@link
 *       #launchAssignToClusters} (to spread it over threads) and the centroid step to {@link
 *       #launchMoveCentroids}. This class asks for two slots and overrides both to run on the
 *       calling thread (the k-scan already keeps every core busy with whole fits): the assignment
 *       reads the rows and centroids as flat arrays instead of one call per row and centroid
 *       through Weka's {@code DistanceFunction} and {@code Instance} interfaces, and compares the
 *       same squared distances ({@code (row − centroid)²} added attribute by attribute) against the
 *       same running minimum, starting from {@code Integer.MAX_VALUE} with the first cluster on a
 *       tie, as Weka's loop does. Weka's loop stops adding as soon as a sum passes the minimum so
 *       far ({@code +∞}, its "fast distance calculation"); a sum of squares only grows, so the full
 *       sum passes the minimum exactly when a partial sum does, and every row gets Weka's cluster.
 *   <li><b>Centroids.</b> Weka's general step asks every member, attribute by attribute, whether
 *       the value is missing, what its weight is and whether the attribute is numeric or nominal.
 *       {@link #moveCentroid} does Weka's arithmetic in Weka's order (weighted sums member by
 *       member, divided by the summed weights) and updates the same fields; {@link
 *       #launchMoveCentroids} moves the clusters one after the other, as Weka's one-slot loop does.
 * </ul>
 *
 * Anything the loops do not cover (nominal attributes, missing values, another distance, Weka's
 * canopies, rows that are not {@link WekaData.Row}s) goes to Weka's own code or to a loop through
 * Weka's distance function, so the fit is Weka's, double for double ({@code PlainWekaStepsTest}).
 */
final class PlainKMeans extends SimpleKMeans {
  private static final long serialVersionUID = 1L;

  /** Weka's data set of the fit in progress and its rows as one flat array (null: not plain). */
  private transient Instances flatSource;

  private transient double[] flatRows;

  /** The rows' weights, in row order, with {@link #flatRows}. */
  private transient double[] flatWeights;

  /** The assignments of the last direct assignment step (Weka's own array), or null. */
  private transient int[] lastAssignments;

  /** Iterations whose assignment and centroid steps took the direct loops (for the tests). */
  private int directIterations;

  PlainKMeans() {
    // more than one slot routes every iteration through the two overridable launch methods below
    setNumExecutionSlots(2);
  }

  int directIterations() {
    return directIterations;
  }

  /** Weka's count of iterations of the last fit. */
  int iterations() {
    return m_Iterations;
  }

  @Override
  protected boolean launchAssignToClusters(Instances insts, int[] clusterAssignments)
      throws Exception {
    if (m_speedUpDistanceCompWithCanopies) {
      return super.launchAssignToClusters(insts, clusterAssignments);
    }
    int d = insts.numAttributes();
    double[] rows = plainRows(insts);
    double[] centroids = rows == null ? null : plainCentroids(d);
    lastAssignments = null;
    if (centroids == null) {
      return assignThroughWeka(insts, clusterAssignments);
    }
    lastAssignments = clusterAssignments;
    int n = insts.numInstances();
    int k = m_NumClusters;
    boolean converged = true;
    for (int i = 0; i < n; i++) {
      int o = i * d;
      double minDist = Integer.MAX_VALUE; // Weka's starting minimum
      int bestCluster = 0;
      for (int c = 0, co = 0; c < k; c++, co += d) {
        double dist = 0;
        for (int j = 0; j < d; j++) {
          double diff = rows[o + j] - centroids[co + j];
          dist = dist + diff * diff;
        }
        if (dist < minDist) {
          minDist = dist;
          bestCluster = c;
        }
      }
      if (bestCluster != clusterAssignments[i]) {
        converged = false;
      }
      clusterAssignments[i] = bestCluster;
    }
    return converged;
  }

  /** Weka's assignment loop itself (its distance with the running minimum as cut-off), in order. */
  private boolean assignThroughWeka(Instances insts, int[] clusterAssignments) {
    boolean converged = true;
    for (int i = 0, n = insts.numInstances(); i < n; i++) {
      Instance toCluster = insts.instance(i);
      double minDist = Integer.MAX_VALUE;
      int bestCluster = 0;
      for (int c = 0; c < m_NumClusters; c++) {
        double dist =
            m_DistanceFunction.distance(toCluster, m_ClusterCentroids.instance(c), minDist);
        if (dist < minDist) {
          minDist = dist;
          bestCluster = c;
        }
      }
      if (bestCluster != clusterAssignments[i]) {
        converged = false;
      }
      clusterAssignments[i] = bestCluster;
    }
    return converged;
  }

  /**
   * The rows of {@code insts} as one array, row after row, when the direct loop gives Weka's
   * distances for them: the plain Euclidean distance, every row a {@link WekaData.Row} with finite
   * values. Made once per fit (Weka passes the same data set every iteration). Null otherwise.
   */
  @SuppressWarnings("ReferenceEquality") // the same data set object, not an equal one
  private double[] plainRows(Instances insts) {
    if (insts == flatSource) {
      return flatRows;
    }
    flatSource = insts;
    flatRows = null;
    flatWeights = null;
    if (!(m_DistanceFunction instanceof WekaData.PlainEuclidean distance)
        || !distance.coversDirectLoop()) {
      return null;
    }
    int d = insts.numAttributes();
    int n = insts.numInstances();
    double[] rows = new double[n * d];
    double[] weights = new double[n];
    for (int i = 0; i < n; i++) {
      if (!(insts.instance(i) instanceof WekaData.Row row) || row.values().length != d) {
        return null;
      }
      weights[i] = row.weight();
      if (!Double.isFinite(weights[i])) {
        return null;
      }
      double[] values = row.values();
      for (int j = 0; j < d; j++) {
        if (!Double.isFinite(values[j])) {
          return null;
        }
      }
      System.arraycopy(values, 0, rows, i * d, d);
    }
    flatRows = rows;
    flatWeights = weights;
    return rows;
  }

  /** The current centroids, one after the other; null if one is not finite (Weka's missing). */
  private double[] plainCentroids(int d) {
    double[] centroids = new double[m_NumClusters * d];
    for (int c = 0; c < m_NumClusters; c++) {
      Instance centroid = m_ClusterCentroids.instance(c);
      if (centroid.numAttributes() != d) {
        return null;
      }
      for (int j = 0; j < d; j++) {
        double v = centroid.value(j);
        if (!Double.isFinite(v)) {
          return null;
        }
        centroids[c * d + j] = v;
      }
    }
    return centroids;
  }

  /**
   * Weka's one-slot centroid step: every non-empty cluster moved in cluster order. After a direct
   * assignment step the members' sums come from one pass over the flat rows in row order, which is
   * the order of the rows in Weka's per-cluster member lists, so every centroid is the one {@link
   * #moveCentroid} computes from those lists; otherwise each cluster's list goes to {@link
   * #moveCentroid}.
   */
  @Override
  protected int launchMoveCentroids(Instances[] clusters) {
    double[][] sums = lastAssignments == null ? null : memberSums(clusters);
    int emptyClusterCount = 0;
    for (int i = 0; i < m_NumClusters; i++) {
      if (clusters[i].numInstances() == 0) {
        emptyClusterCount++;
      } else if (sums == null) {
        moveCentroid(i, clusters[i], true, true);
      } else {
        int d = clusters[i].numAttributes();
        double[] vals = new double[d];
        for (int j = 0; j < d; j++) {
          double weight = sums[1][i * d + j];
          vals[j] = weight > 0 ? sums[0][i * d + j] / weight : Utils.missingValue();
          m_ClusterMissingCounts[i][j] = 0;
          m_ClusterNominalCounts[i][j] = null;
        }
        m_ClusterCentroids.add(new WekaData.Row(1.0, vals));
      }
    }
    if (sums != null) {
      directIterations++;
    }
    lastAssignments = null;
    return emptyClusterCount;
  }

  /**
   * Per cluster and attribute the weighted sum of the members' values ({@code [0]}) and of their
   * weights ({@code [1]}), at {@code cluster × d + attribute}, added member by member in row order
   * as {@link #moveCentroid} adds them; null when the member lists are not those of the last direct
   * assignment step or the centroid step is not the plain one.
   */
  private double[][] memberSums(Instances[] clusters) {
    int[] assignments = lastAssignments;
    double[] rows = flatRows;
    double[] weights = flatWeights;
    if (rows == null || m_DistanceFunction instanceof ManhattanDistance) {
      return null;
    }
    int n = assignments.length;
    int k = m_NumClusters;
    int d = flatSource.numAttributes();
    int[] counts = new int[k];
    for (int a : assignments) {
      if (a < 0 || a >= k) {
        return null;
      }
      counts[a]++;
    }
    for (int c = 0; c < k; c++) {
      if (clusters[c].numInstances() != counts[c] || clusters[c].numAttributes() != d) {
        return null;
      }
    }
    double[] vals = new double[k * d];
    double[] sumOfWeights = new double[k * d];
    for (int i = 0; i < n; i++) {
      int o = assignments[i] * d;
      int r = i * d;
      double weight = weights[i];
      for (int j = 0; j < d; j++) {
        sumOfWeights[o + j] += weight;
        vals[o + j] += weight * rows[r + j];
      }
    }
    return new double[][] {vals, sumOfWeights};
  }

  @Override
  protected double[] moveCentroid(
      int centroidIndex, Instances members, boolean updateClusterInfo, boolean addToCentroids) {
    int attributes = members.numAttributes();
    boolean plain = !(m_DistanceFunction instanceof ManhattanDistance);
    for (int j = 0; plain && j < attributes; j++) {
      plain = members.attribute(j).isNumeric();
    }
    if (!plain) {
      return super.moveCentroid(centroidIndex, members, updateClusterInfo, addToCentroids);
    }
    double[] vals = new double[attributes];
    double[] weights = new double[attributes];
    for (int i = 0, n = members.numInstances(); i < n; i++) {
      Instance inst = members.instance(i);
      double weight = inst.weight();
      if (inst instanceof WekaData.Row row && row.values().length == attributes) {
        double[] values = row.values();
        for (int j = 0; j < attributes; j++) {
          weights[j] += weight;
          vals[j] += weight * values[j];
        }
      } else {
        for (int j = 0; j < attributes; j++) {
          weights[j] += weight;
          vals[j] += weight * inst.value(j);
        }
      }
    }
    for (int j = 0; j < attributes; j++) {
      if (Double.isNaN(vals[j])) { // a missing value (NaN) among the members: Weka counts it apart
        return super.moveCentroid(centroidIndex, members, updateClusterInfo, addToCentroids);
      }
      vals[j] = weights[j] > 0 ? vals[j] / weights[j] : Utils.missingValue();
    }
    if (updateClusterInfo) {
      for (int j = 0; j < attributes; j++) {
        m_ClusterMissingCounts[centroidIndex][j] = 0;
        m_ClusterNominalCounts[centroidIndex][j] = null;
      }
    }
    if (addToCentroids) {
      m_ClusterCentroids.add(new WekaData.Row(1.0, vals));
    }
    return vals;
  }
}
