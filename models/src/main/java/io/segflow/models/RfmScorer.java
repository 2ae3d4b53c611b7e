// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.io.Serializable;
import java.util.List;

/**
 * Classic RFM scoring of customer feature rows: finds the recency, frequency and monetary columns
 * by their {@link FeatureRoles} names and scores them against {@link RfmThresholds}. The thresholds
 * are either exact quintiles of the training customers ({@link #fit}) or supplied from outside
 * ({@link #of}), e.g. approximate quantiles computed by the pipeline, so the same scorer serves
 * both.
 */
public final class RfmScorer implements Serializable {
  private static final long serialVersionUID = 1L;

  private final RfmThresholds thresholds;
  private final int recencyColumn;
  private final int frequencyColumn;
  private final int monetaryColumn;

  private RfmScorer(RfmThresholds thresholds, List<String> featureNames, FeatureRoles roles) {
    roles.requirePresentIn(featureNames);
    this.thresholds = thresholds;
    this.recencyColumn = featureNames.indexOf(roles.recency());
    this.frequencyColumn = featureNames.indexOf(roles.frequency());
    this.monetaryColumn = featureNames.indexOf(roles.monetary());
  }

  /** Exact quintile thresholds of {@code raw} (original units) and a scorer using them. */
  public static RfmScorer fit(double[][] raw, List<String> featureNames, FeatureRoles roles) {
    Matrices.requireRectangularFinite(raw);
    roles.requirePresentIn(featureNames);
    RfmThresholds t =
        RfmThresholds.exact(
            Matrices.column(raw, featureNames.indexOf(roles.recency())),
            Matrices.column(raw, featureNames.indexOf(roles.frequency())),
            Matrices.column(raw, featureNames.indexOf(roles.monetary())));
    return new RfmScorer(t, featureNames, roles);
  }

  /** A scorer with given thresholds for rows whose columns are {@code featureNames}. */
  public static RfmScorer of(
      RfmThresholds thresholds, List<String> featureNames, FeatureRoles roles) {
    return new RfmScorer(thresholds, featureNames, roles);
  }

  public RfmThresholds thresholds() {
    return thresholds;
  }

  /** Scores of one raw customer row. */
  public RfmScore score(double[] raw) {
    return thresholds.score(raw[recencyColumn], raw[frequencyColumn], raw[monetaryColumn]);
  }
}
