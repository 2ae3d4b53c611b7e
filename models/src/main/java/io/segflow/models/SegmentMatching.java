// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;

/**
 * How a retrained model's segments were matched to an earlier model's ({@link SegmentMatcher}): for
 * each new segment the earlier segment whose id and name it took (or none: a new id), the distance
 * between their centres, and the earlier segments that found no counterpart.
 *
 * @param previousModelId the earlier model's id
 * @param maxDistance matches farther apart than this were refused
 * @param matches one per segment of the retrained model (noise excluded), in the retrained model's
 *     value order
 * @param retired earlier segments no retrained segment matched
 */
public record SegmentMatching(
    String previousModelId, double maxDistance, List<Match> matches, List<Retired> retired)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  public SegmentMatching {
    matches = List.copyOf(matches);
    retired = List.copyOf(retired);
  }

  /**
   * How one newly trained segment relates to a segment of the earlier model.
   *
   * @param trainedId the id the namer gave the segment in this training
   * @param trainedName the name it gave
   * @param segmentId the id the segment carries from now on
   * @param name the name it carries from now on
   * @param previousId the earlier segment matched, or null for a new segment
   * @param distance distance between the two centres in the earlier model's scaled space (NaN when
   *     not matched; for a refused match, the distance of the refused pair)
   */
  public record Match(
      int trainedId,
      String trainedName,
      int segmentId,
      String name,
      Integer previousId,
      double distance)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    public boolean isNew() {
      return previousId == null;
    }
  }

  /** An earlier segment with no counterpart in the retrained model. */
  public record Retired(int segmentId, String name) implements Serializable {
    private static final long serialVersionUID = 1L;
  }
}
