// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.models.RfmRule;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.Segment;
import io.segflow.models.SegmentAssigner;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.FeatureStat;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.features.CustomerFeatures;
import io.segflow.transforms.rows.StageMetrics;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.coders.CoderRegistry;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.transforms.Combine;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Profiles the assigned customers with Beam combines: per segment its size and share, the mean and
 * median of every model feature, its revenue and revenue share, plus the business name, description
 * and action from the model. Statistics are independent of the order in which a runner combines. Up
 * to {@link Sampling#threshold()} customers they are exact, as they always were; above it each
 * accumulator that has seen more customers than that keeps a bounded-memory sketch instead of every
 * value ({@link FieldDistribution}): means stay exact, medians are within {@link
 * io.segflow.models.QuantileSketch#RELATIVE_ACCURACY} (exact where a median's neighbourhood holds
 * one distinct value, as for counts and days).
 */
public final class ProfileSegments
    extends PTransform<PCollection<CustomerRecord>, PCollection<SegmentRecord>> {
  /**
   * The stage metrics of the model's segments' profiles ({@code profile_millis}) and of the RFM
   * segments' ({@code profile_rfm_millis}): time spent adding customers to the statistics, merging
   * them and building the records, summed over the pipeline's threads.
   */
  public static final String PROFILE_MILLIS = "profile_millis";

  public static final String PROFILE_RFM_MILLIS = "profile_rfm_millis";

  private final SegmentationSettings settings;
  private final PCollectionView<TrainedSegmentation> model;
  private final RfmSegmentRules rfmRules;

  private ProfileSegments(
      SegmentationSettings settings,
      PCollectionView<TrainedSegmentation> model,
      RfmSegmentRules rfmRules) {
    this.settings = settings;
    this.model = model;
    this.rfmRules = rfmRules;
  }

  public static ProfileSegments create() {
    return new ProfileSegments(SegmentationSettings.defaults(), null, null);
  }

  /** The settings the model was trained with (they name the features to profile). */
  public ProfileSegments withSettings(SegmentationSettings settings) {
    if (settings == null) {
      throw new IllegalArgumentException("settings must not be null");
    }
    return new ProfileSegments(settings, model, rfmRules);
  }

  /** Profiles the model's segments ({@code segment_id}); names come from the model. */
  public ProfileSegments withModel(PCollectionView<TrainedSegmentation> model) {
    if (model == null) {
      throw new IllegalArgumentException("the model view must not be null");
    }
    return new ProfileSegments(settings, model, null);
  }

  /**
   * Profiles the named RFM segments ({@code rfm_segment}, see {@link ScoreRfm}) instead; ids are
   * the rules' positions in the table, names and actions come from the rules; kind "rfm".
   */
  public ProfileSegments withRfmSegments(RfmSegmentRules rules) {
    if (rules == null) {
      throw new IllegalArgumentException("rules must not be null");
    }
    return new ProfileSegments(settings, null, rules);
  }

  /** The predicted value fields profiled when a customer has them (the CLV stage ran). */
  static final List<String> PREDICTED = List.of("p_alive", "expected_purchases", "clv");

  /**
   * Per-segment accumulator: the distribution of every feature, of revenue, and of each predicted
   * value field over the customers that have one.
   */
  static final class Stats implements Serializable {
    final TreeMap<String, FieldDistribution> fields = new TreeMap<>();
    final TreeMap<String, FieldDistribution> predicted = new TreeMap<>();
    final FieldDistribution revenue = new FieldDistribution();
    long size;

    Stats add(CustomerRecord c, List<String> features) {
      size++;
      for (String f : features) {
        fields.computeIfAbsent(f, k -> new FieldDistribution()).add(CustomerFeatures.value(c, f));
      }
      for (String f : PREDICTED) {
        Object v = c.get(f);
        if (v != null) {
          predicted.computeIfAbsent(f, k -> new FieldDistribution()).add((Double) v);
        }
      }
      revenue.add(c.getMonetary());
      return this;
    }

    Stats merge(Stats other) {
      size += other.size;
      other.fields.forEach(
          (f, s) -> fields.computeIfAbsent(f, k -> new FieldDistribution()).merge(s));
      other.predicted.forEach(
          (f, s) -> predicted.computeIfAbsent(f, k -> new FieldDistribution()).merge(s));
      revenue.merge(other.revenue);
      return this;
    }

    void toSketch() {
      fields.values().forEach(FieldDistribution::toSketch);
      predicted.values().forEach(FieldDistribution::toSketch);
      revenue.toSketch();
    }

    /** The mean of predicted field {@code f}, or null when no customer had it. */
    Double predictedMean(String f) {
      FieldDistribution d = predicted.get(f);
      return d == null ? null : d.mean();
    }
  }

  /**
   * All segments' statistics. Once it has seen more than {@code exactUpTo} customers it turns into
   * sketches, so it holds every value of at most that many customers; a merged result is sketched
   * exactly when the customers in it exceed the threshold, whatever the merge order.
   */
  static final class SegmentStats implements Serializable {
    final TreeMap<Integer, Stats> bySegment = new TreeMap<>();
    private final long exactUpTo;
    private long customers;
    private boolean sketched;

    /** Time spent adding customers and merging, summed over every partial result. */
    private long nanos;

    SegmentStats(long exactUpTo) {
      this.exactUpTo = exactUpTo;
    }

    SegmentStats add(int segment, CustomerRecord c, List<String> features) {
      long start = System.nanoTime();
      Stats st = bySegment.computeIfAbsent(segment, k -> new Stats()).add(c, features);
      if (sketched) {
        st.toSketch(); // a segment first seen after the switch
      }
      customers++;
      sketchIfLarge();
      nanos += System.nanoTime() - start;
      return this;
    }

    SegmentStats merge(SegmentStats other) {
      long start = System.nanoTime();
      nanos += other.nanos;
      mergeStats(other);
      nanos += System.nanoTime() - start;
      return this;
    }

    private void mergeStats(SegmentStats other) {
      other.bySegment.forEach(
          (id, st) -> bySegment.computeIfAbsent(id, k -> new Stats()).merge(st));
      customers += other.customers;
      sketched |= other.sketched;
      if (sketched) {
        bySegment.values().forEach(Stats::toSketch);
      }
      sketchIfLarge();
    }

    /** The time spent so far, in nanoseconds. */
    long nanos() {
      return nanos;
    }

    private void sketchIfLarge() {
      if (!sketched && customers > exactUpTo) {
        sketched = true;
        bySegment.values().forEach(Stats::toSketch);
      }
    }

    boolean sketched() {
      return sketched;
    }
  }

  @Override
  public PCollection<SegmentRecord> expand(PCollection<CustomerRecord> customers) {
    if (model == null && rfmRules == null) {
      throw new IllegalStateException(
          "ProfileSegments needs withModel(...) or withRfmSegments(...)");
    }
    SerializableFunction<CustomerRecord, Integer> key;
    if (rfmRules != null) {
      RfmSegmentRules rules = rfmRules;
      key = c -> ScoreRfm.segmentId(rules, c.getRfmSegment());
    } else {
      key = CustomerRecord::getSegmentId;
    }
    PCollection<SegmentStats> stats =
        customers.apply(
            "SummarizeSegments",
            Combine.globally(
                new SummarizeFn(settings.features(), key, settings.sampling().threshold())));
    ParDo.SingleOutput<SegmentStats, SegmentRecord> build =
        ParDo.of(new BuildFn(model, rfmRules, settings.features(), settings.writtenAlgorithm()));
    return stats
        .apply("BuildSegmentRecords", model == null ? build : build.withSideInputs(model))
        .setCoder(AvroCoder.specific(SegmentRecord.class));
  }

  /** One pass over all customers: statistics per segment id (few segments, so one accumulator). */
  static final class SummarizeFn
      extends Combine.CombineFn<CustomerRecord, SegmentStats, SegmentStats> {
    private final List<String> features;
    private final SerializableFunction<CustomerRecord, Integer> key;
    private final long exactUpTo;

    SummarizeFn(
        List<String> features, SerializableFunction<CustomerRecord, Integer> key, long exactUpTo) {
      this.features = features;
      this.key = key;
      this.exactUpTo = exactUpTo;
    }

    @Override
    public SegmentStats createAccumulator() {
      return new SegmentStats(exactUpTo);
    }

    @Override
    public SegmentStats addInput(SegmentStats acc, CustomerRecord c) {
      return acc.add(key.apply(c), c, features);
    }

    @Override
    public SegmentStats mergeAccumulators(Iterable<SegmentStats> accs) {
      SegmentStats merged = new SegmentStats(exactUpTo);
      for (SegmentStats acc : accs) {
        merged.merge(acc);
      }
      return merged;
    }

    @Override
    public SegmentStats extractOutput(SegmentStats acc) {
      return acc;
    }

    @Override
    public Coder<SegmentStats> getAccumulatorCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return SerializableCoder.of(SegmentStats.class);
    }

    @Override
    public Coder<SegmentStats> getDefaultOutputCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return SerializableCoder.of(SegmentStats.class);
    }
  }

  /** Statistics + names and actions (the model's or the RFM rules') → one record per segment. */
  static final class BuildFn extends DoFn<SegmentStats, SegmentRecord> {
    private final PCollectionView<TrainedSegmentation> model;
    private final RfmSegmentRules rfmRules;
    private final List<String> features;
    private final String algorithm;

    BuildFn(
        PCollectionView<TrainedSegmentation> model,
        RfmSegmentRules rfmRules,
        List<String> features,
        String algorithm) {
      this.model = model;
      this.rfmRules = rfmRules;
      this.features = features;
      this.algorithm = algorithm;
    }

    @ProcessElement
    public void process(@Element SegmentStats all, ProcessContext c) {
      long start = System.nanoTime();
      TreeMap<Integer, Stats> stats = all.bySegment;
      SegmentAssigner assigner = model == null ? null : c.sideInput(model).model();
      long customers = 0;
      double revenue = 0;
      for (Stats st : stats.values()) {
        customers += st.size;
        revenue += st.revenue.sum();
      }
      for (Map.Entry<Integer, Stats> e : stats.entrySet()) {
        Stats st = e.getValue();
        SegmentRecord.Builder record = SegmentRecord.newBuilder().setSegmentId(e.getKey());
        if (assigner != null) {
          Segment segment = assigner.segment(e.getKey());
          record
              .setSegmentName(segment.name())
              .setDescription(segment.description())
              .setRecommendedAction(segment.action())
              .setKind(algorithm);
        } else {
          RfmRule rule = rfmRules.segments().get(e.getKey() - 1);
          record
              .setSegmentName(rule.name())
              .setDescription(rule.description())
              .setRecommendedAction(rule.action())
              .setKind("rfm");
        }
        List<FeatureStat> stat = new ArrayList<>();
        for (String f : features) {
          FieldDistribution fs = st.fields.get(f);
          stat.add(new FeatureStat(f, fs.mean(), fs.median()));
        }
        double segmentRevenue = st.revenue.sum();
        c.output(
            record
                .setSize(st.size)
                .setCustomerShare((double) st.size / customers)
                .setRevenue(segmentRevenue)
                .setRevenueShare(revenue == 0 ? 0 : segmentRevenue / revenue)
                .setFeatures(stat)
                .setMeanPAlive(st.predictedMean("p_alive"))
                .setMeanExpectedPurchases(st.predictedMean("expected_purchases"))
                .setMeanClv(st.predictedMean("clv"))
                .build());
      }
      long nanos = all.nanos() + System.nanoTime() - start;
      StageMetrics.count(model == null ? PROFILE_RFM_MILLIS : PROFILE_MILLIS, nanos / 1_000_000);
    }
  }
}
