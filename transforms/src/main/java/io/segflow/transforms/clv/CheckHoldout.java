// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.BgNbdParams;
import io.segflow.models.clv.ClvFitter;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvTerms;
import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.models.clv.CustomerSummary;
import io.segflow.models.clv.HoldoutCheck;
import io.segflow.models.clv.HoldoutEvaluation;
import io.segflow.transforms.features.PurchaseDayList;
import io.segflow.transforms.rows.StageMetrics;
import java.io.Serializable;
import java.time.LocalDate;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.CombineWithContext;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * The calibration/holdout check in a run, in two passes over the customers' purchase days as {@link
 * HoldoutCheck} does in memory: BG/NBD and Gamma-Gamma fitted on the purchases before {@code asOf −
 * holdoutDays} (grouped {@link ClvTerms}, a global combine), then each calibration customer's
 * predicted purchase days in the holdout compared with the actual ones ({@link HoldoutEvaluation},
 * a global combine with the calibration model as a side input). The output is one {@link
 * HoldoutCheck.Outcome}; none when there are no customers at all. A holdout that leaves no purchase
 * to calibrate on stops the run with {@link HoldoutTooLongException}.
 */
public final class CheckHoldout
    extends PTransform<PCollection<PurchaseDayList>, PCollection<HoldoutCheck.Outcome>> {
  private final int holdoutDays;
  private final ClvTimeUnit unit;
  private final PCollectionView<Long> asOfEpochDay;

  private CheckHoldout(int holdoutDays, ClvTimeUnit unit, PCollectionView<Long> asOfEpochDay) {
    this.holdoutDays = holdoutDays;
    this.unit = unit;
    this.asOfEpochDay = asOfEpochDay;
  }

  /** A holdout of {@code holdoutDays} (at least 1) before the as-of date; weeks by default. */
  public static CheckHoldout ofDays(int holdoutDays) {
    if (holdoutDays < 1) {
      throw new IllegalArgumentException("the holdout must be at least one day: " + holdoutDays);
    }
    return new CheckHoldout(holdoutDays, ClvTimeUnit.WEEK, null);
  }

  /** The time unit the calibration models count in. */
  public CheckHoldout withUnit(ClvTimeUnit unit) {
    if (unit == null) {
      throw new IllegalArgumentException("the time unit must not be null");
    }
    return new CheckHoldout(holdoutDays, unit, asOfEpochDay);
  }

  /** The as-of date as a singleton view of its epoch day (required). */
  public CheckHoldout withAsOf(PCollectionView<Long> epochDay) {
    if (epochDay == null) {
      throw new IllegalArgumentException("the as-of view must not be null");
    }
    return new CheckHoldout(holdoutDays, unit, epochDay);
  }

  @Override
  public PCollection<HoldoutCheck.Outcome> expand(PCollection<PurchaseDayList> days) {
    if (asOfEpochDay == null) {
      throw new IllegalStateException("CheckHoldout needs withAsOf(...)");
    }
    int n = holdoutDays;
    PCollectionView<Long> asOf = asOfEpochDay;
    PCollection<HoldoutCustomer> customers =
        days.apply(
                "CutAtCalibrationEnd",
                ParDo.of(
                        new DoFn<PurchaseDayList, HoldoutCustomer>() {
                          @ProcessElement
                          public void process(
                              @Element PurchaseDayList d,
                              OutputReceiver<HoldoutCustomer> out,
                              ProcessContext c) {
                            out.output(HoldoutCustomer.of(d, c.sideInput(asOf), n));
                          }
                        })
                    .withSideInputs(asOf))
            .setCoder(SerializableCoder.of(HoldoutCustomer.class));
    PCollection<Calibration> calibration =
        customers
            .apply("GroupCalibrationTerms", Combine.globally(new CalibrationFn()))
            .apply("FitCalibration", ParDo.of(new FitFn(unit, n)))
            .setCoder(SerializableCoder.of(Calibration.class));
    PCollectionView<Calibration> model =
        calibration.apply("CalibrationAsSideInput", View.asSingleton());
    return customers
        .apply(
            "CompareHoldout",
            Combine.globally(new EvaluationFn(model, unit, n))
                .withSideInputs(model)
                .withoutDefaults())
        .apply(
            "HoldoutResult",
            ParDo.of(
                    new DoFn<HoldoutEvaluation, HoldoutCheck.Outcome>() {
                      @ProcessElement
                      public void process(
                          @Element HoldoutEvaluation e,
                          OutputReceiver<HoldoutCheck.Outcome> out,
                          ProcessContext c) {
                        Calibration fit = c.sideInput(model);
                        out.output(
                            new HoldoutCheck.Outcome(
                                fit.model(), e.result(fit.calibrationDays(), n)));
                      }
                    })
                .withSideInputs(model))
        .setCoder(SerializableCoder.of(HoldoutCheck.Outcome.class));
  }

  /**
   * One customer cut at the end of the calibration period: the inputs before it (null: no purchase
   * then) and the purchase days of the holdout.
   */
  record HoldoutCustomer(CustomerSummary calibration, int holdoutPurchaseDays)
      implements Serializable {
    private static final long serialVersionUID = 1L;

    static HoldoutCustomer of(PurchaseDayList d, long asOfEpochDay, int holdoutDays) {
      LocalDate asOf = LocalDate.ofEpochDay(asOfEpochDay);
      LocalDate end = asOf.minusDays(holdoutDays);
      return new HoldoutCustomer(
          d.summaryBefore(end).orElse(null), d.purchaseDaysBetween(end, asOf));
    }
  }

  /** The calibration customers' terms, the longest calibration age, and all customers seen. */
  static final class CalibrationTerms implements Serializable {
    private static final long serialVersionUID = 1L;
    final ClvTerms terms = new ClvTerms();
    int longestAge = -1;
    long customers;
  }

  /** The calibration fit and the length of its period (from the earliest first purchase). */
  record Calibration(ClvModel model, long calibrationDays) implements Serializable {
    private static final long serialVersionUID = 1L;
  }

  static final class CalibrationFn
      extends Combine.CombineFn<HoldoutCustomer, CalibrationTerms, CalibrationTerms> {
    @Override
    public CalibrationTerms createAccumulator() {
      return new CalibrationTerms();
    }

    @Override
    public CalibrationTerms addInput(CalibrationTerms acc, HoldoutCustomer c) {
      acc.customers++;
      if (c.calibration() != null) {
        acc.terms.add(c.calibration());
        acc.longestAge = Math.max(acc.longestAge, c.calibration().ageDays());
      }
      return acc;
    }

    @Override
    public CalibrationTerms mergeAccumulators(Iterable<CalibrationTerms> accumulators) {
      CalibrationTerms merged = new CalibrationTerms();
      for (CalibrationTerms t : accumulators) {
        merged.terms.merge(t.terms);
        merged.longestAge = Math.max(merged.longestAge, t.longestAge);
        merged.customers += t.customers;
      }
      return merged;
    }

    @Override
    public CalibrationTerms extractOutput(CalibrationTerms acc) {
      return acc;
    }

    @Override
    public Coder<CalibrationTerms> getAccumulatorCoder(
        CoderRegistry registry, Coder<HoldoutCustomer> inputCoder) {
      return SerializableCoder.of(CalibrationTerms.class);
    }

    @Override
    public Coder<CalibrationTerms> getDefaultOutputCoder(
        CoderRegistry registry, Coder<HoldoutCustomer> inputCoder) {
      return SerializableCoder.of(CalibrationTerms.class);
    }
  }

  /** Fits the calibration models; refuses a holdout that leaves nothing to calibrate on. */
  static final class FitFn extends DoFn<CalibrationTerms, Calibration> {
    private final ClvTimeUnit unit;
    private final int holdoutDays;

    FitFn(ClvTimeUnit unit, int holdoutDays) {
      this.unit = unit;
      this.holdoutDays = holdoutDays;
    }

    @ProcessElement
    public void process(@Element CalibrationTerms t, OutputReceiver<Calibration> out) {
      if (t.customers == 0) {
        return; // no customers at all: the run stops for that reason, not for the holdout
      }
      if (t.longestAge < 0) {
        throw new HoldoutTooLongException(holdoutDays);
      }
      long start = System.nanoTime();
      out.output(new Calibration(ClvFitter.create(unit).fit(t.terms), t.longestAge + 1L));
      StageMetrics.timed("clv_holdout_fit", start);
    }
  }

  /** Predicted against actual holdout purchase days, per calibration customer. */
  static final class EvaluationFn
      extends CombineWithContext.CombineFnWithContext<
          HoldoutCustomer, HoldoutEvaluation, HoldoutEvaluation> {
    private final PCollectionView<Calibration> model;
    private final ClvTimeUnit unit;
    private final int holdoutDays;

    EvaluationFn(PCollectionView<Calibration> model, ClvTimeUnit unit, int holdoutDays) {
      this.model = model;
      this.unit = unit;
      this.holdoutDays = holdoutDays;
    }

    @Override
    public HoldoutEvaluation createAccumulator(CombineWithContext.Context c) {
      return HoldoutEvaluation.create(HoldoutEvaluation.DEFAULT_TOP_FREQUENCY);
    }

    @Override
    public HoldoutEvaluation addInput(
        HoldoutEvaluation acc, HoldoutCustomer customer, CombineWithContext.Context c) {
      CustomerSummary s = customer.calibration();
      BgNbdParams params = c.sideInput(model).model().bgNbd().params();
      if (s != null && params != null) {
        acc.add(
            s.frequency(),
            HoldoutCheck.predictedPurchases(params, s, holdoutDays, unit),
            customer.holdoutPurchaseDays());
      }
      return acc;
    }

    @Override
    public HoldoutEvaluation mergeAccumulators(
        Iterable<HoldoutEvaluation> accumulators, CombineWithContext.Context c) {
      HoldoutEvaluation merged = createAccumulator(c);
      for (HoldoutEvaluation e : accumulators) {
        merged.merge(e);
      }
      return merged;
    }

    @Override
    public HoldoutEvaluation extractOutput(HoldoutEvaluation acc, CombineWithContext.Context c) {
      return acc;
    }

    @Override
    public Coder<HoldoutEvaluation> getAccumulatorCoder(
        CoderRegistry registry, Coder<HoldoutCustomer> inputCoder) {
      return SerializableCoder.of(HoldoutEvaluation.class);
    }

    @Override
    public Coder<HoldoutEvaluation> getDefaultOutputCoder(
        CoderRegistry registry, Coder<HoldoutCustomer> inputCoder) {
      return SerializableCoder.of(HoldoutEvaluation.class);
    }
  }
}
