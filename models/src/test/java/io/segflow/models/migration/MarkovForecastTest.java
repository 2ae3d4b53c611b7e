// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.migration;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.Test;

public class MarkovForecastTest {
  /**
   * Two states: 80% of state 0 stay, 10% move to 1, 10% leave; 70% of state 1 stay, 20% move to 0,
   * 10% leave; 10 new customers arrive in 0 and 20 in 1 per period.
   */
  private static final MarkovForecast TWO =
      MarkovForecast.of(
          new double[][] {{0.8, 0.1}, {0.2, 0.7}}, new double[] {0.1, 0.1}, new double[] {10, 20});

  @Test
  public void twoStateExampleMatchesTheHandComputation() {
    List<MarkovForecast.Period> p = TWO.project(new double[] {100, 50}, 2);
    // period 1: 100·0.8 + 50·0.2 + 10 = 100; 100·0.1 + 50·0.7 + 20 = 65; left 100·0.1 + 50·0.1 = 15
    assertThat(p.get(0).sizes()[0], closeTo(100, 1e-12));
    assertThat(p.get(0).sizes()[1], closeTo(65, 1e-12));
    assertThat(p.get(0).left(), closeTo(15, 1e-12));
    assertThat(p.get(0).arrived(), closeTo(30, 0));
    // period 2: 100·0.8 + 65·0.2 + 10 = 103; 100·0.1 + 65·0.7 + 20 = 75.5; left 10 + 6.5 = 16.5
    assertThat(p.get(1).sizes()[0], closeTo(103, 1e-12));
    assertThat(p.get(1).sizes()[1], closeTo(75.5, 1e-12));
    assertThat(p.get(1).left(), closeTo(16.5, 1e-12));
    assertThat(p.get(1).period(), equalTo(2));
  }

  @Test
  public void steadyStateOfTheTwoStateExampleIsTheHandComputedFixedPoint() {
    // n0 = 0.8 n0 + 0.2 n1 + 10 and n1 = 0.1 n0 + 0.7 n1 + 20  →  n0 = 175, n1 = 125
    // (then 30 leave per period, as many as arrive).
    double[] steady = TWO.steadyState().orElseThrow();
    assertThat(steady[0], closeTo(175, 1e-9));
    assertThat(steady[1], closeTo(125, 1e-9));
    double[] again = TWO.next(steady);
    assertThat(again[0], closeTo(175, 1e-9));
    assertThat(again[1], closeTo(125, 1e-9));
    for (double[] start : new double[][] {{0, 0}, {100, 50}, {5000, 0}}) {
      List<MarkovForecast.Period> p = TWO.project(start, 400);
      double[] last = p.get(p.size() - 1).sizes();
      assertThat(last[0], closeTo(175, 1e-6));
      assertThat(last[1], closeTo(125, 1e-6));
    }
  }

  @Test
  public void everyPeriodConservesCustomers() {
    Map<String, Integer> before = new TreeMap<>();
    Map<String, Integer> after = new TreeMap<>();
    for (int c = 0; c < 500; c++) {
      before.put("c" + c, 1 + c % 4);
      if (c % 9 != 0) {
        after.put("c" + c, 1 + (c * 7 + c / 5) % 4);
      }
    }
    for (int c = 500; c < 560; c++) {
      after.put("c" + c, 1 + c % 2);
    }
    TransitionMatrix t = TransitionMatrix.count(before, after);
    MarkovForecast f = MarkovForecast.fromTransitions(t);
    double[] start = startOf(t);
    double previous = after.size(); // period 0: the later run's customers
    assertThat(sum(start), closeTo(previous, 0));
    for (MarkovForecast.Period p : f.project(start, 12)) {
      assertThat(
          "period " + p.period(), p.total(), closeTo(previous + p.arrived() - p.left(), 1e-9));
      assertThat(p.arrived(), closeTo(60, 0));
      previous = p.total();
    }
  }

  @Test
  public void fromTransitionsUsesTheObservedRowsAndKeepsUnobservedSegments() {
    // Segment 1: of 4 customers 2 stay, 1 moves to 2, 1 leaves. Segment 2: 2 customers, both stay.
    // Segment 3 exists only in the later run. New: 3 customers in 2, 1 in 3.
    Map<String, Integer> before = Map.of("a", 1, "b", 1, "c", 1, "d", 1, "e", 2, "f", 2);
    Map<String, Integer> after =
        Map.of("a", 1, "b", 1, "c", 2, "e", 2, "f", 2, "x", 2, "y", 2, "z", 2, "w", 3);
    TransitionMatrix t = TransitionMatrix.count(before, after);
    MarkovForecast f = MarkovForecast.fromTransitions(t);
    assertThat(MarkovForecast.segmentsWithoutObservedMoves(t), contains(3));
    double[] start = startOf(t);
    assertThat(start[0], closeTo(2, 0));
    assertThat(start[1], closeTo(6, 0));
    assertThat(start[2], closeTo(1, 0));
    MarkovForecast.Period p = f.project(start, 1).get(0);
    // segment 1: 2·0.5 = 1; segment 2: 2·0.25 + 6·1 + 3 new = 9.5; segment 3: 1 kept + 1 new = 2
    assertThat(p.sizes()[0], closeTo(1, 1e-12));
    assertThat(p.sizes()[1], closeTo(9.5, 1e-12));
    assertThat(p.sizes()[2], closeTo(2, 1e-12));
    assertThat(p.left(), closeTo(0.5, 1e-12));
    assertThat(p.arrived(), closeTo(4, 0));
  }

  @Test
  public void noSteadyStateWhenNobodyLeavesButCustomersArrive() {
    MarkovForecast closed =
        MarkovForecast.of(
            new double[][] {{0.9, 0.1}, {0.3, 0.7}}, new double[] {0, 0}, new double[] {5, 5});
    assertThat(closed.steadyState().isPresent(), is(false));
    // Sizes grow by the inflow every period, without bound.
    List<MarkovForecast.Period> p = closed.project(new double[] {10, 10}, 50);
    assertThat(p.get(49).total(), closeTo(20 + 50 * 10, 1e-9));
  }

  @Test
  public void aClosedSegmentBesideLeakingOnesHasNoSteadyState() {
    // State 1 keeps everybody; state 0 leaks. Its size depends on the start: no unique fixed point.
    MarkovForecast f =
        MarkovForecast.of(
            new double[][] {{0.5, 0.3}, {0, 1}}, new double[] {0.2, 0}, new double[] {1, 0});
    assertThat(f.everyStateLeaks(), is(false));
    assertThat(f.steadyState().isPresent(), is(false));
  }

  @Test
  public void withoutInflowEverybodyEventuallyLeaves() {
    MarkovForecast f =
        MarkovForecast.of(
            new double[][] {{0.5, 0.5}, {0, 0.9}}, new double[] {0, 0.1}, new double[] {0, 0});
    double[] steady = f.steadyState().orElseThrow();
    assertThat(steady[0], closeTo(0, 1e-12));
    assertThat(steady[1], closeTo(0, 1e-12));
  }

  @Test
  public void refusesRowsThatAreNotDistributions() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MarkovForecast.of(
                new double[][] {{0.5, 0.4}, {0, 1}}, new double[] {0, 0}, new double[] {0, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MarkovForecast.of(
                new double[][] {{1.5, -0.5}, {0, 1}}, new double[] {0, 0}, new double[] {0, 0}));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            MarkovForecast.of(
                new double[][] {{1, 0}, {0, 1}}, new double[] {0, 0}, new double[] {-1, 0}));
    assertThrows(IllegalArgumentException.class, () -> TWO.project(new double[] {1}, 1));
  }

  private static double[] startOf(TransitionMatrix t) {
    double[] start = new double[t.toSegments().size()];
    for (int j = 0; j < start.length; j++) {
      start[j] = t.columnTotal(j);
    }
    return start;
  }

  private static double sum(double[] v) {
    double s = 0;
    for (double x : v) {
      s += x;
    }
    return s;
  }
}
