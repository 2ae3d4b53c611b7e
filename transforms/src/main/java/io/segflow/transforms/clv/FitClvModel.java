// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.ClvFitter;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.ClvTerms;
import io.segflow.models.clv.ClvTimeUnit;
import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.StageMetrics;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;

/**
 * Fits BG/NBD and Gamma-Gamma once per run on every customer: each customer's (x, t_x, T) and
 * repeat spend are grouped into {@link ClvTerms} by a global combine (so the fit costs what the
 * distinct histories cost, whatever the number of customers and workers), then one step fits. The
 * output is one {@link ClvModel}, whose status says whether each fit converged; no customers give a
 * model whose fits are NOT_FITTED.
 */
public final class FitClvModel
    extends PTransform<PCollection<CustomerRecord>, PCollection<ClvModel>> {
  private final ClvTimeUnit unit;

  private FitClvModel(ClvTimeUnit unit) {
    this.unit = unit;
  }

  public static FitClvModel create() {
    return new FitClvModel(ClvTimeUnit.WEEK);
  }

  /** The time unit the models count in (default week). */
  public FitClvModel withUnit(ClvTimeUnit unit) {
    if (unit == null) {
      throw new IllegalArgumentException("the time unit must not be null");
    }
    return new FitClvModel(unit);
  }

  @Override
  public PCollection<ClvModel> expand(PCollection<CustomerRecord> customers) {
    ClvTimeUnit fitUnit = unit;
    return customers
        .apply("GroupClvTerms", Combine.globally(new TermsFn()))
        .apply(
            "FitClv",
            ParDo.of(
                new DoFn<ClvTerms, ClvModel>() {
                  @ProcessElement
                  public void process(@Element ClvTerms terms, OutputReceiver<ClvModel> out) {
                    long start = System.nanoTime();
                    out.output(ClvFitter.create(fitUnit).fit(terms));
                    StageMetrics.timed("clv_fit", start);
                  }
                }))
        .setCoder(SerializableCoder.of(ClvModel.class));
  }

  /** Customers to their grouped likelihood terms; mergeable in any order. */
  static final class TermsFn extends Combine.CombineFn<CustomerRecord, ClvTerms, ClvTerms> {
    @Override
    public ClvTerms createAccumulator() {
      return new ClvTerms();
    }

    @Override
    public ClvTerms addInput(ClvTerms terms, CustomerRecord c) {
      return terms.add(ClvInputs.summaryOf(c));
    }

    @Override
    public ClvTerms mergeAccumulators(Iterable<ClvTerms> accumulators) {
      ClvTerms merged = new ClvTerms();
      for (ClvTerms t : accumulators) {
        merged.merge(t);
      }
      return merged;
    }

    @Override
    public ClvTerms extractOutput(ClvTerms terms) {
      return terms;
    }

    @Override
    public Coder<ClvTerms> getAccumulatorCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return SerializableCoder.of(ClvTerms.class);
    }

    @Override
    public Coder<ClvTerms> getDefaultOutputCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return SerializableCoder.of(ClvTerms.class);
    }
  }
}
