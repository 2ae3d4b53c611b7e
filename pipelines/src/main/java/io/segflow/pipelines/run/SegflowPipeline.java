// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.RfmThresholds;
import io.segflow.models.clv.ClvModel;
import io.segflow.pipelines.config.JdbcInput;
import io.segflow.pipelines.config.RunPlan;
import io.segflow.pipelines.model.ModelSource;
import io.segflow.pipelines.model.WriteModelArtifact;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.clean.ApplyRowRules;
import io.segflow.transforms.clean.DropDuplicates;
import io.segflow.transforms.clean.NetReturns;
import io.segflow.transforms.clv.ClvSettings;
import io.segflow.transforms.clv.PredictCustomerValue;
import io.segflow.transforms.features.AggregateCustomers;
import io.segflow.transforms.features.ComputeAsOfDate;
import io.segflow.transforms.features.DropAbsentFeatures;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.features.SummarizeCustomers;
import io.segflow.transforms.features.SummarizeTransactionFiles;
import io.segflow.transforms.outliers.FilterCustomerOutliers;
import io.segflow.transforms.outliers.FilterTransactionOutliers;
import io.segflow.transforms.parse.ParseTransactions;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.read.RecordFormat;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.ShuffleEncoding;
import io.segflow.transforms.rows.TransactionBlock;
import io.segflow.transforms.segment.AssignSegments;
import io.segflow.transforms.segment.MeasureSegmentation;
import io.segflow.transforms.segment.ProfileSegments;
import io.segflow.transforms.segment.RfmScoring;
import io.segflow.transforms.segment.ScoreRfm;
import io.segflow.transforms.segment.SegmentationQuality;
import io.segflow.transforms.segment.SegmentationSettings;
import io.segflow.transforms.segment.TrainSegmentation;
import io.segflow.transforms.segment.TrainedSegmentation;
import io.segflow.transforms.write.CountRows;
import io.segflow.transforms.write.SegflowOutputs;
import java.io.IOException;
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * Assembles the feature pipeline: read → parse → row rules → customer features, with every stage's
 * rejected rows gathered into one output. Customer features come from per-block customer summaries
 * (duplicates dropped on the way) unless an outlier stage needs the rows grouped by customer: then
 * group by customer → duplicates → transaction outliers → customer outliers → customer features.
 * Writes into {@code outputDir} (a temporary folder that the caller publishes) and the row counts
 * into {@code countsFile}.
 */
public final class SegflowPipeline {
  private SegflowPipeline() {}

  /** The collections a caller may build on (e.g. the segmentation stage). */
  public record Built(
      PCollection<CustomerRecord> customers,
      PCollection<RejectedBlock> rejected,
      PCollectionView<Long> asOf) {}

  /** Whether any input file is read as Parquet or Avro records rather than CSV text. */
  static boolean readsRecordFiles(RunPlan plan) {
    String format = plan.config().input.format;
    try {
      for (MatchResult m : FileSystems.match(plan.inputs(), EmptyMatchTreatment.ALLOW)) {
        if (m.status() != MatchResult.Status.OK) {
          continue;
        }
        for (MatchResult.Metadata f : m.metadata()) {
          if (RecordFormat.of(format, f.resourceId().toString()).isRecords()) {
            return true;
          }
        }
      }
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT, "cannot list the input files: " + e.getMessage(), e);
    }
    return false;
  }

  public static Built build(
      Pipeline p,
      RunPlan plan,
      int customerShards,
      int inputFiles,
      Set<String> absentFeatures,
      String outputDir,
      String countsFile) {
    JdbcInput jdbc = JdbcInput.of(plan.config(), plan.columns());
    boolean direct = isDirectRunner(p);
    ReadTransactionFiles readFiles =
        jdbc != null
            ? null
            : ReadTransactionFiles.create()
                .from(plan.inputs())
                .withCharset(plan.charset())
                .withFormat(plan.config().input.format)
                .withBlockSize(plan.blockSize())
                .withColumns(plan.columns())
                .withRedistribution(!direct)
                .withBlockRedistribution(inputFiles < workerSlots(p));
    ParseTransactions parse =
        ParseTransactions.create()
            .withDateFormat(plan.dateFormat())
            .withTimeZone(plan.config().input.timezone)
            .withWholeRowDuplicates(jdbc == null);
    ApplyRowRules rules = ApplyRowRules.create().withRules(plan.rowRules());
    ComputeAsOfDate asOfDate = ComputeAsOfDate.create().withFixedDate(plan.asOf());
    PCollectionList<RejectedBlock> rejectedParts;
    PCollectionList<KV<String, Long>> counts;
    PCollectionView<Long> asOf;
    PCollection<CustomerRecord> customers;
    boolean netReturns = plan.rowRules().netsReturns();
    if (jdbc == null
        && !readsRecordFiles(plan)
        && plan.transactionOutliers().isNone()
        && plan.customerOutliers().isNone()
        && !netReturns) {
      // No stage needs the rows themselves after cleaning: summarize each block per customer and
      // shuffle the summaries, not the rows (see SummarizeCustomers). Rows from a table cannot be
      // read again by position, which the few copies found across blocks need; nor can Parquet
      // and Avro records, which that re-reading takes for CSV lines.
      SummarizeCustomers summarize =
          SummarizeCustomers.create()
              .withShards(customerShards)
              .withDuplicatesDropped(plan.dropDuplicates())
              .withShuffle(ShuffleEncoding.forRunner(direct))
              .withCharset(plan.charset())
              .withAsOfDate(asOfDate);
      PCollectionTuple summarized;
      if (direct || inputFiles >= workerSlots(p)) {
        // Row stages in one step per file (see SummarizeTransactionFiles for why). The files are
        // spread over workers on every runner: the DirectRunner runs a bundle on one thread, and
        // the matched files come as one bundle.
        summarized =
            p.apply(
                "SummarizeTransactionFiles",
                SummarizeTransactionFiles.of(
                        readFiles.withRedistribution(true), parse, rules, summarize)
                    .withCountName(CountRows.ROWS_READ));
        counts = PCollectionList.of(summarized.get(SummarizeTransactionFiles.ROWS_READ));
        rejectedParts = PCollectionList.of(summarized.get(RowTags.REJECTED));
      } else {
        // Fewer files than workers: a step per stage, so that a file's blocks spread over workers.
        PCollection<RawBlock> raw = p.apply("ReadTransactionFiles", readFiles);
        CleanRows cleaned = parseAndClean(raw, parse, rules);
        summarized = cleaned.rows().apply("SummarizeCustomers", summarize);
        counts = PCollectionList.of(CountRows.read(raw));
        rejectedParts = cleaned.rejected().and(summarized.get(RowTags.REJECTED));
      }
      // Customers come dated, with the counts: no step per customer for either.
      counts = counts.and(summarized.get(SummarizeCustomers.COUNTS));
      asOf =
          summarized.get(SummarizeCustomers.AS_OF_DAY).apply("AsOfView", ComputeAsOfDate.dayView());
      customers = summarized.get(SummarizeCustomers.CUSTOMERS);
    } else {
      PCollection<RawBlock> raw =
          jdbc != null
              ? p.apply("ReadTransactionTable", jdbc.read().withRedistribution(!direct))
              : p.apply("ReadTransactionFiles", readFiles);
      CleanRows cleaned = parseAndClean(raw, parse, rules);
      PCollection<TransactionBlock> grouped =
          cleaned
              .rows()
              .apply(
                  "GroupRowsByCustomer",
                  GroupRowsByCustomer.create()
                      .withShards(customerShards)
                      .withShuffle(direct ? ShuffleEncoding.PLAIN : ShuffleEncoding.COMPRESSED));
      PCollectionTuple deduped =
          grouped.apply(
              "DropDuplicates", DropDuplicates.create().withEnabled(plan.dropDuplicates()));
      PCollection<TransactionBlock> unique = deduped.get(RowTags.ROWS);
      PCollectionList<RejectedBlock> returnsRejected = PCollectionList.empty(p);
      if (netReturns) {
        PCollectionTuple netted = unique.apply("NetReturns", NetReturns.create());
        unique = netted.get(RowTags.ROWS);
        returnsRejected = returnsRejected.and(netted.get(RowTags.REJECTED));
      }
      PCollectionTuple lines =
          unique.apply(
              "FilterTransactionOutliers",
              FilterTransactionOutliers.create().withRule(plan.transactionOutliers()));
      rejectedParts =
          cleaned
              .rejected()
              .and(deduped.get(RowTags.REJECTED))
              .and(returnsRejected.getAll())
              .and(lines.get(RowTags.REJECTED));
      // Customer fences need every customer's features as of the date before filtering rows.
      asOf = lines.get(RowTags.ROWS).apply("ComputeAsOfDate", asOfDate);
      PCollectionTuple customersKept =
          lines
              .get(RowTags.ROWS)
              .apply(
                  "FilterCustomerOutliers",
                  FilterCustomerOutliers.create()
                      .withRule(plan.customerOutliers())
                      .withReturnsNetted(netReturns)
                      .withAsOf(asOf));
      rejectedParts = rejectedParts.and(customersKept.get(RowTags.REJECTED));
      customers =
          customersKept
              .get(RowTags.ROWS)
              .apply(
                  "AggregateCustomers",
                  AggregateCustomers.create().withAsOf(asOf).withReturnsNetted(netReturns));
      counts =
          PCollectionList.of(CountRows.read(raw))
              .and(CountRows.usedByCustomers(customers))
              .and(CountRows.customers(customers));
      if (netReturns) {
        counts = counts.and(CountRows.returnsNetted(customersKept.get(RowTags.ROWS)));
      }
    }
    customers =
        customers.apply(
            "DropAbsentFeatures", DropAbsentFeatures.create().withAbsent(absentFeatures));
    PCollection<RejectedBlock> rejected =
        rejectedParts.apply("GatherRejectedRows", Flatten.pCollections());

    rejected.apply(
        "WriteRejectedRows",
        SegflowOutputs.rejected(
            outputDir + "/rejected", plan.outputShards(), ShuffleEncoding.forRunner(direct)));
    counts
        .and(CountRows.rejected(rejected))
        .and(CountRows.asOf(p, asOf))
        .apply("GatherCounts", Flatten.pCollections())
        .apply("WriteCounts", CountRows.writeTotals(countsFile));
    return new Built(customers, rejected, asOf);
  }

  /** Rows that parsed and passed the row rules, and both stages' rejected rows. */
  private record CleanRows(
      PCollection<TransactionBlock> rows, PCollectionList<RejectedBlock> rejected) {}

  private static CleanRows parseAndClean(
      PCollection<RawBlock> raw, ParseTransactions parse, ApplyRowRules rules) {
    PCollectionTuple parsed = raw.apply("ParseTransactions", parse);
    PCollectionTuple cleaned = parsed.get(RowTags.ROWS).apply("ApplyRowRules", rules);
    return new CleanRows(
        cleaned.get(RowTags.ROWS),
        PCollectionList.of(parsed.get(RowTags.REJECTED)).and(cleaned.get(RowTags.REJECTED)));
  }

  /** Parallel workers the runner will use: Flink's parallelism, else this machine's cores. */
  private static int workerSlots(Pipeline p) {
    try {
      int n =
          p.getOptions()
              .as(org.apache.beam.runners.flink.FlinkPipelineOptions.class)
              .getParallelism();
      return n > 0 ? n : Runtime.getRuntime().availableProcessors();
    } catch (RuntimeException e) {
      return Runtime.getRuntime().availableProcessors();
    }
  }

  private static boolean isDirectRunner(Pipeline p) {
    return p.getOptions().getRunner().getSimpleName().equals("DirectRunner");
  }

  /**
   * Trains the segmentation on the customers (or loads the saved model of {@code source}), assigns
   * every customer a segment and classic RFM scores, profiles the model's and the RFM segments and
   * writes segments/, model.json and model.avro; returns the customers with their segments.
   */
  public static PCollection<CustomerRecord> segment(
      Built built,
      PCollection<CustomerRecord> customers,
      SegmentationSettings settings,
      ModelSource source,
      RunPlan plan,
      ClvOutput clv,
      String outputDir) {
    PCollection<TrainedSegmentation> trained =
        source.scoresWithSavedModel()
            ? customers
                .getPipeline()
                .apply(
                    "LoadSavedModel",
                    Create.of(source.saved())
                        .withCoder(SerializableCoder.of(TrainedSegmentation.class)))
            : customers.apply(
                "TrainSegmentation",
                TrainSegmentation.create()
                    .withSettings(settings)
                    .withPreviousModel(source.previous()));
    SegmentationSettings used =
        source.scoresWithSavedModel() ? source.saved().settings() : settings;
    PCollectionView<TrainedSegmentation> model =
        trained.apply("ModelAsSideInput", View.asSingleton());
    RfmScoring scoring = plan.rfm();
    RfmThresholds savedCuts = source.rfmCuts(scoring);
    PCollectionView<RfmThresholds> rfm =
        savedCuts == null
            ? ScoreRfm.thresholds(customers, scoring)
            : customers
                .getPipeline()
                .apply(
                    "SavedRfmCuts",
                    Create.of(savedCuts).withCoder(SerializableCoder.of(RfmThresholds.class)))
                .apply("SavedRfmCutsView", View.asSingleton());
    PCollection<CustomerRecord> assigned =
        customers
            .apply("AssignSegments", AssignSegments.create().withModel(model))
            .apply("ScoreRfm", ScoreRfm.create().withRules(scoring.rules()).withThresholds(rfm));
    PCollection<SegmentRecord> modelSegments =
        assigned.apply(
            "ProfileSegments", ProfileSegments.create().withSettings(used).withModel(model));
    PCollection<SegmentRecord> rfmSegments =
        assigned.apply(
            "ProfileRfmSegments",
            ProfileSegments.create().withSettings(used).withRfmSegments(scoring.rules()));
    PCollectionView<SegmentationQuality> quality =
        assigned
            .apply("MeasureSegmentation", MeasureSegmentation.create().withModel(model))
            .apply("QualityAsSideInput", View.asSingleton());
    PCollectionList.of(modelSegments)
        .and(rfmSegments)
        .apply("GatherSegments", Flatten.pCollections())
        .apply(
            "WriteSegments",
            SegflowOutputs.segments(outputDir + "/segments", 1)); // a few dozen profiles
    trained.apply(
        "WriteModel",
        ModelJson.write(
            outputDir, rfm, scoring.rules(), savedCuts != null, built.asOf(), quality, clv));
    trained.apply(
        "WriteModelArtifact",
        WriteModelArtifact.create()
            .to(outputDir)
            .withAsOf(built.asOf())
            .withRfm(rfm)
            .withClv(clv == null ? null : clv.model()));
    return assigned;
  }

  /** The customers with their predicted value, and what model.json and model.avro record of it. */
  public record Valued(PCollection<CustomerRecord> customers, ClvOutput clv) {}

  /**
   * Predicts every customer's value (fitting once, or with {@code saved}, the fit of the model
   * given by {@code --model}) and writes clv.json.
   *
   * @param savedModelId the id of the model {@code saved} comes from; ignored when it is null
   */
  public static Valued predictValue(
      Built built,
      PCollection<CustomerRecord> customers,
      ClvSettings settings,
      ClvModel saved,
      String savedModelId,
      String outputDir) {
    PCollectionTuple predicted =
        customers.apply(
            "PredictCustomerValue",
            PredictCustomerValue.create().withSettings(settings).withSavedModel(saved));
    PCollection<ClvModel> model = predicted.get(PredictCustomerValue.MODEL);
    String source = saved == null ? null : savedModelId;
    model.apply("WriteClvJson", ClvJson.write(outputDir, settings, source, built.asOf()));
    return new Valued(
        predicted.get(PredictCustomerValue.CUSTOMERS),
        new ClvOutput(model.apply("ClvModelView", View.asSingleton()), settings, source));
  }

  /** Writes the customers (once the segmentation stage, if any, has filled them in). */
  public static void writeCustomers(
      PCollection<CustomerRecord> customers, RunPlan plan, String outputDir) {
    customers.apply(
        "WriteCustomers",
        SegflowOutputs.customers(
            outputDir + "/customers",
            plan.outputShards(),
            ShuffleEncoding.forRunner(isDirectRunner(customers.getPipeline()))));
  }
}
