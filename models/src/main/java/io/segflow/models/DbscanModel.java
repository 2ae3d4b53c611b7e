// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The DBSCAN counterpart of {@link KMeansModel}: scores customers, seen in training or not, the way
 * DBSCAN itself labels border points. A customer belongs to the segment of its <em>nearest core
 * point closer than eps</em> (strictly, as in Weka's neighbourhood, so a customer exactly eps away
 * from every core point is noise); otherwise it is noise, segment {@link Segment#NOISE_ID} "Unusual
 * / outliers". Ties go to the lower segment id.
 *
 * <p>Weka's DBSCAN cannot label new points (see {@link DbscanTrainer}), so the model keeps what
 * DBSCAN's decision depends on: the core points (scaled), their segment ids, eps and the {@link
 * Preprocessor}. Core points are stored in segment-id order, so the strict comparison in {@link
 * #assign} gives ties to the lower id for free. Scoring costs one distance per core point. Ids are
 * 1..n when trained; a model matched to an earlier one keeps that model's ids.
 */
public final class DbscanModel implements SegmentAssigner {
  private static final long serialVersionUID = 1L;

  private final Preprocessor preprocessor;
  private final double[][] coresScaled;
  private final int[] coreSegmentIds;
  private final double eps;
  private final List<Segment> segments;

  private DbscanModel(
      Preprocessor preprocessor,
      double[][] coresScaled,
      int[] coreSegmentIds,
      double eps,
      List<Segment> segments) {
    this.preprocessor = preprocessor;
    this.coresScaled = coresScaled;
    this.coreSegmentIds = coreSegmentIds;
    this.eps = eps;
    this.segments = segments;
  }

  /**
   * Builds the model from the core rows of a fit.
   *
   * @param coresScaled core points in {@code preprocessor}'s space
   * @param coreSegmentIds segment id (&gt;= 1) of each core point
   * @param segments named segments with distinct positive ids and, if training had noise, {@link
   *     Segment#NOISE_ID}; an empty noise segment is added when absent, because new customers can
   *     be noise anyway
   */
  public static DbscanModel of(
      Preprocessor preprocessor,
      double[][] coresScaled,
      int[] coreSegmentIds,
      double eps,
      List<Segment> segments) {
    if (coresScaled.length != coreSegmentIds.length) {
      throw new IllegalArgumentException(
          coresScaled.length + " core points but " + coreSegmentIds.length + " ids");
    }
    if (!(eps > 0) || !Double.isFinite(eps)) {
      throw new IllegalArgumentException("eps must be > 0 and finite: " + eps);
    }
    List<Segment> ranked = new ArrayList<>();
    Segment noise = null;
    for (Segment s : segments) {
      if (s.isNoise()) {
        noise = s;
      } else {
        ranked.add(s);
      }
    }
    ranked.sort(Comparator.comparingInt(Segment::id));
    Set<Integer> ids = new HashSet<>();
    for (int i = 0; i < ranked.size(); i++) {
      if (ranked.get(i).id() < 1 || !ids.add(ranked.get(i).id())) {
        throw new IllegalArgumentException("segment ids must be distinct and positive: " + ranked);
      }
    }
    Integer[] order = new Integer[coresScaled.length];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
      int id = coreSegmentIds[i];
      if (!ids.contains(id)) {
        throw new IllegalArgumentException(
            "core point " + i + " has segment id " + id + ", not one of " + ids);
      }
      if (coresScaled[i].length != preprocessor.featureNames().size()) {
        throw new IllegalArgumentException(
            "core point " + i + " has " + coresScaled[i].length + " features");
      }
    }
    Arrays.sort(
        order,
        Comparator.comparingInt(i -> coreSegmentIds[i])); // stable: training order within a segment
    double[][] cores = new double[order.length][];
    int[] coreIds = new int[order.length];
    for (int r = 0; r < order.length; r++) {
      cores[r] = coresScaled[order[r]].clone();
      coreIds[r] = coreSegmentIds[order[r]];
    }
    List<Segment> all = new ArrayList<>(ranked);
    all.add(noise != null ? noise : SegmentNamer.emptyNoiseSegment(preprocessor.featureNames()));
    return new DbscanModel(preprocessor, cores, coreIds, eps, List.copyOf(all));
  }

  /** The same core points under other segment identities (the noise segment keeps id 0). */
  @Override
  public DbscanModel relabel(Map<Integer, Segment> replacement) {
    List<Segment> renamed = SegmentIds.replaceAll(segments, replacement);
    int[] coreIds = new int[coreSegmentIds.length];
    for (int c = 0; c < coreIds.length; c++) {
      coreIds[c] = replacement.get(coreSegmentIds[c]).id();
    }
    return of(preprocessor, coresScaled, coreIds, eps, renamed);
  }

  /** Segment of the nearest core point closer than eps, else {@link Segment#NOISE_ID}. */
  @Override
  public int assign(double[] raw) {
    double[] x = preprocessor.apply(raw);
    int best = -1;
    double bestSquared = Double.POSITIVE_INFINITY;
    for (int c = 0; c < coresScaled.length; c++) {
      double d = Matrices.squaredDistance(x, coresScaled[c]);
      if (d < bestSquared) { // strict: the lower segment id (stored first) wins ties
        bestSquared = d;
        best = c;
      }
    }
    // the same sqrt of the same sum Weka's EuclideanDistance computes, compared as strictly as Weka
    // does
    return best >= 0 && Math.sqrt(bestSquared) < eps ? coreSegmentIds[best] : Segment.NOISE_ID;
  }

  @Override
  public Segment segment(int id) {
    return SegmentIds.find(segments, id);
  }

  /** Dense segments in id order, then the noise segment (id 0). */
  @Override
  public List<Segment> segments() {
    return segments;
  }

  @Override
  public Preprocessor preprocessor() {
    return preprocessor;
  }

  public double eps() {
    return eps;
  }

  /** Number of dense segments (noise not counted). */
  public int clusters() {
    return segments.size() - 1;
  }

  /** Core points in the scaled space, in segment-id order. */
  public double[][] coresScaled() {
    return Matrices.deepCopy(coresScaled);
  }

  /** Segment id of each row of {@link #coresScaled()}. */
  public int[] coreSegmentIds() {
    return coreSegmentIds.clone();
  }
}
