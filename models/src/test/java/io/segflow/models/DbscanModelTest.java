// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import org.junit.Test;

/** Scoring rules of {@link DbscanModel} on a hand-made model in an identity-scaled 2-d space. */
public class DbscanModelTest {
  private static final List<String> NAMES = List.of("recency_days", "frequency");
  private static final Preprocessor IDENTITY =
      new Preprocessor(
          NAMES, FeatureTransform.NONE, new Scaling(new double[] {0, 0}, new double[] {1, 1}));

  private static Segment segment(int id, String name) {
    double[] v = {id, id};
    SegmentProfile p = new SegmentProfile(id == 0 ? -1 : id - 1, 10, 0.1, NAMES, v, v, v, 1, 0.1);
    return new Segment(id, p.label(), name, name, "act", 0.5, 0.5, p);
  }

  /**
   * Core points: segment 2 at (0,0) listed first on purpose, segment 1 at (4,0) and (0,4); eps 2.
   */
  private static DbscanModel model() {
    return DbscanModel.of(
        IDENTITY,
        new double[][] {{0, 0}, {4, 0}, {0, 4}},
        new int[] {2, 1, 1},
        2.0,
        List.of(segment(1, "one"), segment(2, "two"), segment(0, "Unusual / outliers")));
  }

  @Test
  public void nearestCorePointWithinEpsDecides() {
    DbscanModel m = model();
    assertThat(m.assign(new double[] {0, 0}), is(2)); // on a core point
    assertThat(m.assign(new double[] {1.9, 0}), is(2)); // 1.9 from (0,0), 2.1 from (4,0)
    assertThat(m.assign(new double[] {2.1, 0}), is(1)); // 1.9 from (4,0)
    assertThat(m.assign(new double[] {0, 3}), is(1)); // 1 from (0,4), 3 from (0,0)
  }

  @Test
  public void exactlyEpsAwayIsNoiseLikeWekasStrictNeighbourhood() {
    DbscanModel m = model();
    assertThat(m.assign(new double[] {-2, 0}), is(Segment.NOISE_ID)); // exactly 2.0 from (0,0)
    assertThat(m.assign(new double[] {Math.nextUp(-2.0), 0}), is(2)); // a hair closer
  }

  @Test
  public void farPointsAreNoise() {
    DbscanModel m = model();
    assertThat(m.assign(new double[] {100, 100}), is(Segment.NOISE_ID));
    assertThat(m.assign(new double[] {-3, -3}), is(Segment.NOISE_ID));
    assertThat(m.segment(m.assign(new double[] {100, 100})).name(), is("Unusual / outliers"));
  }

  @Test
  public void tiesGoToTheLowerSegmentId() {
    // segment 2's core point is listed first, so the lower id must win on merit, not by input order
    DbscanModel wide =
        DbscanModel.of(
            IDENTITY,
            new double[][] {{0, 0}, {4, 0}},
            new int[] {2, 1},
            3.0,
            List.of(segment(1, "one"), segment(2, "two")));
    assertThat(wide.assign(new double[] {2, 0}), is(1)); // 2 from both core points
    assertThat(wide.assign(new double[] {2, 1}), is(1)); // sqrt(5) from both
  }

  @Test
  public void segmentsListNoiseLastAndAnEmptyNoiseSegmentIsAddedWhenTrainingHadNone() {
    DbscanModel m =
        DbscanModel.of(
            IDENTITY, new double[][] {{0, 0}}, new int[] {1}, 1.0, List.of(segment(1, "one")));
    assertThat(m.segments().stream().map(Segment::id).toList(), contains(1, 0));
    Segment noise = m.segment(Segment.NOISE_ID);
    assertThat(noise.isNoise(), is(true));
    assertThat(noise.name(), is("Unusual / outliers"));
    assertThat(noise.profile().size(), is(0));
    assertThat(m.clusters(), is(1));
    assertThrows(IllegalArgumentException.class, () -> m.segment(2));
  }

  @Test
  public void invalidModelsAreRejected() {
    List<Segment> segs = List.of(segment(1, "one"));
    assertThrows(
        IllegalArgumentException.class,
        () -> DbscanModel.of(IDENTITY, new double[][] {{0, 0}}, new int[] {2}, 1.0, segs));
    assertThrows(
        IllegalArgumentException.class,
        () -> DbscanModel.of(IDENTITY, new double[][] {{0, 0}}, new int[] {1}, 0.0, segs));
    assertThrows(
        IllegalArgumentException.class,
        () -> DbscanModel.of(IDENTITY, new double[][] {{0, 0}}, new int[] {1, 1}, 1.0, segs));
  }

  @Test
  public void survivesSerialisationAsASegmentAssigner() throws Exception {
    SegmentAssigner copy = PreprocessorTest.roundTrip((SegmentAssigner) model());
    assertThat(copy.assign(new double[] {2.1, 0}), is(1));
    assertThat(copy.assign(new double[] {-2, 0}), is(Segment.NOISE_ID));
    assertThat(copy.featureNames(), is(NAMES));
  }
}
