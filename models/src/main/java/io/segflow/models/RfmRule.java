// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;

/**
 * One row of an {@link RfmSegmentRules} table: a segment and the score ranges that put a customer
 * in it. A customer matches if every range contains its score; use {@link ScoreRange#ANY} for
 * dimensions the rule does not restrict.
 *
 * @param name the segment name, e.g. "Champions"
 * @param description who these customers are
 * @param action the recommended marketing action
 * @param r recency score range
 * @param f frequency score range
 * @param m monetary score range
 * @param fm range of FM = (F + M) / 2
 */
public record RfmRule(
    String name,
    String description,
    String action,
    ScoreRange r,
    ScoreRange f,
    ScoreRange m,
    ScoreRange fm)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public RfmRule {
    if (name == null || name.isBlank() || description == null || action == null) {
      throw new IllegalArgumentException("a rule needs a name, a description and an action");
    }
    if (r == null || f == null || m == null || fm == null) {
      throw new IllegalArgumentException("ranges must not be null (use ScoreRange.ANY): " + name);
    }
  }

  /** A rule on R and FM, the form most published RFM tables use. */
  public static RfmRule onRAndFm(
      String name, String description, String action, ScoreRange r, ScoreRange fm) {
    return new RfmRule(name, description, action, r, ScoreRange.ANY, ScoreRange.ANY, fm);
  }

  /** A rule on R, F and M separately. */
  public static RfmRule onRfm(
      String name, String description, String action, ScoreRange r, ScoreRange f, ScoreRange m) {
    return new RfmRule(name, description, action, r, f, m, ScoreRange.ANY);
  }

  public boolean matches(RfmScore s) {
    return r.contains(s.r()) && f.contains(s.f()) && m.contains(s.m()) && fm.contains(s.fm());
  }
}
