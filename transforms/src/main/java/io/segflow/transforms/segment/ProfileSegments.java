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
import io.segflow.transforms.outliers.FieldSummary;
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
 * median of every model feature, its revenue and revenue share, plus the business name,
 * description and action from the model. Statistics are exact and independent of the order in
 * which a runner combines (see {@link FieldSummary}).
 */
public final class ProfileSegments
    extends PTransform<PCollection<CustomerRecord>, PCollection<SegmentRecord>> {
  private final SegmentationSettings settings;
  private final PCollectionView<TrainedSegmentation> model;
  private final RfmSegmentRules rfmRules;

  private ProfileSegments(SegmentationSettings settings, PCollectionView<TrainedSegmentation> model,
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

  /** Per-segment accumulator: the distribution of every feature and of revenue. */
  static final class Stats implements Serializable {
    final TreeMap<String, FieldSummary> fields = new TreeMap<>();
    final FieldSummary revenue = new FieldSummary();
    long size;

    Stats add(CustomerRecord c, List<String> features) {
      size++;
      for (String f : features) {
        fields.computeIfAbsent(f, k -> new FieldSummary()).add(CustomerFeatures.value(c, f));
      }
      revenue.add(c.getMonetary());
      return this;
    }

    Stats merge(Stats other) {
      size += other.size;
      other.fields.forEach((f, s) -> fields.computeIfAbsent(f, k -> new FieldSummary()).merge(s));
      revenue.merge(other.revenue);
      return this;
    }
  }

  @Override
  public PCollection<SegmentRecord> expand(PCollection<CustomerRecord> customers) {
    if (model == null && rfmRules == null) {
      throw new IllegalStateException("ProfileSegments needs withModel(...) or withRfmSegments(...)");
    }
    SerializableFunction<CustomerRecord, Integer> key;
    if (rfmRules != null) {
      RfmSegmentRules rules = rfmRules;
      key = c -> ScoreRfm.segmentId(rules, c.getRfmSegment());
    } else {
      key = CustomerRecord::getSegmentId;
    }
    PCollection<TreeMap<Integer, Stats>> stats = customers
        .apply("SummarizeSegments", Combine.globally(new SummarizeFn(settings.features(), key)));
    ParDo.SingleOutput<TreeMap<Integer, Stats>, SegmentRecord> build =
        ParDo.of(new BuildFn(model, rfmRules, settings.features(), settings.writtenAlgorithm()));
    return stats
        .apply("BuildSegmentRecords", model == null ? build : build.withSideInputs(model))
        .setCoder(AvroCoder.specific(SegmentRecord.class));
  }

  /** One pass over all customers: statistics per segment id (few segments, so one accumulator). */
  static final class SummarizeFn
      extends Combine.CombineFn<CustomerRecord, TreeMap<Integer, Stats>, TreeMap<Integer, Stats>> {
    private final List<String> features;
    private final SerializableFunction<CustomerRecord, Integer> key;

    SummarizeFn(List<String> features, SerializableFunction<CustomerRecord, Integer> key) {
      this.features = features;
      this.key = key;
    }

    @Override
    public TreeMap<Integer, Stats> createAccumulator() {
      return new TreeMap<>();
    }

    @Override
    public TreeMap<Integer, Stats> addInput(TreeMap<Integer, Stats> acc, CustomerRecord c) {
      acc.computeIfAbsent(key.apply(c), k -> new Stats()).add(c, features);
      return acc;
    }

    @Override
    public TreeMap<Integer, Stats> mergeAccumulators(Iterable<TreeMap<Integer, Stats>> accs) {
      TreeMap<Integer, Stats> merged = new TreeMap<>();
      for (TreeMap<Integer, Stats> acc : accs) {
        acc.forEach((id, st) -> merged.computeIfAbsent(id, k -> new Stats()).merge(st));
      }
      return merged;
    }

    @Override
    public TreeMap<Integer, Stats> extractOutput(TreeMap<Integer, Stats> acc) {
      return acc;
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Coder<TreeMap<Integer, Stats>> getAccumulatorCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return (Coder) SerializableCoder.of(TreeMap.class);
    }

    @Override
    @SuppressWarnings({"unchecked", "rawtypes"})
    public Coder<TreeMap<Integer, Stats>> getDefaultOutputCoder(
        CoderRegistry registry, Coder<CustomerRecord> inputCoder) {
      return (Coder) SerializableCoder.of(TreeMap.class);
    }
  }

  /** Statistics + names and actions (the model's or the RFM rules') → one record per segment. */
  static final class BuildFn extends DoFn<TreeMap<Integer, Stats>, SegmentRecord> {
    private final PCollectionView<TrainedSegmentation> model;
    private final RfmSegmentRules rfmRules;
    private final List<String> features;
    private final String algorithm;

    BuildFn(PCollectionView<TrainedSegmentation> model, RfmSegmentRules rfmRules,
        List<String> features, String algorithm) {
      this.model = model;
      this.rfmRules = rfmRules;
      this.features = features;
      this.algorithm = algorithm;
    }

    @ProcessElement
    public void process(@Element TreeMap<Integer, Stats> stats, ProcessContext c) {
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
          record.setSegmentName(segment.name()).setDescription(segment.description())
              .setRecommendedAction(segment.action()).setKind(algorithm);
        } else {
          RfmRule rule = rfmRules.rules().get(e.getKey() - 1);
          record.setSegmentName(rule.name()).setDescription(rule.description())
              .setRecommendedAction(rule.action()).setKind("rfm");
        }
        List<FeatureStat> stat = new ArrayList<>();
        for (String f : features) {
          FieldSummary fs = st.fields.get(f);
          stat.add(new FeatureStat(f, fs.mean(), fs.quantile(0.5)));
        }
        double segmentRevenue = st.revenue.sum();
        c.output(record
            .setSize(st.size)
            .setCustomerShare((double) st.size / customers)
            .setRevenue(segmentRevenue)
            .setRevenueShare(revenue == 0 ? 0 : segmentRevenue / revenue)
            .setFeatures(stat)
            .build());
      }
    }
  }
}
