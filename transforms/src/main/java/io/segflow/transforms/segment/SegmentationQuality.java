// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import java.io.Serializable;
import java.util.Map;
import java.util.TreeMap;

/**
 * A sample-trained model measured on every customer ({@link MeasureSegmentation}), in the model's
 * scaled space.
 *
 * @param customers all customers assigned
 * @param noise customers in DBSCAN's noise segment (0 for k-means); left out of every metric
 * @param sizes customers per segment id, noise excluded
 * @param modelCost k-means only: the sum over all customers of the squared distance to the model's
 *     nearest centroid, the cost that k-means minimises, here under centroids fitted on the sample
 *     (NaN for DBSCAN)
 * @param wcss the sum of squared distances to each segment's mean over all its customers
 * @param calinskiHarabasz over all (non-noise) customers
 * @param daviesBouldin over all (non-noise) customers
 */
public record SegmentationQuality(
    long customers,
    long noise,
    Map<Integer, Long> sizes,
    double modelCost,
    double wcss,
    double calinskiHarabasz,
    double daviesBouldin)
    implements Serializable {

  public SegmentationQuality {
    sizes = new TreeMap<>(sizes);
  }
}
