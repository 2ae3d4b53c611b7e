// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;

/**
 * The trained artefact the pipeline ships to its workers (a Beam side input with SerializableCoder): the fitted
 * {@link Preprocessor}, one scaled centroid per segment and the named segments. It assigns any customer, seen in
 * training or not, to the segment of the nearest centroid.
 *
 * <p>Centroids are stored in segment-id order (row 0 = segment 1), so ties in {@link #assign} go to the lower id, i.e.
 * the more valuable segment, without extra bookkeeping.
 */
public final class SegmentationModel implements SegmentAssigner {
  private static final long serialVersionUID = 1L;

  private final Preprocessor preprocessor;
  private final double[][] centroidsScaled;
  private final int[] segmentIdOfCluster;
  private final List<Segment> segments;

  private SegmentationModel(
      Preprocessor preprocessor, double[][] centroidsScaled, int[] segmentIdOfCluster, List<Segment> segments) {
    this.preprocessor = preprocessor;
    this.centroidsScaled = centroidsScaled;
    this.segmentIdOfCluster = segmentIdOfCluster;
    this.segments = segments;
  }

  /**
   * Builds the model from a k-means fit in {@code preprocessor}'s space and the segments named from that fit's labels.
   * Noise segments are ignored: a centroid model cannot assign to them.
   */
  public static SegmentationModel of(Preprocessor preprocessor, KMeansFit fit, List<Segment> segments) {
    List<Segment> ranked = new ArrayList<>();
    for (Segment s : segments) {
      if (!s.isNoise()) {
        ranked.add(s);
      }
    }
    if (ranked.size() != fit.k()) {
      throw new IllegalArgumentException(ranked.size() + " segments for " + fit.k() + " clusters");
    }
    double[][] fitted = fit.centroids();
    double[][] byId = new double[fit.k()][];
    int[] idOfCluster = new int[fit.k()];
    for (int i = 0; i < ranked.size(); i++) {
      Segment s = ranked.get(i);
      if (s.id() != i + 1 || s.clusterLabel() < 0 || s.clusterLabel() >= fit.k()) {
        throw new IllegalArgumentException("segments must have ids 1..k in order and cluster labels 0..k-1: " + s);
      }
      byId[i] = fitted[s.clusterLabel()];
      idOfCluster[s.clusterLabel()] = s.id();
    }
    return new SegmentationModel(preprocessor, byId, idOfCluster, List.copyOf(ranked));
  }

  /** Segment id (1..k) of a customer given its raw, original-unit features. */
  @Override
  public int assign(double[] rawFeatures) {
    double[] x = preprocessor.apply(rawFeatures);
    int best = 0;
    double bestDistance = Double.POSITIVE_INFINITY;
    for (int c = 0; c < centroidsScaled.length; c++) {
      double dist = Matrices.squaredDistance(x, centroidsScaled[c]);
      if (dist < bestDistance) { // strict: the lower id wins ties
        bestDistance = dist;
        best = c;
      }
    }
    return best + 1;
  }

  /**
   * The k-means cost of one customer under this model: the squared distance, in the scaled space, to the nearest
   * centroid (the one {@link #assign} picks). Summed over customers it is the model's WCSS on them.
   */
  public double cost(double[] rawFeatures) {
    double[] x = preprocessor.apply(rawFeatures);
    return Matrices.squaredDistance(x, centroidsScaled[assign(rawFeatures) - 1]);
  }

  /** Segment id of k-means cluster index {@code cluster} of the training fit. */
  public int segmentIdOfCluster(int cluster) {
    return segmentIdOfCluster[cluster];
  }

  /** The segment with id {@code id} (1..k). */
  @Override
  public Segment segment(int id) {
    if (id < 1 || id > segments.size()) {
      throw new IllegalArgumentException("no segment " + id + "; ids are 1.." + segments.size());
    }
    return segments.get(id - 1);
  }

  /** Segments in id order. */
  @Override
  public List<Segment> segments() {
    return segments;
  }

  public int k() {
    return segments.size();
  }

  @Override
  public Preprocessor preprocessor() {
    return preprocessor;
  }

  @Override
  public List<String> featureNames() {
    return preprocessor.featureNames();
  }

  /** Centroids in the scaled space, row i = segment i+1. */
  public double[][] centroidsScaled() {
    return Matrices.deepCopy(centroidsScaled);
  }

  /**
   * Centroids mapped back to original units, row i = segment i+1. With LOG1P these are back-transformed means of
   * log values (close to geometric means), i.e. a "typical customer", lower than the arithmetic means of the profile.
   */
  public double[][] centroidsOriginalUnits() {
    double[][] out = new double[centroidsScaled.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = preprocessor.toOriginalUnits(centroidsScaled[c]);
    }
    return out;
  }
}
