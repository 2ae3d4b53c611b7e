// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.RunPlan;
import io.segflow.transforms.features.InputFeatures;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.segment.SegmentationSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the input files are read, decided from their headers before the pipeline starts: which header
 * each logical column comes from, what stands in for absent optional columns, and which features
 * the input cannot give. Reported in manifest.json ({@code input_model}) and by the run's log.
 */
public record InputModel(
    Map<String, String> mapping, List<String> notes, Set<String> absentFeatures) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The model of the (non-empty) files; an input with no header line gives an empty model. */
  public static InputModel of(ColumnMapping columns, List<InputInspector.InputFile> files) {
    List<List<String>> headers = new ArrayList<>();
    for (InputInspector.InputFile f : files) {
      if (f.header() != null) {
        headers.add(f.header());
      }
    }
    if (headers.isEmpty()) {
      return new InputModel(Map.of(), List.of(), Set.of());
    }
    Set<String> notes = new LinkedHashSet<>();
    headers.forEach(h -> notes.addAll(columns.notes(h)));
    return new InputModel(
        columns.mapped(headers.get(0)), List.copyOf(notes), InputFeatures.absent(columns, headers));
  }

  /**
   * The plan clustering only on features the input has: absent ones leave the default feature list;
   * an absent feature chosen explicitly stops the run (exit 3).
   */
  public RunPlan adjust(RunPlan plan) {
    SegmentationSettings s = plan.segmentation();
    if (s == null || absentFeatures.isEmpty()) {
      return plan;
    }
    boolean byDefault = plan.models().features().equals(SegmentationSettings.DEFAULT_FEATURES);
    try {
      return plan.withSegmentation(
          s.withFeatures(InputFeatures.usable(s.features(), byDefault, absentFeatures)));
    } catch (IllegalArgumentException e) {
      throw new SegflowException(ExitCode.INPUT, e.getMessage(), e);
    }
  }

  public ObjectNode toJson() {
    ObjectNode n = JSON.createObjectNode();
    ObjectNode m = n.putObject("columns");
    mapping.forEach(m::put);
    notes.forEach(n.putArray("notes")::add);
    ObjectNode absent = n.putObject("absent_features");
    InputFeatures.reasons(absentFeatures).forEach(absent::put);
    return n;
  }

  /** Column key → header name, in the logical columns' order. */
  @Override
  public Map<String, String> mapping() {
    return new LinkedHashMap<>(mapping);
  }
}
