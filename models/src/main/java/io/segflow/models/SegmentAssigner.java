// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;
import java.util.Map;

/**
 * A fitted segmentation that scores customers: what the pipeline's assignment step needs, whichever
 * algorithm made it ({@link KMeansModel} for k-means, {@link DbscanModel} for DBSCAN).
 * Implementations are immutable and serialisable, so they can travel to workers as a Beam side
 * input.
 */
public interface SegmentAssigner extends Serializable {

  /**
   * Segment id of a customer given its raw, original-unit features (same order as {@link
   * #featureNames()}).
   */
  int assign(double[] raw);

  /**
   * The segment with id {@code id}; {@link IllegalArgumentException} for an id {@link #assign}
   * never returns.
   */
  Segment segment(int id);

  /**
   * Every segment {@link #assign} can return, value-ranked ids first ({@link Segment#NOISE_ID} last
   * if present).
   */
  List<Segment> segments();

  /**
   * The same model under other segment identities: {@code replacement} maps each current segment id
   * to the segment (id, name, description, ...) it becomes; the geometry does not change.
   */
  SegmentAssigner relabel(Map<Integer, Segment> replacement);

  /** The transform and scaling fitted on the training customers. */
  Preprocessor preprocessor();

  default List<String> featureNames() {
    return preprocessor().featureNames();
  }
}
