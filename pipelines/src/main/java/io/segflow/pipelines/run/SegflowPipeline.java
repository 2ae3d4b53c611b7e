// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.models.RfmThresholds;
import io.segflow.models.clv.ClvModel;
import io.segflow.models.clv.HoldoutCheck;
import io.segflow.pipelines.config.InputPlan;
import io.segflow.pipelines.config.JdbcInput;
import io.segflow.pipelines.config.RunPlan;
import io.segflow.pipelines.model.ModelSource;
import io.segflow.pipelines.model.WriteModelArtifact;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import io.segflow.transforms.clean.ApplyRowRules;
import io.segflow.transforms.clean.DropDuplicates;
import io.segflow.transforms.clean.NetReturns;
import io.segflow.transforms.clv.CheckHoldout;
import io.segflow.transforms.clv.ClvSettings;
import io.segflow.transforms.clv.PredictCustomerValue;
import io.segflow.transforms.features.AggregateCustomers;
import io.segflow.transforms.features.ComputeAsOfDate;
import io.segflow.transforms.features.DropAbsentFeatures;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.features.ListPurchaseDays;
import io.segflow.transforms.features.PurchaseDayList;
import io.segflow.transforms.features.SummarizeCustomers;
import io.segflow.transforms.features.SummarizeTransactionFiles;
import io.segflow.transforms.outliers.FilterCustomerOutliers;
import io.segflow.transforms.outliers.FilterTransactionOutliers;
import io.segflow.transforms.parse.ParseTransactions;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
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
import java.util.Set;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.coders.SerializableCoder;
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
  /**
   * The folder inside the output folder where the pipeline leaves what the run collects when it has
   * finished (row counts, training times); the run deletes it before publishing.
   */
  public static final String WORK_FOLDER = "_work";

  private SegflowPipeline() {}

  /**
   * The collections a caller may build on (e.g. the segmentation stage); {@code purchaseDayLists}
   * only when the run checks a CLV holdout (null otherwise).
   */
  public record Built(
      PCollection<CustomerRecord> customers,
      PCollection<RejectedBlock> rejected,
      PCollectionView<Long> asOf,
      PCollection<PurchaseDayList> purchaseDayLists) {}

  public static Built build(
      Pipeline p,
      RunPlan plan,
      int customerShards,
      int inputFiles,
      Set<String> absentFeatures,
      String outputDir,
      String countsFile) {
    ExecutionProfile exec = ExecutionProfile.of(p.getOptions());
    RowStages stages = RowStages.of(plan, exec, inputFiles, customerShards);

    // 1. Rows to customers, on one of three row paths (docs/architecture.md, "Which row path").
    RowResult rows =
        switch (rowPath(plan, stages, exec, inputFiles)) {
          case SUMMARIES_STEP_PER_FILE -> summarizeFiles(p, stages);
          case SUMMARIES_STEP_PER_STAGE -> summarizeStages(p, stages);
          case GROUPED_ROWS -> groupRows(p, plan, stages, customerShards, exec);
        };

    // 2. Features the input has no column for are left empty.
    PCollection<CustomerRecord> customers =
        rows.customers()
            .apply("DropAbsentFeatures", DropAbsentFeatures.create().withAbsent(absentFeatures));

    // 3. Every stage's rejected rows into one output.
    PCollection<RejectedBlock> rejected =
        rows.rejected().apply("GatherRejectedRows", Flatten.pCollections());
    rejected.apply(
        "WriteRejectedRows",
        SegflowOutputs.rejected(outputDir + "/rejected", plan.output().shards(), exec.shuffle()));

    // 4. The row counts, which must add up (checked after the run).
    rows.counts()
        .and(CountRows.rejected(rejected))
        .and(CountRows.asOf(p, rows.asOf()))
        .apply("GatherCounts", Flatten.pCollections())
        .apply("WriteCounts", CountRows.writeTotals(countsFile));
    return new Built(customers, rejected, rows.asOf(), rows.purchaseDayLists());
  }

  /** How a run's rows become customers. */
  enum RowPath {
    /**
     * Each block summarized per customer, the summaries shuffled instead of the rows, with the row
     * stages in one step per file ({@link SummarizeTransactionFiles}).
     */
    SUMMARIES_STEP_PER_FILE,
    /** As above with a step per stage, so that one file's blocks spread over workers. */
    SUMMARIES_STEP_PER_STAGE,
    /**
     * The rows themselves grouped by customer: for outlier rules and netted returns, which need a
     * customer's rows together, and for tables, whose rows cannot be read again by position as the
     * summaries' cross-block duplicate check needs.
     */
    GROUPED_ROWS
  }

  static RowPath rowPath(RunPlan plan, RowStages stages, ExecutionProfile exec, int inputFiles) {
    boolean summaries =
        stages.jdbc() == null
            && plan.transactionOutliers().isNone()
            && plan.customerOutliers().isNone()
            && !plan.rowRules().netsReturns();
    if (!summaries) {
      return RowPath.GROUPED_ROWS;
    }
    return exec.stepPerFile(inputFiles)
        ? RowPath.SUMMARIES_STEP_PER_FILE
        : RowPath.SUMMARIES_STEP_PER_STAGE;
  }

  /** The stages every row path shares, configured once from the plan. */
  record RowStages(
      JdbcInput jdbc,
      ReadTransactionFiles readFiles,
      ParseTransactions parse,
      ApplyRowRules rules,
      ComputeAsOfDate asOfDate,
      SummarizeCustomers summarize) {
    static RowStages of(RunPlan plan, ExecutionProfile exec, int inputFiles, int customerShards) {
      InputPlan input = plan.input();
      JdbcInput jdbc = input.jdbc();
      ReadTransactionFiles readFiles =
          jdbc != null
              ? null
              : ReadTransactionFiles.create()
                  .from(input.paths())
                  .withCharset(input.charset())
                  .withFormat(input.format())
                  .withBlockSize(input.blockSize())
                  .withColumns(input.columns())
                  .withRedistribution(exec.spreadsFiles())
                  .withBlockRedistribution(exec.spreadsBlocks(inputFiles));
      ComputeAsOfDate asOfDate = ComputeAsOfDate.create().withFixedDate(plan.asOf());
      return new RowStages(
          jdbc,
          readFiles,
          ParseTransactions.create()
              .withDateFormat(input.dateFormat())
              .withTimeZone(input.timeZone())
              // a table's rows are compared on the mapped columns only
              .withWholeRowDuplicates(jdbc == null),
          ApplyRowRules.create().withRules(plan.rowRules()),
          asOfDate,
          SummarizeCustomers.create()
              .withShards(customerShards)
              .withDuplicatesDropped(plan.dropDuplicates())
              .withShuffle(exec.shuffle())
              .withCharset(input.charset())
              .withRecordFiles(input.format(), input.columns())
              .withAsOfDate(asOfDate)
              .withPurchaseDayLists(checksHoldout(plan)));
    }
  }

  /** Whether the run checks a CLV holdout, so that the row paths list purchase days. */
  static boolean checksHoldout(RunPlan plan) {
    return plan.clv() != null && plan.clv().checksHoldout();
  }

  /**
   * What a row path hands on: customers, rejected rows, counts, the as-of date and, for a CLV
   * holdout only, the customers' purchase days (else null).
   */
  record RowResult(
      PCollection<CustomerRecord> customers,
      PCollectionList<RejectedBlock> rejected,
      PCollectionList<KV<String, Long>> counts,
      PCollectionView<Long> asOf,
      PCollection<PurchaseDayList> purchaseDayLists) {

    /** The result of a summaries path; customers come dated, with their counts. */
    static RowResult ofSummaries(
        PCollectionTuple summarized,
        PCollectionList<RejectedBlock> rejected,
        PCollectionList<KV<String, Long>> rowsRead) {
      return new RowResult(
          summarized.get(SummarizeCustomers.CUSTOMERS),
          rejected,
          rowsRead.and(summarized.get(SummarizeCustomers.COUNTS)),
          summarized.get(SummarizeCustomers.AS_OF_DAY).apply("AsOfView", ComputeAsOfDate.dayView()),
          summarized.has(SummarizeCustomers.PURCHASE_DAY_LISTS)
              ? summarized.get(SummarizeCustomers.PURCHASE_DAY_LISTS)
              : null);
    }
  }

  /**
   * Row stages in one step per file (see {@link SummarizeTransactionFiles} for why). The files are
   * spread over workers on every runner: the DirectRunner runs a bundle on one thread, and the
   * matched files come as one bundle.
   */
  private static RowResult summarizeFiles(Pipeline p, RowStages stages) {
    PCollectionTuple summarized =
        p.apply(
            "SummarizeTransactionFiles",
            SummarizeTransactionFiles.of(
                    stages.readFiles().withRedistribution(true),
                    stages.parse(),
                    stages.rules(),
                    stages.summarize())
                .withCountName(CountRows.ROWS_READ));
    return RowResult.ofSummaries(
        summarized,
        PCollectionList.of(summarized.get(RowTags.REJECTED)),
        PCollectionList.of(summarized.get(SummarizeTransactionFiles.ROWS_READ)));
  }

  /** Fewer files than workers: a step per stage, so that a file's blocks spread over workers. */
  private static RowResult summarizeStages(Pipeline p, RowStages stages) {
    PCollection<RawBlock> raw = p.apply("ReadTransactionFiles", stages.readFiles());
    CleanRows cleaned = parseAndClean(raw, stages.parse(), stages.rules());
    PCollectionTuple summarized = cleaned.rows().apply("SummarizeCustomers", stages.summarize());
    return RowResult.ofSummaries(
        summarized,
        cleaned.rejected().and(summarized.get(RowTags.REJECTED)),
        PCollectionList.of(CountRows.read(raw)));
  }

  /**
   * Group by customer → duplicates → netted returns → transaction outliers → customer outliers →
   * customer features.
   */
  private static RowResult groupRows(
      Pipeline p, RunPlan plan, RowStages stages, int customerShards, ExecutionProfile exec) {
    boolean netReturns = plan.rowRules().netsReturns();
    PCollection<RawBlock> raw =
        stages.jdbc() != null
            ? p.apply(
                "ReadTransactionTable",
                stages.jdbc().read().withRedistribution(exec.spreadsFiles()))
            : p.apply("ReadTransactionFiles", stages.readFiles());
    CleanRows cleaned = parseAndClean(raw, stages.parse(), stages.rules());
    PCollection<TransactionBlock> grouped =
        cleaned
            .rows()
            .apply(
                "GroupRowsByCustomer",
                GroupRowsByCustomer.create()
                    .withShards(customerShards)
                    .withShuffle(exec.groupedRowsShuffle()));
    PCollectionTuple deduped =
        grouped.apply("DropDuplicates", DropDuplicates.create().withEnabled(plan.dropDuplicates()));
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
    // Customer fences need every customer's features as of the date before filtering rows.
    PCollectionView<Long> asOf =
        lines.get(RowTags.ROWS).apply("ComputeAsOfDate", stages.asOfDate());
    PCollectionTuple customersKept =
        lines
            .get(RowTags.ROWS)
            .apply(
                "FilterCustomerOutliers",
                FilterCustomerOutliers.create()
                    .withRule(plan.customerOutliers())
                    .withReturnsNetted(netReturns)
                    .withAsOf(asOf));
    PCollection<CustomerRecord> customers =
        customersKept
            .get(RowTags.ROWS)
            .apply(
                "AggregateCustomers",
                AggregateCustomers.create().withAsOf(asOf).withReturnsNetted(netReturns));
    PCollectionList<KV<String, Long>> counts =
        PCollectionList.of(CountRows.read(raw))
            .and(CountRows.usedByCustomers(customers))
            .and(CountRows.customers(customers));
    if (netReturns) {
      counts = counts.and(CountRows.returnsNetted(customersKept.get(RowTags.ROWS)));
    }
    PCollectionList<RejectedBlock> rejected =
        cleaned
            .rejected()
            .and(deduped.get(RowTags.REJECTED))
            .and(returnsRejected.getAll())
            .and(lines.get(RowTags.REJECTED))
            .and(customersKept.get(RowTags.REJECTED));
    PCollection<PurchaseDayList> dayLists =
        checksHoldout(plan)
            ? customersKept
                .get(RowTags.ROWS)
                .apply("ListPurchaseDays", ListPurchaseDays.create().withReturnsNetted(netReturns))
            : null;
    return new RowResult(customers, rejected, counts, asOf, dayLists);
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

  /**
   * Trains the segmentation on {@code built}'s customers (or loads the saved model of {@code
   * source}), assigns every customer a segment and classic RFM scores, profiles the model's and the
   * RFM segments and writes segments/, model.json and model.avro; returns the customers with their
   * segments.
   */
  public static PCollection<CustomerRecord> segment(
      Built built,
      PCollection<CustomerRecord> customers,
      SegmentationSettings settings,
      ModelSource source,
      RunPlan plan,
      ClvOutput clv,
      String outputDir) {
    // The model and the RFM cut points need only the features, not the predicted value: taken from
    // the customers before the value stage, training runs beside that stage's fit.
    PCollection<CustomerRecord> features = built.customers();
    PCollection<TrainedSegmentation> trained =
        source.scoresWithSavedModel()
            ? customers
                .getPipeline()
                .apply(
                    "LoadSavedModel",
                    Create.of(source.saved())
                        .withCoder(SerializableCoder.of(TrainedSegmentation.class)))
            : features.apply(
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
            ? ScoreRfm.thresholds(features, scoring)
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
            outputDir,
            outputDir + "/" + WORK_FOLDER,
            rfm,
            scoring.rules(),
            savedCuts != null,
            built.asOf(),
            quality,
            clv));
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
    PCollectionView<Iterable<HoldoutCheck.Outcome>> holdout =
        settings.checksHoldout() && saved == null
            ? built
                .purchaseDayLists()
                .apply(
                    "CheckClvHoldout",
                    CheckHoldout.ofDays(settings.holdoutDays())
                        .withUnit(settings.unit())
                        .withAsOf(built.asOf()))
                .apply("HoldoutView", View.asIterable())
            : null;
    model.apply("WriteClvJson", ClvJson.write(outputDir, settings, source, built.asOf(), holdout));
    return new Valued(
        predicted.get(PredictCustomerValue.CUSTOMERS),
        new ClvOutput(model.apply("ClvModelView", View.asSingleton()), settings, source, holdout));
  }

  /** Writes the customers (once the segmentation stage, if any, has filled them in). */
  public static void writeCustomers(
      PCollection<CustomerRecord> customers, RunPlan plan, String outputDir) {
    customers.apply(
        "WriteCustomers",
        SegflowOutputs.customers(
            outputDir + "/customers",
            plan.output().shards(),
            ExecutionProfile.of(customers.getPipeline().getOptions()).shuffle()));
  }
}
