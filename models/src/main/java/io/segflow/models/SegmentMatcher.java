// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Keeps segment ids and names stable when a model is retrained: the retrained model's segments are
 * matched one to one to the earlier model's by the optimal assignment (Hungarian algorithm) of
 * their centres, and take the matched segment's id, name and recommended action. A segment with no
 * counterpart within {@code maxDistance} gets a new id above every earlier one. Distances are
 * measured in the earlier model's scaled space (its transform and scaler), so 1.0 is about one
 * standard deviation of the earlier customers along one feature.
 *
 * <p>A segment's centre is its k-means centroid, or for DBSCAN the mean of its core points. The
 * noise segment of a density model is never matched: it keeps id {@link Segment#NOISE_ID}.
 */
public final class SegmentMatcher {
  /** Default largest distance a matched pair may be apart. */
  public static final double DEFAULT_MAX_DISTANCE = 1.0;

  private SegmentMatcher() {}

  /** The matching and the retrained model relabelled by it. */
  public record Result(SegmentAssigner model, SegmentMatching matching) {}

  public static Result match(
      SegmentAssigner previous,
      String previousModelId,
      SegmentAssigner retrained,
      double maxDistance) {
    if (!previous.featureNames().equals(retrained.featureNames())) {
      throw new IllegalArgumentException(
          "the earlier model clusters on "
              + previous.featureNames()
              + ", the retrained one on "
              + retrained.featureNames()
              + ": segments can only be matched on the same features");
    }
    if (!(maxDistance > 0)) {
      throw new IllegalArgumentException("maxDistance must be > 0: " + maxDistance);
    }
    List<Segment> before = dense(previous.segments());
    List<Segment> after = dense(retrained.segments());
    double[][] beforeCentres = centresIn(previous, previous);
    double[][] afterCentres = centresIn(retrained, previous);
    double[][] cost = new double[after.size()][before.size()];
    for (int a = 0; a < after.size(); a++) {
      for (int b = 0; b < before.size(); b++) {
        cost[a][b] = Math.sqrt(Matrices.squaredDistance(afterCentres[a], beforeCentres[b]));
      }
    }
    int[] pairedWith = new int[after.size()];
    Arrays.fill(pairedWith, -1);
    if (!before.isEmpty() && !after.isEmpty()) {
      pairedWith = HungarianAlgorithm.assign(cost);
    }
    boolean[] accepted = new boolean[after.size()];

    int nextId = 1;
    Set<String> namesTaken = new HashSet<>();
    for (Segment s : previous.segments()) {
      nextId = Math.max(nextId, s.id() + 1);
      namesTaken.add(s.name()); // a new segment must not pass for an earlier one, retired or not
    }
    Set<Integer> matchedBefore = new HashSet<>();
    for (int a = 0; a < after.size(); a++) {
      int b = pairedWith[a];
      accepted[a] = b >= 0 && cost[a][b] <= maxDistance;
      if (accepted[a]) {
        matchedBefore.add(b);
      }
    }
    Map<Integer, Segment> replacement = new LinkedHashMap<>();
    List<SegmentMatching.Match> matches = new ArrayList<>();
    for (int a = 0; a < after.size(); a++) {
      Segment s = after.get(a);
      int b = pairedWith[a];
      Segment renamed;
      Integer previousId = null;
      if (accepted[a]) {
        Segment old = before.get(b);
        previousId = old.id();
        renamed =
            new Segment(
                old.id(),
                s.clusterLabel(),
                old.name(),
                s.description(),
                old.action(),
                s.valueScore(),
                s.engagementScore(),
                s.profile());
      } else {
        renamed =
            new Segment(
                nextId++,
                s.clusterLabel(),
                unusedName(s.name(), namesTaken),
                s.description(),
                s.action(),
                s.valueScore(),
                s.engagementScore(),
                s.profile());
      }
      namesTaken.add(renamed.name());
      replacement.put(s.id(), renamed);
      matches.add(
          new SegmentMatching.Match(
              s.id(),
              s.name(),
              renamed.id(),
              renamed.name(),
              previousId,
              b >= 0 ? cost[a][b] : Double.NaN));
    }
    List<SegmentMatching.Retired> retired = new ArrayList<>();
    for (int b = 0; b < before.size(); b++) {
      if (!matchedBefore.contains(b)) {
        retired.add(new SegmentMatching.Retired(before.get(b).id(), before.get(b).name()));
      }
    }
    return new Result(
        retrained.relabel(replacement),
        new SegmentMatching(previousModelId, maxDistance, matches, retired));
  }

  /** A new segment may not reuse the name of an earlier segment. */
  private static String unusedName(String name, Set<String> taken) {
    if (!taken.contains(name)) {
      return name;
    }
    for (int n = 1; ; n++) {
      String candidate = name + (n == 1 ? " (new)" : " (new " + n + ")");
      if (!taken.contains(candidate)) {
        return candidate;
      }
    }
  }

  private static List<Segment> dense(List<Segment> segments) {
    return segments.stream().filter(s -> !s.isNoise()).toList();
  }

  /**
   * Centres of {@code model}'s dense segments, in original units, mapped into {@code space}'s
   * scaled space.
   */
  static double[][] centresIn(SegmentAssigner model, SegmentAssigner space) {
    List<Segment> segments = dense(model.segments());
    double[][] out = new double[segments.size()][];
    for (int i = 0; i < segments.size(); i++) {
      double[] scaled = centreScaled(model, segments.get(i).id());
      out[i] = space.preprocessor().apply(model.preprocessor().toOriginalUnits(scaled));
    }
    return out;
  }

  private static double[] centreScaled(SegmentAssigner model, int id) {
    if (model instanceof KMeansModel km) {
      return km.centroidScaled(id);
    }
    if (model instanceof DbscanModel db) {
      double[][] cores = db.coresScaled();
      int[] ids = db.coreSegmentIds();
      double[] sum = new double[model.featureNames().size()];
      int n = 0;
      for (int c = 0; c < cores.length; c++) {
        if (ids[c] == id) {
          for (int j = 0; j < sum.length; j++) {
            sum[j] += cores[c][j];
          }
          n++;
        }
      }
      for (int j = 0; j < sum.length; j++) {
        sum[j] /= n;
      }
      return sum;
    }
    throw new IllegalArgumentException(
        "cannot find segment centres of a " + model.getClass().getSimpleName());
  }
}
