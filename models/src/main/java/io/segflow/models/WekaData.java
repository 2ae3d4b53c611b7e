// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instance;
import weka.core.Instances;
import weka.core.neighboursearch.PerformanceStats;

/**
 * The two things every Weka clusterer here needs: rows as {@link Instances}, and a distance that
 * leaves them alone.
 */
final class WekaData {
  private WekaData() {}

  /**
   * Rows of {@code x} (already scaled) as numeric attributes f0..f(d-1), weight 1, in input order,
   * each a {@link Row}.
   */
  static Instances instances(double[][] x) {
    int d = x[0].length;
    ArrayList<Attribute> attributes = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("f" + j));
    }
    Instances data = new Instances("segflow", attributes, x.length);
    for (double[] row : x) {
      data.add(new Row(1.0, row.clone()));
    }
    return data;
  }

  /**
   * A {@link DenseInstance} whose values the direct loops here read as an array, without a call per
   * coordinate through the {@link Instance} interface. Its copies are rows too, so the copies Weka
   * makes of a data set or of its members (every k-means iteration) keep the fast path.
   */
  static final class Row extends DenseInstance {
    private static final long serialVersionUID = 1L;

    Row(double weight, double[] values) {
      super(weight, values);
    }

    private Row(Row row) {
      super(row); // shares the values array, as Weka's shallow copy does
    }

    /** The values themselves, not a copy: read them, never write. */
    double[] values() {
      return m_AttValues;
    }

    @Override
    public Object copy() {
      Row result = new Row(this);
      result.m_Dataset = m_Dataset;
      return result;
    }
  }

  /**
   * Plain Euclidean distance. Weka's {@link EuclideanDistance} rescales every attribute to 0..1 by
   * default; the {@link Preprocessor} has already scaled the data, and a second rescaling would
   * silently change the geometry that eps, centroids and the metrics are expressed in.
   */
  static EuclideanDistance unnormalisedEuclidean() {
    EuclideanDistance distance = new PlainEuclidean();
    distance.setDontNormalize(true);
    return distance;
  }

  /**
   * Weka's {@link EuclideanDistance} with a direct loop for the case every call here is: numeric
   * attributes, no class, all attributes used, no normalisation, no missing values. Weka's general
   * loop walks sparse indices and checks attribute types, class and missing values per coordinate,
   * which made up most of a k-means fit. The loop below does Weka's arithmetic in Weka's order (the
   * squared differences added attribute by attribute; {@code +∞} as soon as the sum passes the
   * cut-off), so it returns the same doubles; anything else (a missing value, stats, other
   * settings) goes to Weka's own code.
   */
  static final class PlainEuclidean extends EuclideanDistance {
    private static final long serialVersionUID = 1L;

    /** True when the data and settings are those the direct loop covers. */
    private boolean plain;

    @Override
    protected void initialize() {
      super.initialize();
      boolean all = m_DontNormalize && m_Data != null && m_Data.classIndex() < 0;
      for (int a = 0; all && a < m_Data.numAttributes(); a++) {
        all = m_ActiveIndices[a] && m_Data.attribute(a).isNumeric();
      }
      plain = all;
    }

    /**
     * True when the data and settings are those the direct loop covers, so that the plain sum of
     * squared differences is Weka's distance for finite values ({@link PlainKMeans} relies on it).
     */
    boolean coversDirectLoop() {
      validate();
      return plain;
    }

    @Override
    public double distance(
        Instance first, Instance second, double cutOffValue, PerformanceStats stats) {
      return stats == null
          ? distance(first, second, cutOffValue)
          : super.distance(first, second, cutOffValue, stats);
    }

    /** The call k-means makes, once per row and centroid: the loop is here, not a call away. */
    @Override
    public double distance(Instance first, Instance second, double cutOffValue) {
      validate();
      if (!plain) {
        return super.distance(first, second, cutOffValue, null);
      }
      int attributes = m_Data.numAttributes();
      double distance = 0;
      if (first instanceof Row a
          && second instanceof Row b
          && a.values().length == attributes
          && b.values().length == attributes) {
        double[] u = a.values();
        double[] v = b.values();
        for (int i = 0; i < attributes; i++) {
          double diff = u[i] - v[i];
          distance = distance + diff * diff;
          if (distance > cutOffValue) {
            return Double.POSITIVE_INFINITY;
          }
        }
      } else {
        for (int i = 0; i < attributes; i++) {
          double diff = first.value(i) - second.value(i);
          distance = distance + diff * diff;
          if (distance > cutOffValue) {
            return Double.POSITIVE_INFINITY;
          }
        }
      }
      // NaN: a missing value, which Weka's loop treats specially
      return Double.isNaN(distance) ? super.distance(first, second, cutOffValue, null) : distance;
    }
  }
}
