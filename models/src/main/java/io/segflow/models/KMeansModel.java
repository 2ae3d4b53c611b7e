// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The trained artefact the pipeline ships to its workers (a Beam side input with
 * SerializableCoder): the fitted {@link Preprocessor}, one scaled centroid per segment and the
 * named segments. It assigns any customer, seen in training or not, to the segment of the nearest
 * centroid.
 *
 * <p>Centroids are stored in segment-id order (row i = the i-th segment by id), so ties in {@link
 * #assign} go to the lower id, i.e. the more valuable segment, without extra bookkeeping. A freshly
 * trained model has ids 1..k; a model whose segments were matched to an earlier model's ({@link
 * SegmentMatcher}) keeps that model's ids, which may have gaps (a segment that disappeared) or go
 * beyond k (a new one).
 */
public final class KMeansModel implements SegmentAssigner {
  private static final long serialVersionUID = 1L;

  private final Preprocessor preprocessor;
  private final double[][] centroidsScaled;
  private final int[] segmentIdOfCluster;
  private final List<Segment> segments;

  private KMeansModel(
      Preprocessor preprocessor,
      double[][] centroidsScaled,
      int[] segmentIdOfCluster,
      List<Segment> segments) {
    this.preprocessor = preprocessor;
    this.centroidsScaled = centroidsScaled;
    this.segmentIdOfCluster = segmentIdOfCluster;
    this.segments = segments;
  }

  /**
   * Builds the model from a k-means fit in {@code preprocessor}'s space and the segments named from
   * that fit's labels. Noise segments are ignored: a centroid model cannot assign to them.
   */
  public static KMeansModel of(Preprocessor preprocessor, KMeansFit fit, List<Segment> segments) {
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
        throw new IllegalArgumentException(
            "segments must have ids 1..k in order and cluster labels 0..k-1: " + s);
      }
      byId[i] = fitted[s.clusterLabel()];
      idOfCluster[s.clusterLabel()] = s.id();
    }
    return new KMeansModel(preprocessor, byId, idOfCluster, List.copyOf(ranked));
  }

  /**
   * Rebuilds a saved model: one centroid (scaled) per segment, in the order of {@code segments},
   * which must be sorted by increasing positive id.
   */
  public static KMeansModel restore(
      Preprocessor preprocessor, double[][] centroidsScaled, List<Segment> segments) {
    if (centroidsScaled.length != segments.size() || segments.isEmpty()) {
      throw new IllegalArgumentException(
          centroidsScaled.length + " centroids for " + segments.size() + " segments");
    }
    int[] idOfCluster = new int[segments.size()];
    for (int i = 0; i < segments.size(); i++) {
      Segment s = segments.get(i);
      if (s.isNoise() || (i > 0 && s.id() <= segments.get(i - 1).id())) {
        throw new IllegalArgumentException(
            "segments must have increasing positive ids: " + segments);
      }
      if (centroidsScaled[i].length != preprocessor.featureNames().size()) {
        throw new IllegalArgumentException(
            "centroid " + i + " has " + centroidsScaled[i].length + " features");
      }
      idOfCluster[i] = s.id();
    }
    return new KMeansModel(
        preprocessor, Matrices.deepCopy(centroidsScaled), idOfCluster, List.copyOf(segments));
  }

  /**
   * The same centroids under other segment identities: {@code replacement} maps each current id to
   * the segment (id, name, ...) it becomes. Used to carry an earlier model's ids and names over to
   * a retrained one.
   */
  @Override
  public KMeansModel relabel(Map<Integer, Segment> replacement) {
    List<Segment> renamed = SegmentIds.replaceAll(segments, replacement);
    Integer[] order = SegmentIds.orderById(renamed);
    double[][] centroids = new double[order.length][];
    List<Segment> sorted = new ArrayList<>();
    for (int r = 0; r < order.length; r++) {
      centroids[r] = centroidsScaled[order[r]];
      sorted.add(renamed.get(order[r]));
    }
    return restore(preprocessor, centroids, sorted);
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
    return segments.get(best).id();
  }

  /**
   * The k-means cost of one customer under this model: the squared distance, in the scaled space,
   * to the nearest centroid (the one {@link #assign} picks). Summed over customers it is the
   * model's WCSS on them.
   */
  public double cost(double[] rawFeatures) {
    double[] x = preprocessor.apply(rawFeatures);
    double best = Double.POSITIVE_INFINITY;
    for (double[] centroid : centroidsScaled) {
      best = Math.min(best, Matrices.squaredDistance(x, centroid));
    }
    return best;
  }

  /**
   * Segment id of k-means cluster index {@code cluster} of the training fit (of {@link #restore}'s
   * rows).
   */
  public int segmentIdOfCluster(int cluster) {
    return segmentIdOfCluster[cluster];
  }

  /** The segment with id {@code id}. */
  @Override
  public Segment segment(int id) {
    return SegmentIds.find(segments, id);
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

  /** Centroids in the scaled space, row i = {@code segments().get(i)}. */
  public double[][] centroidsScaled() {
    return Matrices.deepCopy(centroidsScaled);
  }

  /** The scaled centroid of segment {@code id}. */
  public double[] centroidScaled(int id) {
    return centroidsScaled[segments.indexOf(segment(id))].clone();
  }

  /**
   * Centroids mapped back to original units, row i = {@code segments().get(i)}. With LOG1P these
   * are back-transformed means of log values (close to geometric means), i.e. a "typical customer",
   * lower than the arithmetic means of the profile.
   */
  public double[][] centroidsOriginalUnits() {
    double[][] out = new double[centroidsScaled.length][];
    for (int c = 0; c < out.length; c++) {
      out[c] = preprocessor.toOriginalUnits(centroidsScaled[c]);
    }
    return out;
  }
}
