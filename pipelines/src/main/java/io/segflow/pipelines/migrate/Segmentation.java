// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import io.segflow.pipelines.config.ConfigException;
import java.util.List;

/**
 * Which segments of the two runs a migration compares: the clustering's {@code segment_id} or the
 * RFM rule table's {@code rfm_segment}. Each has its own files: the clustering's at the top of the
 * output folder, the RFM segments' under {@code rfm/}, so a loader finds each at one path whichever
 * {@code --segments} chose.
 */
public enum Segmentation {
  CLUSTER(
      "cluster",
      "",
      "segment id",
      "Segments are compared by id as given. Ids from two "
          + "independent trainings need not mean the same customers (each training ranks its own "
          + "segments by value, 1 = most valuable); runs that reuse one saved model keep their ids."),
  RFM(
      "rfm",
      "rfm/",
      "RFM segment",
      "RFM segments are compared by name (rfm_segment). A segment's "
          + "id is its place in the rule table as saved in the runs' model.json (the later run's "
          + "order, then names only in the earlier run's table, then names in neither, the fallback "
          + "last), so an id means the same segment in both runs; the rule order is not a ranking by "
          + "value.");

  private final String key;
  private final String prefix;
  private final String unit;
  private final String idsNote;

  Segmentation(String key, String prefix, String unit, String idsNote) {
    this.key = key;
    this.prefix = prefix;
    this.unit = unit;
    this.idsNote = idsNote;
  }

  /** {@code cluster} or {@code rfm}, as {@code --segments} spells it. */
  public String key() {
    return key;
  }

  /** Where this segmentation's files go, relative to the output folder: "" or "rfm/". */
  public String prefix() {
    return prefix;
  }

  /** "segment id" or "RFM segment": what a customer who stayed kept. */
  public String unit() {
    return unit;
  }

  /** How segments are matched between the two runs, for the outputs. */
  public String idsNote() {
    return idsNote;
  }

  /**
   * The segmentations {@code --segments} names: {@code cluster}, {@code rfm} or {@code both}
   * (clustering first).
   */
  public static List<Segmentation> parse(String value) {
    return switch (value == null ? "" : value) {
      case "cluster" -> List.of(CLUSTER);
      case "rfm" -> List.of(RFM);
      case "both" -> List.of(CLUSTER, RFM);
      default ->
          throw new ConfigException("--segments must be cluster, rfm or both, got '" + value + "'");
    };
  }
}
