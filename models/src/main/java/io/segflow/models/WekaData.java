// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import weka.core.Attribute;
import weka.core.DenseInstance;
import weka.core.EuclideanDistance;
import weka.core.Instances;

/**
 * The two things every Weka clusterer here needs: rows as {@link Instances}, and a distance that
 * leaves them alone.
 */
final class WekaData {
  private WekaData() {}

  /**
   * Rows of {@code x} (already scaled) as numeric attributes f0..f(d-1), weight 1, in input order.
   */
  static Instances instances(double[][] x) {
    int d = x[0].length;
    ArrayList<Attribute> attributes = new ArrayList<>(d);
    for (int j = 0; j < d; j++) {
      attributes.add(new Attribute("f" + j));
    }
    Instances data = new Instances("segflow", attributes, x.length);
    for (double[] row : x) {
      data.add(new DenseInstance(1.0, row.clone()));
    }
    return data;
  }

  /**
   * Plain Euclidean distance. Weka's {@link EuclideanDistance} rescales every attribute to 0..1 by
   * default; the {@link Preprocessor} has already scaled the data, and a second rescaling would
   * silently change the geometry that eps, centroids and the metrics are expressed in.
   */
  static EuclideanDistance unnormalisedEuclidean() {
    EuclideanDistance distance = new EuclideanDistance();
    distance.setDontNormalize(true);
    return distance;
  }
}
