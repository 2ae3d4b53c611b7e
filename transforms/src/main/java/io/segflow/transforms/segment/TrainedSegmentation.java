// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.DbscanReport;
import io.segflow.models.DbscanResult;
import io.segflow.models.KMeansReport;
import io.segflow.models.KMeansResult;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatcher;
import io.segflow.models.SegmentMatching;
import io.segflow.models.SegmentationResult;
import io.segflow.schemas.SegflowModel;
import java.io.Serializable;

/**
 * The model a run trained or loaded (it reaches the assignment step as a side input) and how it was
 * made: a k-means {@link KMeansReport} or a {@link DbscanReport}, whichever algorithm made the
 * model (the other is null; both are null for a saved model), the {@link MethodComparison} when
 * both were asked for, the {@link TrainingSample} when the model was trained on a sample (null: on
 * every customer), the {@link SegmentMatching} when segments were matched to an earlier model, the
 * fingerprint of the training customers, and the saved model it was loaded from (else null).
 */
public record TrainedSegmentation(
    SegmentationSettings settings,
    SegmentAssigner model,
    KMeansReport kmeansReport,
    DbscanReport dbscanReport,
    MethodComparison comparison,
    TrainingSample sample,
    SegmentMatching matching,
    String dataFingerprint,
    SegflowModel savedModel)
    implements Serializable {

  /** A model trained in this run on every customer, not matched to an earlier one. */
  public TrainedSegmentation(
      SegmentationSettings settings,
      SegmentAssigner model,
      KMeansReport kmeansReport,
      DbscanReport dbscanReport,
      MethodComparison comparison) {
    this(settings, model, kmeansReport, dbscanReport, comparison, null, null, null, null);
  }

  /** A model trained in this run, on {@code sample} when not null. */
  public TrainedSegmentation(
      SegmentationSettings settings,
      SegmentAssigner model,
      KMeansReport kmeansReport,
      DbscanReport dbscanReport,
      MethodComparison comparison,
      TrainingSample sample) {
    this(settings, model, kmeansReport, dbscanReport, comparison, sample, null, null, null);
  }

  /**
   * The model {@code result} trained in this run, with its report, on {@code sample} when not null;
   * {@code comparison} when DBSCAN ran beside k-means.
   */
  public static TrainedSegmentation of(
      SegmentationSettings settings,
      SegmentationResult result,
      MethodComparison comparison,
      TrainingSample sample) {
    if (result instanceof KMeansResult k) {
      return new TrainedSegmentation(settings, k.model(), k.report(), null, comparison, sample);
    }
    DbscanResult d = (DbscanResult) result;
    return new TrainedSegmentation(settings, d.model(), null, d.report(), comparison, sample);
  }

  /** A model loaded from a saved model: scores customers without training. */
  public static TrainedSegmentation loaded(
      SegmentationSettings settings, SegmentAssigner model, SegflowModel saved) {
    return new TrainedSegmentation(
        settings,
        model,
        null,
        null,
        null,
        null,
        null,
        saved.getTraining().getDataFingerprint(),
        saved);
  }

  /** The same training with the model's segments renamed by {@code result}. */
  public TrainedSegmentation matched(SegmentMatcher.Result result) {
    return new TrainedSegmentation(
        settings,
        result.model(),
        kmeansReport,
        dbscanReport,
        comparison,
        sample,
        result.matching(),
        dataFingerprint,
        savedModel);
  }

  public TrainedSegmentation withDataFingerprint(String fingerprint) {
    return new TrainedSegmentation(
        settings,
        model,
        kmeansReport,
        dbscanReport,
        comparison,
        sample,
        matching,
        fingerprint,
        savedModel);
  }

  public boolean sampled() {
    return sample != null;
  }

  public boolean isLoaded() {
    return savedModel != null;
  }
}
