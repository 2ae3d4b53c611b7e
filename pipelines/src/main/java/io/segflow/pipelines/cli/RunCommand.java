// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.ConfigLoader;
import io.segflow.pipelines.config.SegflowConfig;
import io.segflow.pipelines.run.SegflowRun;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Unmatched;

/** {@code segflow run}: features (and, when configured, segments) for every customer. */
@Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Reads transaction CSV files, cleans them, computes per-customer RFM features "
          + "and writes customers/, rejected/, manifest.json and _SUCCESS to the output folder.",
      "Flags override the config file. Any other --name=value is passed to Beam as a pipeline "
          + "option (e.g. --targetParallelism=2, --flinkMaster=[local])."
    })
class RunCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML run config (see run-configs/).")
  Path config;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "PATH",
      split = ",",
      description =
          "Input CSV file or glob (.gz etc. by extension); repeatable. Replaces input.paths.")
  List<String> inputs;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      description = "Output folder; replaced atomically on success.")
  String output;

  @Option(
      names = "--as-of",
      paramLabel = "yyyy-MM-dd",
      description =
          "Compute features as of the start of this day; later rows are rejected "
              + "(default: the day after the last invoice date).")
  String asOf;

  @Option(
      names = "--encoding",
      paramLabel = "CHARSET",
      description = "Input text encoding (default UTF-8).")
  String encoding;

  @Option(
      names = "--input-format",
      paramLabel = "FORMAT",
      description =
          "auto (by extension: .parquet, .avro, otherwise CSV), csv, parquet or avro (default"
              + " auto).")
  String inputFormat;

  @Option(
      names = "--date-format",
      paramLabel = "PATTERN",
      description =
          "InvoiceDate pattern, e.g. 'd/M/yyyy H:mm' or yyyyMMdd; epoch_seconds or epoch_millis"
              + " for Unix times (default: auto).")
  String dateFormat;

  @Option(
      names = "--timezone",
      paramLabel = "ZONE",
      description =
          "Zone whose calendar days dates with an offset or a Unix time fall on, e.g."
              + " Europe/London (default UTC).")
  String timezone;

  @Option(
      names = "--column",
      paramLabel = "KEY=HEADER",
      description = "Map a column to the header name your files use, e.g. customer_id=Cust_No.")
  Map<String, String> columns;

  @Option(
      names = "--overwrite",
      description = "Replace a non-empty output folder that is not a Segflow output.")
  Boolean overwrite;

  @Option(
      names = "--output-shards",
      paramLabel = "N",
      description =
          "Avro part files for customers/ and rejected/ (default 0: one per 256 MB of input).")
  Integer outputShards;

  @Option(
      names = "--customer-shards",
      paramLabel = "N",
      description = "Blocks rows are grouped into by customer (default: from the input size).")
  Integer customerShards;

  @Option(
      names = "--block-size",
      paramLabel = "ROWS",
      description = "Rows per block (default 32768).")
  Integer blockSize;

  @Option(
      names = "--runner",
      paramLabel = "NAME",
      description = "DirectRunner (default) or FlinkRunner.")
  String runner;

  @Option(
      names = "--k",
      paramLabel = "auto|N",
      description = "Number of segments, or auto to choose it from the k-scan (default auto).")
  String k;

  @Option(
      names = "--k-range",
      paramLabel = "MIN..MAX",
      description = "k values scanned (default 2..10).")
  String kRange;

  @Option(
      names = "--features",
      paramLabel = "F1,F2,...",
      split = ",",
      description =
          "Customer features to cluster on (default recency_days,frequency,monetary,"
              + "total_quantity,avg_basket_value).")
  List<String> features;

  @Option(
      names = "--transform",
      paramLabel = "log1p|none",
      description = "Skew transform (default log1p).")
  String transform;

  @Option(
      names = "--scaler",
      paramLabel = "standard|minmax|robust",
      description = "Scaler (default standard).")
  String scaler;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Random seed of k-means++ (default 42).")
  Integer seed;

  @Option(
      names = "--restarts",
      paramLabel = "N",
      description = "k-means restarts per k (default 3).")
  Integer restarts;

  @Option(
      names = "--algorithm",
      paramLabel = "kmeans|dbscan|compare",
      description =
          "Clustering algorithm (default kmeans); compare writes k-means segments and "
              + "comparison.json with DBSCAN beside it.")
  String algorithm;

  @Option(
      names = "--eps",
      paramLabel = "auto|X",
      description =
          "DBSCAN radius in the scaled feature space, or auto = knee of the k-distance "
              + "curve (default auto).")
  String eps;

  @Option(
      names = "--min-points",
      paramLabel = "N",
      description = "DBSCAN density threshold, the point itself counted (default features + 1).")
  Integer minPoints;

  @Option(
      names = "--model",
      paramLabel = "MODEL",
      description =
          "Score with this saved model (a model.avro or the output folder of a run that "
              + "trained one) instead of training: segment ids and names stay the model's.")
  String model;

  @Option(
      names = "--previous-model",
      paramLabel = "MODEL",
      description =
          "Train, then give the new segments the ids and names of this earlier model's "
              + "closest segments (optimal matching of centres); unmatched segments get new ids.")
  String previousModel;

  @Option(
      names = "--match-max-distance",
      paramLabel = "X",
      description =
          "Largest centre distance, in the earlier model's scaled units, at which "
              + "segments are matched (default 1.0).")
  Double matchMaxDistance;

  @Option(
      names = "--partition-by-as-of",
      description = "Publish into OUTPUT/as_of=yyyy-MM-dd/, replacing only that date's partition.")
  boolean partitionByAsOf;

  @Option(
      names = "--previous-run",
      paramLabel = "DIR",
      description =
          "A finished run to take each customer's segment history from (previous_segment_id, "
              + "segment_since, ...); with --partition-by-as-of, by default the latest earlier "
              + "as_of= partition.")
  String previousRun;

  @Option(
      names = "--sample-threshold",
      paramLabel = "N",
      description = "Above this many customers, train on a sample (default 200000).")
  Long sampleThreshold;

  @Option(
      names = "--sample-size",
      paramLabel = "N",
      description = "Customers in that training sample (default 50000).")
  Integer sampleSize;

  @Option(
      names = "--rfm-bins",
      paramLabel = "N",
      description = "RFM scores per dimension, 2..10 (default 5; other than 5 needs rfm.rules).")
  Integer rfmBins;

  @Option(
      names = "--rfm-method",
      paramLabel = "quantile|rfm_package|fixed",
      description =
          "How RFM cut points are found: quantiles (default), the R rfm package's breaks, "
              + "or the fixed --rfm-*-cuts.")
  String rfmMethod;

  @Option(
      names = "--rfm-recency-cuts",
      paramLabel = "C1,C2,...",
      split = ",",
      description = "Fixed recency cut points in days, e.g. 115,181,297,482.")
  List<Double> rfmRecencyCuts;

  @Option(
      names = "--rfm-frequency-cuts",
      paramLabel = "C1,C2,...",
      split = ",",
      description = "Fixed frequency cut points (orders), e.g. 4,5,6,8.")
  List<Double> rfmFrequencyCuts;

  @Option(
      names = "--rfm-monetary-cuts",
      paramLabel = "C1,C2,...",
      split = ",",
      description = "Fixed monetary cut points, e.g. 256,382,506,666.")
  List<Double> rfmMonetaryCuts;

  @Option(
      names = "--refit-rfm",
      description = "With --model: compute new RFM cut points instead of reusing the model's.")
  boolean refitRfm;

  @Option(names = "--no-segmentation", description = "Compute customer features only.")
  boolean noSegmentation;

  @Option(
      names = "--no-clv",
      description = "Do not predict customer value (p_alive, expected_purchases, clv).")
  boolean noClv;

  @Option(
      names = "--clv-time-unit",
      paramLabel = "day|week",
      description = "Unit the CLV models count time in (default week).")
  String clvTimeUnit;

  @Option(
      names = "--clv-horizon-days",
      paramLabel = "DAYS",
      description = "Days ahead that expected_purchases and clv cover (default 365).")
  Integer clvHorizonDays;

  @Option(
      names = "--clv-holdout-days",
      paramLabel = "DAYS",
      description =
          "Also check the CLV model: fit on the purchases before the last DAYS days, predict those"
              + " days and compare (model.json/clv.json 'holdout', report). Scores still come from"
              + " the fit on every day.")
  Integer clvHoldoutDays;

  @Option(names = "--no-report", description = "Do not write report.html.")
  boolean noReport;

  @Option(names = "--quiet", description = "No progress lines on stderr while the pipeline runs.")
  boolean quiet;

  @Option(
      names = "--wait-for-lock",
      paramLabel = "DURATION",
      description =
          "When another run is writing the same output (or partition), wait up to this long "
              + "(90s, 30m, 2h) instead of exiting with code 5 at once.")
  String waitForLock;

  @Option(
      names = "--check",
      paramLabel = "NAME=LIMIT",
      description =
          "A quality gate, repeatable: max_reject_rate, max_reject_rate.REASON, min_rows_read, "
              + "min_customers, max_customers_change, max_segment_moved_share, "
              + "max_segment_share_change, min_silhouette (e.g. max_reject_rate=0.1). Adds to "
              + "the config's checks.")
  Map<String, Double> checks;

  @Option(
      names = "--checks",
      paramLabel = "fail|warn",
      description = "fail (default): a broken gate exits 7 and publishes nothing; warn: report it.")
  String checksMode;

  @Option(
      names = "--lineage-file",
      paramLabel = "PATH",
      description =
          "Append OpenLineage run events (START, COMPLETE or FAIL) to this file, one per line.")
  String lineageFile;

  @Unmatched List<String> beamArgs = new ArrayList<>();

  @Override
  public Integer call() {
    SegflowConfig c = config == null ? new SegflowConfig() : ConfigLoader.load(config);
    if (inputs != null) {
      c.input.paths = inputs;
    }
    if (output != null) {
      c.output.path = output;
    }
    if (asOf != null) {
      c.features.asOf = asOf;
    }
    if (encoding != null) {
      c.input.encoding = encoding;
    }
    if (timezone != null) {
      c.input.timezone = timezone;
    }
    if (dateFormat != null) {
      c.input.dateFormat = dateFormat;
    }
    if (inputFormat != null) {
      c.input.format = inputFormat;
    }
    if (columns != null) {
      c.input.columns.putAll(columns);
    }
    if (overwrite != null) {
      c.output.overwrite = overwrite;
    }
    if (outputShards != null) {
      c.output.shards = outputShards;
    }
    if (customerShards != null) {
      c.features.customerShards = customerShards;
    }
    if (blockSize != null) {
      c.input.blockSize = blockSize;
    }
    if (runner != null) {
      c.runner.name = runner;
    }
    if (noReport) {
      c.output.report = false;
    }
    if (partitionByAsOf) {
      c.output.partitionByAsOf = true;
    }
    if (previousRun != null) {
      c.output.previousRun = previousRun;
    }
    if (quiet) {
      c.output.progress = false;
    }
    if (waitForLock != null) {
      c.output.waitForLock = waitForLock;
    }
    if (checks != null) {
      c.checks.putAll(checks);
    }
    if (checksMode != null) {
      c.checksMode = checksMode;
    }
    if (lineageFile != null) {
      c.lineage.file = lineageFile;
    }
    applySegmentationFlags(c.segmentation);
    applyRfmFlags(c.rfm);
    applyClvFlags(c.clv);
    checkMode(c);
    SegflowRun.Result result = SegflowRun.execute(c, beamArgs, System.err);
    RunSummary.print(result, System.out);
    return 0;
  }

  /** What {@code train} and {@code score} require of the config; {@code run} takes any. */
  void checkMode(SegflowConfig c) {}

  private void applyClvFlags(SegflowConfig.Clv clv) {
    if (noClv) {
      clv.enabled = false;
    }
    if (clvTimeUnit != null) {
      clv.timeUnit = clvTimeUnit;
    }
    if (clvHorizonDays != null) {
      clv.horizonDays = clvHorizonDays;
    }
    if (clvHoldoutDays != null) {
      clv.holdoutDays = clvHoldoutDays;
    }
  }

  private void applyRfmFlags(SegflowConfig.Rfm r) {
    if (rfmBins != null) {
      r.bins = rfmBins;
    }
    if (rfmMethod != null) {
      r.method = rfmMethod;
    }
    if (rfmRecencyCuts != null) {
      r.recencyCuts = rfmRecencyCuts;
    }
    if (rfmFrequencyCuts != null) {
      r.frequencyCuts = rfmFrequencyCuts;
    }
    if (rfmMonetaryCuts != null) {
      r.monetaryCuts = rfmMonetaryCuts;
    }
    if (refitRfm) {
      r.refit = true;
    }
  }

  private void applySegmentationFlags(SegflowConfig.Segmentation s) {
    if (model != null) {
      s.model = model;
    }
    if (previousModel != null) {
      s.previousModel = previousModel;
    }
    if (matchMaxDistance != null) {
      s.matchMaxDistance = matchMaxDistance;
    }
    if (noSegmentation) {
      s.enabled = false;
    }
    if (k != null) {
      s.k = k;
    }
    if (kRange != null) {
      String[] parts = kRange.split("\\.\\.", -1);
      try {
        s.kMin = Integer.parseInt(parts[0].trim());
        s.kMax = Integer.parseInt(parts[1].trim());
      } catch (RuntimeException e) {
        throw new ConfigException("--k-range must look like 2..10, got '" + kRange + "'");
      }
    }
    if (features != null) {
      s.features = features;
    }
    if (transform != null) {
      s.transform = transform;
    }
    if (scaler != null) {
      s.scaler = scaler;
    }
    if (seed != null) {
      s.seed = seed;
    }
    if (restarts != null) {
      s.restarts = restarts;
    }
    if (algorithm != null) {
      s.algorithm = algorithm;
    }
    if (eps != null) {
      s.eps = eps;
    }
    if (minPoints != null) {
      s.minPoints = minPoints;
    }
    if (sampleThreshold != null) {
      s.sampleThreshold = sampleThreshold;
    }
    if (sampleSize != null) {
      s.sampleSize = sampleSize;
    }
  }
}
