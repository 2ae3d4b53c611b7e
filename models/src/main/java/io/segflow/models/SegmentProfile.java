// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;

/**
 * What one segment looks like in original units.
 *
 * @param label the cluster label ({@code -1} = noise)
 * @param size customers in the segment
 * @param customerShare size / all customers
 * @param featureNames names of the columns of the arrays below
 * @param means per-feature mean
 * @param medians per-feature median (numpy convention)
 * @param meanPercentiles per-feature mean of the customers' percentile ranks among all customers
 *     (mid-rank for ties, so the whole population averages exactly 0.5); a scale-free position that
 *     skewed means cannot distort
 * @param revenue sum of the monetary feature
 * @param revenueShare revenue / total revenue of all customers
 */
public record SegmentProfile(
    int label,
    int size,
    double customerShare,
    List<String> featureNames,
    double[] means,
    double[] medians,
    double[] meanPercentiles,
    double revenue,
    double revenueShare)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public SegmentProfile {
    featureNames = List.copyOf(featureNames);
    means = means.clone();
    medians = medians.clone();
    meanPercentiles = meanPercentiles.clone();
  }

  @Override
  public double[] means() {
    return means.clone();
  }

  @Override
  public double[] medians() {
    return medians.clone();
  }

  @Override
  public double[] meanPercentiles() {
    return meanPercentiles.clone();
  }

  public double mean(String feature) {
    return means[indexOf(feature)];
  }

  public double median(String feature) {
    return medians[indexOf(feature)];
  }

  public double meanPercentile(String feature) {
    return meanPercentiles[indexOf(feature)];
  }

  private int indexOf(String feature) {
    int j = featureNames.indexOf(feature);
    if (j < 0) {
      throw new IllegalArgumentException("unknown feature '" + feature + "', have " + featureNames);
    }
    return j;
  }
}
