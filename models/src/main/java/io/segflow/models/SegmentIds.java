// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/** Lookups and renumbering over a model's segments, which are kept sorted by id (noise last). */
final class SegmentIds {
  private SegmentIds() {}

  static Segment find(List<Segment> segments, int id) {
    for (Segment s : segments) {
      if (s.id() == id) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "no segment " + id + "; the ids are " + segments.stream().map(Segment::id).toList());
  }

  /**
   * Each segment replaced by {@code replacement.get(its id)}; every non-noise segment must have
   * one, and the new ids must be distinct. The noise segment stays as it is unless it is mapped
   * too.
   */
  static List<Segment> replaceAll(List<Segment> segments, Map<Integer, Segment> replacement) {
    List<Segment> out = new ArrayList<>();
    for (Segment s : segments) {
      Segment r = replacement.get(s.id());
      if (r == null && !s.isNoise()) {
        throw new IllegalArgumentException("no replacement for segment " + s.id());
      }
      out.add(r == null ? s : r);
    }
    if (out.stream().map(Segment::id).distinct().count() != out.size()) {
      throw new IllegalArgumentException(
          "replacement ids are not distinct: " + out.stream().map(Segment::id).toList());
    }
    return out;
  }

  /** Indices of {@code segments} in increasing id order, the noise segment (id 0) last. */
  static Integer[] orderById(List<Segment> segments) {
    Integer[] order = new Integer[segments.size()];
    for (int i = 0; i < order.length; i++) {
      order[i] = i;
    }
    Arrays.sort(
        order,
        Comparator.comparing((Integer i) -> segments.get(i).isNoise())
            .thenComparingInt(i -> segments.get(i).id()));
    return order;
  }
}
