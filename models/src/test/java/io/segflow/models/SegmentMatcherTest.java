// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

public class SegmentMatcherTest {
  private static final List<String> F = TestData.FEATURES;

  /**
   * Two trainings on different halves of the real customers find the same kinds of customers, but
   * the namer may rank them differently: after matching, customers assigned by either model get the
   * same ids as under the first.
   */
  @Test
  public void retrainingOnOtherCustomersKeepsIdsAndNamesOfTheSameKindsOfCustomers() {
    double[][] all = TestData.referenceCustomers();
    double[][] first = half(all, 0);
    double[][] second = half(all, 1);
    KMeansModel before = KMeansSegmentation.create().withK(3).fit(first, F).model();
    KMeansModel retrained = KMeansSegmentation.create().withK(3).withSeed(7).fit(second, F).model();

    SegmentMatcher.Result r =
        SegmentMatcher.match(before, "m1", retrained, SegmentMatcher.DEFAULT_MAX_DISTANCE);

    assertThat(r.matching().matches(), hasSize(3));
    assertThat(r.matching().retired(), hasSize(0));
    List<Double> distances =
        r.matching().matches().stream().map(SegmentMatching.Match::distance).toList();
    assertThat(distances, everyItem(lessThan(SegmentMatcher.DEFAULT_MAX_DISTANCE)));
    Set<String> names = new TreeSet<>();
    before.segments().forEach(s -> names.add(s.id() + " " + s.name()));
    Set<String> after = new TreeSet<>();
    r.model().segments().forEach(s -> after.add(s.id() + " " + s.name()));
    assertThat(after, is(names));
    // the matched ids are the relabelling under which the most customers keep their segment (of all
    // 3! = 6)
    double matched = agreement(all, before, r.model()::assign);
    assertThat(matched > 0.85, is(true));
    int[][] permutations = {{1, 2, 3}, {1, 3, 2}, {2, 1, 3}, {2, 3, 1}, {3, 1, 2}, {3, 2, 1}};
    for (int[] p : permutations) {
      assertThat(agreement(all, before, c -> p[retrained.assign(c) - 1]) <= matched, is(true));
    }
  }

  private static double agreement(
      double[][] customers, SegmentAssigner a, java.util.function.ToIntFunction<double[]> b) {
    int agree = 0;
    for (double[] c : customers) {
      if (a.assign(c) == b.applyAsInt(c)) {
        agree++;
      }
    }
    return (double) agree / customers.length;
  }

  @Test
  public void anExtraClusterGetsANewIdAndAMissingOneIsRetired() {
    double[][] all = TestData.referenceCustomers();
    KMeansModel three = KMeansSegmentation.create().withK(3).fit(all, F).model();
    KMeansModel five = KMeansSegmentation.create().withK(5).fit(all, F).model();

    SegmentMatcher.Result grown = SegmentMatcher.match(three, "k3", five, 10.0);
    List<SegmentMatching.Match> fresh =
        grown.matching().matches().stream().filter(SegmentMatching.Match::isNew).toList();
    assertThat(fresh, hasSize(2));
    assertThat(fresh.stream().map(SegmentMatching.Match::segmentId).toList(), is(List.of(4, 5)));
    assertThat(
        grown.model().segments().stream().map(Segment::id).toList(), is(List.of(1, 2, 3, 4, 5)));

    SegmentMatcher.Result shrunk = SegmentMatcher.match(five, "k5", three, 10.0);
    assertThat(shrunk.matching().retired(), hasSize(2));
    Set<Integer> kept = new TreeSet<>();
    shrunk.model().segments().forEach(s -> kept.add(s.id()));
    assertThat(kept, hasSize(3));
    for (SegmentMatching.Retired gone : shrunk.matching().retired()) {
      assertThat(kept.contains(gone.segmentId()), is(false));
    }
    // assign never returns a retired id, and every id it returns is a segment of the model
    for (double[] c : all) {
      assertThat(kept.contains(shrunk.model().assign(c)), is(true));
    }
  }

  @Test
  public void aPairFartherThanTheLimitIsNotMatched() {
    double[][] all = TestData.referenceCustomers();
    KMeansModel a = KMeansSegmentation.create().withK(3).fit(all, F).model();
    double[][] shifted = new double[all.length][];
    for (int i = 0; i < all.length; i++) {
      shifted[i] = all[i].clone();
      shifted[i][2] = all[i][2] * 1000; // monetary ×1000: every centre moves by log(1000)/sd ≫ 1
    }
    KMeansModel b = KMeansSegmentation.create().withK(3).fit(shifted, F).model();
    SegmentMatcher.Result r = SegmentMatcher.match(a, "a", b, 1.0);
    assertThat(r.matching().matches().stream().filter(m -> !m.isNew()).count(), is(0L));
    assertThat(r.matching().retired(), hasSize(3));
    for (SegmentMatching.Match m : r.matching().matches()) {
      assertThat(m.segmentId() > 3, is(true));
      assertThat(m.previousId(), nullValue());
      // a new segment may carry its namer's name unless an earlier segment had it
      assertThat(m.name(), not(containsString("null")));
    }
  }

  @Test
  public void dbscanModelsMatchOnTheMeanOfTheirCorePoints() {
    Random random = new Random(3);
    double[][] blobs = new double[400][];
    for (int i = 0; i < blobs.length; i++) {
      boolean big = i % 2 == 0;
      blobs[i] =
          new double[] {
            big ? 10 + random.nextGaussian() : 200 + random.nextGaussian() * 5,
            big ? 20 + random.nextGaussian() : 2 + random.nextGaussian() * 0.2,
            big ? 5000 + random.nextGaussian() * 100 : 100 + random.nextGaussian() * 5,
            100 + random.nextGaussian(),
            50 + random.nextGaussian()
          };
    }
    DbscanModel before =
        DbscanSegmentation.create().withEps(0.8).withMinPoints(6).fit(blobs, F).model();
    double[][] later = new double[blobs.length][];
    for (int i = 0; i < blobs.length; i++) {
      later[i] = blobs[(i + 1) % blobs.length].clone(); // the same customers in another order
    }
    DbscanModel after =
        DbscanSegmentation.create().withEps(0.8).withMinPoints(6).fit(later, F).model();
    SegmentMatcher.Result r = SegmentMatcher.match(before, "d", after, 1.0);
    Map<Integer, Integer> pairs = new HashMap<>();
    r.matching().matches().forEach(m -> pairs.put(m.segmentId(), m.previousId()));
    for (Segment s : before.segments()) {
      if (!s.isNoise()) {
        assertThat(pairs.get(s.id()), is(s.id()));
      }
    }
    for (double[] c : blobs) {
      assertThat(r.model().assign(c), is(before.assign(c)));
    }
  }

  @Test
  public void refusesModelsOnDifferentFeatures() {
    double[][] all = TestData.sampleCustomers();
    KMeansModel a = KMeansSegmentation.create().withK(3).fit(all, F).model();
    List<String> other = new ArrayList<>(F);
    other.set(4, "tenure_days");
    KMeansModel b = KMeansSegmentation.create().withK(3).fit(all, other).model();
    IllegalArgumentException e =
        assertThrows(IllegalArgumentException.class, () -> SegmentMatcher.match(a, "a", b, 1.0));
    assertThat(e.getMessage(), containsString("same features"));
  }

  private static double[][] half(double[][] all, int parity) {
    List<double[]> out = new ArrayList<>();
    for (int i = parity; i < all.length; i += 2) {
      out.add(all[i]);
    }
    return out.toArray(new double[0][]);
  }
}
