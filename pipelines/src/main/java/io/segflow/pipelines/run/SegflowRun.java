// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.CheckPlan;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.Connections;
import io.segflow.pipelines.config.DatabaseOutput;
import io.segflow.pipelines.config.InputPlan;
import io.segflow.pipelines.config.OutputPlan;
import io.segflow.pipelines.config.RunPlan;
import io.segflow.pipelines.config.RunnerPlan;
import io.segflow.pipelines.config.SegflowConfig;
import io.segflow.pipelines.model.ModelArtifact;
import io.segflow.pipelines.model.ModelSource;
import io.segflow.pipelines.output.AvroParts;
import io.segflow.pipelines.output.LockFile;
import io.segflow.pipelines.output.OutputJson;
import io.segflow.pipelines.output.OutputPublisher;
import io.segflow.pipelines.output.Partitions;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.pipelines.output.RunTimings;
import io.segflow.pipelines.sink.CrmExport;
import io.segflow.pipelines.sink.PostgresSink;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.read.RecordFormat;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.write.CountRows;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.Charset;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.PipelineResult;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptions;
import org.apache.beam.sdk.options.PipelineOptionsFactory;
import org.apache.beam.sdk.values.PCollection;

/**
 * One {@code segflow run}: validate the config, inspect the inputs, run the pipeline into a staging
 * folder, check that the row counts add up, write the manifest and publish. Any failure leaves no
 * published output and surfaces as a {@link SegflowException} with its exit code.
 */
public final class SegflowRun {
  private static final long BYTES_PER_CUSTOMER_SHARD = 64L << 20;
  private static final long BYTES_PER_OUTPUT_SHARD = 256L << 20;
  private static final int GZIP_RATIO_GUESS = 8;

  /**
   * Parquet holds about 2.5 times the rows that gzip CSV does per byte (the Online Retail file ten
   * times over: 40 MB of DuckDB's Snappy Parquet, 99 MB of gzip CSV), so a Parquet file counts as
   * 2.5 times a gzip file of its size: the same rows then get the same shards in either format.
   */
  private static final int PARQUET_RATIO_GUESS = 20;

  private SegflowRun() {}

  /** What a finished run reports. */
  public record Result(Path output, Counts counts, RunManifest manifest) {}

  public static Result execute(SegflowConfig config, List<String> beamArgs, PrintStream log) {
    long t0 = System.nanoTime();
    Map<String, Long> timings = new LinkedHashMap<>();
    timings.put("jvm_start", millisSinceProcessStart());
    RunPlan plan = RunPlan.of(config);
    for (String rule : plan.rfm().rules().unreachable()) {
      log.println(
          "segflow: warning: rfm.rules: rule '"
              + rule
              + "' can never match, earlier rules take every score it covers");
    }
    Connections.rejectPasswordFlags(beamArgs);
    ModelSource modelSource = plan.models() == null ? null : ModelSource.of(plan.models());
    PipelineOptions options = pipelineOptions(plan.runner(), beamArgs);
    FileSystems.setDefaultPipelineOptions(options);

    InputPlan input = plan.input();
    List<InputInspector.InputFile> files =
        InputInspector.inspect(
            input.paths(), Charset.forName(input.charset()), input.columns(), input.format());
    DateOrderCheck.Decision dates =
        DateOrderCheck.decideEarly(
            input.dateFormat(), input.columns(), Charset.forName(input.charset()), files);
    plan = plan.withDateFormat(dates.format());
    InputModel inputModel = InputModel.of(input.columns(), files);
    plan = inputModel.adjust(plan);
    inputModel.notes().forEach(n -> log.println("segflow: note: " + n));
    int customerShards =
        plan.customerShards() > 0 ? plan.customerShards() : autoCustomerShards(files);
    plan =
        plan.withOutputShards(
            plan.output().shards() > 0 ? plan.output().shards() : autoOutputShards(files));
    OutputPlan output = plan.output();
    TableInspector.InputTable table = TableInspector.inspect(input);
    DatabaseOutput database = PostgresSink.prepare(output.database());
    OutputPublisher publisher =
        OutputPublisher.prepare(
            Partitions.outputFolder(output.path(), output.partitionByAsOf(), plan.asOf()),
            output.overwrite(),
            output.waitForLock());
    Path previousRun =
        plan.segmentation() == null ? null : PreviousRun.find(output, publisher.target());
    timings.put("inspect_inputs", millisSince(t0));
    Lineage lineage = Lineage.of(plan.lineage(), output.path(), log);
    if (lineage != null) {
      lineage.start(files, table, publisher.target());
    }
    RunManifest manifest = null;
    FutureTask<Long> crmExport = null;
    try {
      Path staging = publisher.staging();
      Path work = staging.resolve(SegflowPipeline.WORK_FOLDER);
      long t1 = System.nanoTime();
      Pipeline p = Pipeline.create(options);
      SegflowPipeline.Built built =
          SegflowPipeline.build(
              p,
              plan,
              customerShards,
              files.size(),
              inputModel.absentFeatures(),
              staging.toString(),
              work.resolve("counts.tsv").toString());
      PCollection<CustomerRecord> customers = built.customers();
      ClvOutput clv = null;
      if (plan.clv() != null) {
        SegflowModel savedModel =
            modelSource != null && modelSource.scoresWithSavedModel()
                ? modelSource.saved().savedModel()
                : null;
        SegflowPipeline.Valued valued =
            SegflowPipeline.predictValue(
                built,
                customers,
                plan.clv(),
                savedModel == null ? null : ModelArtifact.clvOf(savedModel),
                savedModel == null ? null : savedModel.getModelId(),
                staging.toString());
        customers = valued.customers();
        clv = valued.clv();
      }
      if (plan.segmentation() != null) {
        customers =
            SegflowPipeline.segment(
                built, customers, plan.segmentation(), modelSource, plan, clv, staging.toString());
        if (previousRun != null) {
          customers = PreviousRun.addHistory(customers, previousRun);
        }
      }
      SegflowPipeline.writeCustomers(customers, plan, staging.toString());
      timings.put("construct_pipeline", millisSince(t1));

      long t2 = System.nanoTime();
      log.println(
          "segflow: running on "
              + options.getRunner().getSimpleName()
              + " over "
              + (table != null ? "table " + table.source() : files.size() + " file(s)")
              + "...");
      PipelineResult result;
      try {
        result = runToCompletion(p, output.progress() ? log : null);
      } catch (RuntimeException e) {
        dates.confirmAfterFailure(); // dates that contradict each other are the error to report
        throw e;
      }
      timings.put("run_pipeline", millisSince(t2));

      long t3 = System.nanoTime();
      Counts counts = Counts.read(work.resolve("counts.tsv"));
      dates.confirm(counts.rejectedAtParse());
      RunTimings.Training training = RunTimings.Training.read(work);
      OutputPublisher.deleteRecursively(work);
      counts.checkConservation();
      if (output.partitionByAsOf()) {
        publisher =
            publisher.retarget(
                Path.of(Partitions.outputFolder(output.path(), true, counts.asOf())),
                output.overwrite());
      }
      if (counts.rowsUsed() == 0) {
        throw new SegflowException(
            ExitCode.NO_USABLE_ROWS,
            "no usable rows: "
                + counts.rowsRead()
                + " rows read, all rejected ("
                + counts.rejectedByReason()
                + "). Nothing was published.");
      }
      List<String> outputs =
          new ArrayList<>(
              AvroParts.completeShards(staging, output.shards(), plan.segmentation() != null));
      if (plan.clv() != null) {
        outputs.add(ClvJson.FILE);
      }
      if (plan.segmentation() != null) {
        outputs.add("model.json");
        outputs.add(ModelArtifact.FILE);
        if (plan.segmentation().isComparison()) {
          outputs.add("comparison.json");
        }
      }
      if (output.crmCsv()) {
        // The CRM file and the report read the staged outputs and write different files: the CRM
        // file is written on its own thread while the manifest, the checks and the report are made.
        crmExport = startCrmExport("segflow-crm-export", staging, counts.customers());
        outputs.add(CrmExport.FILE);
      }
      if (output.report()) {
        outputs.add(io.segflow.pipelines.report.HtmlReport.FILE);
      }
      manifest =
          Manifest.build(
              plan,
              options,
              files,
              customerShards,
              counts,
              outputs,
              table == null ? null : table.toJson(),
              table == null ? inputModel.describe() : null,
              previousRun);
      List<QualityGates.Result> checked = List.of();
      CheckPlan checks = plan.checks();
      if (!checks.gates().isEmpty()) {
        Path previous = QualityGates.previousRun(publisher.target(), output.partitionByAsOf());
        checked = QualityGates.evaluate(checks.gates(), counts, staging, previous);
        manifest = manifest.withChecks(QualityGates.toJson(checked, checks.mode(), previous));
      }
      List<QualityGates.Result> failedChecks = failedGates(checks, checked, log);
      if (!failedChecks.isEmpty()) {
        manifest = manifest.withStatus(RunManifest.FAILED_CHECKS);
      }
      OutputJson.write(staging.resolve(RunManifest.FILE), manifest);
      if (output.report()) {
        long report = System.nanoTime();
        io.segflow.pipelines.report.HtmlReport.write(staging);
        timings.put("report", millisSince(report));
      }
      if (crmExport != null) {
        timings.put("crm_export", await(crmExport));
      }
      timings.put("check_and_finish", millisSince(t3));
      timings.put("total", millisSince(t0));
      new RunTimings(
              OffsetDateTime.now(ZoneOffset.UTC).withNano(0).toString(),
              timings,
              StageTimes.from(result),
              training.model(),
              training.comparison())
          .write(staging);
      if (!failedChecks.isEmpty()) {
        keepFailedRun(output, publisher, failedChecks);
      }
      publisher.publish();
      if (database != null) {
        PostgresSink.loadPublished(publisher.target(), database, output.waitForLock(), log);
      }
      publisher.recordOutcome(outcome("published", ExitCode.OK, null));
      if (lineage != null) {
        lineage.complete(publisher.target(), manifest, database, segmentCount(publisher.target()));
      }
      return new Result(publisher.target(), counts, manifest);
    } catch (IOException e) {
      awaitQuietly(crmExport);
      publisher.discard();
      SegflowException failure = new SegflowException(ExitCode.INTERNAL, "I/O failure: " + e, e);
      publisher.recordOutcome(outcome("failed", failure.exitCode(), failure.getMessage()));
      if (lineage != null) {
        lineage.fail(publisher.target(), failure, manifest);
      }
      throw failure;
    } catch (RuntimeException e) {
      awaitQuietly(crmExport);
      publisher.discard();
      if (lineage != null) {
        lineage.fail(publisher.target(), e, manifest);
      }
      ExitCode code =
          e instanceof SegflowException se
              ? se.exitCode()
              : e instanceof ConfigException ? ExitCode.USAGE : ExitCode.INTERNAL;
      if (code != ExitCode.CHECKS) {
        publisher.recordOutcome(outcome("failed", code, e.getMessage()));
      }
      throw e;
    } finally {
      publisher.close();
    }
  }

  /**
   * Starts writing the CRM file into {@code staging} on a thread; the task gives its milliseconds.
   */
  private static FutureTask<Long> startCrmExport(String name, Path staging, long customers) {
    FutureTask<Long> task =
        new FutureTask<>(
            () -> {
              long start = System.nanoTime();
              CrmExport.write(staging, customers);
              return millisSince(start);
            });
    Thread thread = new Thread(task, name);
    thread.setDaemon(true);
    thread.start();
    return task;
  }

  /** The task's result, or its failure as it was thrown. */
  private static long await(FutureTask<Long> task) throws IOException {
    try {
      return task.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new SegflowException(ExitCode.INTERNAL, "interrupted while writing the CRM file", e);
    } catch (ExecutionException e) {
      Throwable cause = e.getCause();
      if (cause instanceof IOException io) {
        throw io;
      }
      if (cause instanceof RuntimeException re) {
        throw re;
      }
      if (cause instanceof Error error) {
        throw error;
      }
      throw new SegflowException(ExitCode.INTERNAL, "writing the CRM file failed: " + cause, cause);
    }
  }

  /**
   * Waits for a task that may still write into the staging folder before that folder is discarded;
   * its own failure no longer matters then.
   */
  private static void awaitQuietly(FutureTask<Long> task) {
    if (task != null) {
      try {
        task.get();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (ExecutionException | RuntimeException e) {
        // the run is failing already, with the error that is reported
      }
    }
  }

  /**
   * The failed gates when they stop the run, else (none failed, or checks_mode warn) an empty list,
   * with a warning per failed gate.
   */
  private static List<QualityGates.Result> failedGates(
      CheckPlan checks, List<QualityGates.Result> results, PrintStream log) {
    List<QualityGates.Result> failed =
        results.stream().filter(QualityGates.Result::failed).toList();
    if (checks.warnOnly()) {
      failed.forEach(r -> log.println("segflow: warning: check failed: " + r.describe()));
      return List.of();
    }
    return failed;
  }

  /**
   * Moves the staged run beside the output as OUTPUT.failed-TIME (for a partition:
   * ROOT.failed-as_of=DATE-TIME, outside the root so that no reader takes it for a partition) and
   * stops with exit code 7, naming each failed check.
   */
  private static void keepFailedRun(
      OutputPlan output, OutputPublisher publisher, List<QualityGates.Result> failed) {
    String time =
        java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .format(java.time.ZonedDateTime.now(java.time.ZoneOffset.UTC));
    Path target = publisher.target();
    Path kept =
        output.partitionByAsOf()
            ? target
                .getParent()
                .resolveSibling(
                    target.getParent().getFileName()
                        + ".failed-"
                        + target.getFileName()
                        + "-"
                        + time)
            : target.resolveSibling(target.getFileName() + ".failed-" + time);
    publisher.keepAs(kept);
    StringBuilder why = new StringBuilder();
    List<String> names = new ArrayList<>();
    for (QualityGates.Result r : failed) {
      why.append("\n  ").append(r.describe());
      names.add(r.describe());
    }
    String message =
        failed.size()
            + " quality check(s) failed, so nothing was published"
            + (Files.exists(target)
                ? " and " + Secrets.redact(target.toString()) + " keeps its last good output"
                : "")
            + "; this run is kept in "
            + Secrets.redact(kept.toString())
            + " (manifest status failed_checks):"
            + why;
    publisher.recordOutcome(
        new LockFile.Outcome(
            "failed_checks",
            ExitCode.CHECKS.code(),
            Secrets.redact(message),
            Secrets.redact(kept.toString()),
            names));
    throw new SegflowException(ExitCode.CHECKS, message);
  }

  private static long segmentCount(Path published) throws IOException {
    return Files.isDirectory(published.resolve("segments"))
        ? io.segflow.pipelines.report.ReportData.readSegments(published).size()
        : 0;
  }

  /** What the target's lock file keeps about this run once it has ended. */
  private static LockFile.Outcome outcome(String state, ExitCode code, String error) {
    return new LockFile.Outcome(
        state, code.code(), error == null ? null : Secrets.redact(error), null, null);
  }

  /** Runs the pipeline, with progress lines on {@code progress} (none if null). */
  @SuppressWarnings("try") // the reporter only has to live as long as the run
  private static PipelineResult runToCompletion(Pipeline p, PrintStream progress) {
    AtomicReference<PipelineResult> running = new AtomicReference<>();
    try (ProgressReporter reporter =
        progress == null ? null : ProgressReporter.start(progress, running)) {
      PipelineResult result = p.run();
      running.set(result);
      PipelineResult.State state = result.waitUntilFinish();
      if (state != PipelineResult.State.DONE) {
        throw new SegflowException(ExitCode.INTERNAL, "the pipeline ended in state " + state);
      }
      return result;
    } catch (Pipeline.PipelineExecutionException e) {
      throw Failures.translate(e.getCause() == null ? e : e.getCause());
    } catch (SegflowException e) {
      throw e;
    } catch (RuntimeException e) {
      // Flink wraps a failed job as RuntimeException("Pipeline execution failed"): show the cause
      throw Failures.translate(e);
    }
  }

  static int autoCustomerShards(List<InputInspector.InputFile> files) {
    long shards = divideRoundingUp(inputBytes(files), BYTES_PER_CUSTOMER_SHARD);
    return (int) Math.max(4, Math.min(4096, shards));
  }

  /**
   * One customers/ and rejected/ part file per 256 MB of (uncompressed) input: a part is sorted in
   * one worker's memory, so no writer holds all customers of a large input.
   */
  static int autoOutputShards(List<InputInspector.InputFile> files) {
    return (int)
        Math.max(1, Math.min(10_000, divideRoundingUp(inputBytes(files), BYTES_PER_OUTPUT_SHARD)));
  }

  private static long inputBytes(List<InputInspector.InputFile> files) {
    long bytes = 0;
    for (InputInspector.InputFile f : files) {
      if (f.format() == RecordFormat.PARQUET) {
        bytes += f.sizeBytes() * PARQUET_RATIO_GUESS;
      } else {
        bytes += f.compressed() ? f.sizeBytes() * GZIP_RATIO_GUESS : f.sizeBytes();
      }
    }
    return bytes;
  }

  private static long divideRoundingUp(long a, long b) {
    return (a + b - 1) / b;
  }

  /**
   * Beam options from the config's runner section and the pass-through flags (flags win). On the
   * DirectRunner the per-element immutability and encodability checks are turned off unless asked
   * for: they are debugging aids that cost more than the work itself.
   */
  static PipelineOptions pipelineOptions(RunnerPlan runner, List<String> beamArgs) {
    Map<String, String> opts = new TreeMap<>();
    opts.put("runner", runner.name());
    runner.options().forEach(opts::put);
    List<String> extra = new ArrayList<>();
    for (String arg : beamArgs) {
      if (!arg.startsWith("--") || !arg.contains("=")) {
        throw new ConfigException("runner option '" + arg + "' must be written --name=value");
      }
      String[] kv = arg.substring(2).split("=", 2);
      opts.put(kv[0], kv[1]);
    }
    if ("FlinkRunner".equals(opts.get("runner"))) {
      // Flink otherwise deep-copies every element between chained operators through its coder
      // (every block encoded and decoded at each step); Segflow's DoFns never change their input.
      opts.putIfAbsent("fasterCopy", "true");
    }
    if ("DirectRunner".equals(opts.get("runner"))) {
      opts.putIfAbsent("enforceImmutability", "false");
      opts.putIfAbsent("enforceEncodability", "false");
      opts.putIfAbsent(
          "targetParallelism", String.valueOf(Runtime.getRuntime().availableProcessors()));
    }
    opts.forEach((k, v) -> extra.add("--" + k + "=" + v));
    try {
      return PipelineOptionsFactory.fromArgs(extra.toArray(new String[0]))
          .withValidation()
          .create();
    } catch (IllegalArgumentException e) {
      throw new ConfigException("runner options: " + e.getMessage(), e);
    }
  }

  /**
   * Milliseconds from the start of this JVM (start-up, class loading, the command line) to now. The
   * JVM's own clock: the operating system's process start time ({@code ProcessHandle}) is counted
   * from a boot time it gives in whole seconds, which made this up to a second too long.
   */
  private static long millisSinceProcessStart() {
    return System.currentTimeMillis() - ManagementFactory.getRuntimeMXBean().getStartTime();
  }

  private static long millisSince(long startNanos) {
    return (System.nanoTime() - startNanos) / 1_000_000;
  }

  /** Row counts read back from the pipeline's count file. */
  public record Counts(Map<String, Long> values) {
    static Counts read(Path file) throws IOException {
      Map<String, Long> values = new TreeMap<>();
      if (Files.exists(file)) {
        for (String line : Files.readAllLines(file)) {
          String[] kv = line.split("\t", -1);
          values.put(kv[0], Long.parseLong(kv[1]));
        }
      }
      return new Counts(values);
    }

    public long rowsRead() {
      return values.getOrDefault(CountRows.ROWS_READ, 0L);
    }

    public long rowsUsed() {
      return values.getOrDefault(CountRows.ROWS_USED, 0L);
    }

    public long customers() {
      return values.getOrDefault(CountRows.CUSTOMERS, 0L);
    }

    /** The as-of date the features were computed for (null if no row was used). */
    public LocalDate asOf() {
      Long day = values.get(CountRows.AS_OF_EPOCH_DAY);
      return day == null ? null : LocalDate.ofEpochDay(day);
    }

    public Map<String, Long> rejectedByReason() {
      Map<String, Long> out = new TreeMap<>();
      values.forEach(
          (k, v) -> {
            if (k.startsWith(CountRows.REJECTED_PREFIX)) {
              out.put(k.substring(CountRows.REJECTED_PREFIX.length()), v);
            }
          });
      return out;
    }

    /** Rows rejected by the parse stage (the reasons up to missing_invoice). */
    long rejectedAtParse() {
      long rejected = 0;
      for (RejectReason r : RejectReason.parseReasons()) {
        rejected += values.getOrDefault(CountRows.REJECTED_PREFIX + r.code(), 0L);
      }
      return rejected;
    }

    public long rowsRejected() {
      return rejectedByReason().values().stream().mapToLong(Long::longValue).sum();
    }

    /**
     * Every row read must be used or rejected: anything else is a bug, and nothing is published.
     */
    void checkConservation() {
      if (rowsRead() != rowsUsed() + rowsRejected()) {
        throw new SegflowException(
            ExitCode.INTERNAL,
            "row counts do not add up: read "
                + rowsRead()
                + " != used "
                + rowsUsed()
                + " + rejected "
                + rowsRejected()
                + ". This is a bug; nothing was published.");
      }
    }
  }
}
