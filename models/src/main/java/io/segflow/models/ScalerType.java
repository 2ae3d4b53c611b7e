// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

/**
 * How features are brought to a comparable range before distance-based clustering. Each constant
 * fits a {@link Scaling} (a centre and a scale per feature) with the same conventions as the
 * scikit-learn scaler of the same name, so results can be checked against the seed analysis.
 */
public enum ScalerType {
  /**
   * (x − mean) / population std, like sklearn {@code StandardScaler}; a constant feature gets scale
   * 1.
   */
  STANDARD {
    @Override
    void fitColumn(double[] column, int j, double[] center, double[] scale) {
      center[j] = Stats.mean(column);
      scale[j] = Stats.populationStd(column);
    }
  },
  /**
   * (x − min) / (max − min) into [0, 1], like sklearn {@code MinMaxScaler}; a constant feature gets
   * scale 1.
   */
  MIN_MAX {
    @Override
    void fitColumn(double[] column, int j, double[] center, double[] scale) {
      center[j] = Stats.min(column);
      scale[j] = Stats.max(column) - center[j];
    }
  },
  /**
   * (x − median) / IQR with numpy-linear quantiles, like sklearn {@code RobustScaler}; outliers
   * (wholesale buyers) do not dominate the scale. An IQR of 0 (e.g. frequency where most customers
   * bought once) gets scale 1.
   */
  ROBUST {
    @Override
    void fitColumn(double[] column, int j, double[] center, double[] scale) {
      double[] sorted = Stats.sortedCopy(column);
      center[j] = Stats.quantileOfSorted(sorted, 0.5);
      scale[j] = Stats.quantileOfSorted(sorted, 0.75) - Stats.quantileOfSorted(sorted, 0.25);
    }
  };

  /** Writes centre and scale of column {@code j}; a zero scale is replaced by 1 afterwards. */
  abstract void fitColumn(double[] column, int j, double[] center, double[] scale);

  /** Fits this scaler on the rows of {@code x}. */
  public Scaling fit(double[][] x) {
    int d = Matrices.requireRectangularFinite(x);
    double[] center = new double[d];
    double[] scale = new double[d];
    for (int j = 0; j < d; j++) {
      fitColumn(Matrices.column(x, j), j, center, scale);
      if (scale[j] == 0) {
        scale[j] = 1; // sklearn's convention: a constant feature is only centred
      }
    }
    return new Scaling(center, scale);
  }
}
