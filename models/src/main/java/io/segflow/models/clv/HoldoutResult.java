// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The holdout check's figures for model.json and the report.
 *
 * @param customers customers who bought in the calibration period (the ones predicted)
 * @param meanPredicted mean predicted holdout purchase days per customer
 * @param meanActual mean actual holdout purchase days per customer
 * @param meanAbsoluteError mean |predicted − actual| per customer
 * @param correlation Pearson correlation of predicted and actual; NaN when either is constant
 * @param byFrequency the calibration/holdout chart, one row per calibration frequency
 */
public record HoldoutResult(
    long calibrationDays,
    long holdoutDays,
    long customers,
    double meanPredicted,
    double meanActual,
    double meanAbsoluteError,
    double correlation,
    List<FrequencyRow> byFrequency)
    implements Serializable {

  /**
   * One bar pair of the chart.
   *
   * @param frequency calibration repeat purchases x
   * @param andAbove true for the last row, which pools x >= frequency
   */
  public record FrequencyRow(
      int frequency, boolean andAbove, long customers, double meanPredicted, double meanActual)
      implements Serializable {}

  /** The model.json object; non-finite numbers are null. */
  public Map<String, Object> toJsonMap() {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (FrequencyRow row : byFrequency) {
      Map<String, Object> r = new LinkedHashMap<>();
      r.put("frequency", row.frequency());
      r.put("and_above", row.andAbove());
      r.put("customers", row.customers());
      r.put("mean_predicted", row.meanPredicted());
      r.put("mean_actual", row.meanActual());
      rows.add(r);
    }
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("calibration_days", calibrationDays);
    out.put("holdout_days", holdoutDays);
    out.put("customers", customers);
    out.put("mean_predicted", ClvModel.finiteOrNull(meanPredicted));
    out.put("mean_actual", ClvModel.finiteOrNull(meanActual));
    out.put("mean_absolute_error", ClvModel.finiteOrNull(meanAbsoluteError));
    out.put("correlation", ClvModel.finiteOrNull(correlation));
    out.put("by_calibration_frequency", rows);
    return out;
  }
}
