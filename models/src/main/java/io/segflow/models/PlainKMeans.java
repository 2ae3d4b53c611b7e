// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import weka.clusterers.SimpleKMeans;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.ManhattanDistance;
import weka.core.Utils;

/**
 * Weka's {@link SimpleKMeans} with a direct loop for its centroid step on numeric data without
 * missing values, the only data fitted here. Weka's general step asks every member, attribute by
 * attribute, whether the value is missing, what its weight is and whether the attribute is numeric
 * or nominal; after the distances it was the largest cost of a fit. The loop below does Weka's
 * arithmetic in Weka's order (weighted sums member by member, divided by the summed weights) and
 * updates the same fields, so the fit is the same double for double. Initialisation, assignment,
 * iterations and empty clusters all remain Weka's; anything the loop does not cover (nominal
 * attributes, missing values, the Manhattan distance's medians) goes to Weka's own code.
 */
final class PlainKMeans extends SimpleKMeans {
  private static final long serialVersionUID = 1L;

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
