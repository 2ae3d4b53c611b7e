// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.SegmentMatcher;
import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.segment.Sampling;
import io.segflow.transforms.segment.SegmentationSettings;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A run's configuration, as read from a YAML run config (keys in snake_case) and overridden by
 * command-line flags. Every field has the default a run gets when nothing is said;
 * docs/configuration.md lists them (DocsMatchCodeTest keeps the two in step). Mutable only while it
 * is being assembled; {@link RunPlan#of} checks it.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class SegflowConfig {
  public Input input = new Input();
  public Cleaning cleaning = new Cleaning();
  public Outliers outliers = new Outliers();
  public Features features = new Features();
  public Segmentation segmentation = new Segmentation();
  public Rfm rfm = new Rfm();
  public Clv clv = new Clv();
  public Output output = new Output();
  public Runner runner = new Runner();

  /** Quality gates a run must keep to be published: gate name (see QualityGates) → limit. */
  public Map<String, Double> checks = new LinkedHashMap<>();

  /** fail: a broken gate stops the run (exit 7, nothing published); warn: report and publish. */
  public String checksMode = "fail";

  /** OpenLineage run events; off unless a file or url is given. */
  public Lineage lineage = new Lineage();

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Lineage {
    /** A file the events are appended to, one JSON object per line. */
    public String file;

    /** An OpenLineage HTTP endpoint's base URL (e.g. Marquez's http://host:5000). */
    public String url;

    /** Path of the endpoint under url. */
    public String endpoint = "/api/v1/lineage";

    public int timeoutMillis = 5_000;

    /** The job's namespace. */
    public String namespace = "segflow";

    /** The job's name; null: "segflow:" and the output folder's absolute path. */
    public String jobName;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Input {
    /** Files or globs; .gz/.bz2/.zst/.zip/.deflate decompressed by extension. */
    public List<String> paths = new ArrayList<>();

    public String encoding = "UTF-8";

    /**
     * "auto" (by extension: .parquet and .avro files as such, anything else CSV), "csv", "parquet"
     * or "avro".
     */
    public String format = "auto";

    /**
     * "auto", a java.time pattern such as "d/M/yyyy H:mm" or "yyyyMMdd", "epoch_seconds" or
     * "epoch_millis".
     */
    public String dateFormat = "auto";

    /**
     * Zone whose calendar days dates with an offset or a Unix time fall on (recency counts them).
     */
    public String timezone = "UTC";

    /** Column key (invoice_no, customer_id, ...) to the header name used in the files. */
    public Map<String, String> columns = new LinkedHashMap<>();

    /** Records per block moved through the engine. */
    public int blockSize = 32_768;

    /** A database table or query to read instead of files; null: read input.paths. */
    public JdbcInputConfig jdbc;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Cleaning {
    public boolean cancellations = true;
    public boolean nonPositiveQuantity = true;
    public boolean nonPositivePrice = true;
    public boolean duplicates = true;

    /** "reject" (returns are rejected rows) or "net" (they reduce monetary and quantity). */
    public String returns = "reject";

    public NonProductCodes nonProductCodes = new NonProductCodes();
    public Window window = new Window();
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class NonProductCodes {
    public boolean enabled = false;
    public List<String> codes = new ArrayList<>(RowRules.DEFAULT_NON_PRODUCT_CODES);
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Window {
    /** Inclusive, yyyy-MM-dd or yyyy-MM-ddTHH:mm:ss; null: unbounded. */
    public String start;

    /** Exclusive; null: unbounded. */
    public String end;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Outliers {
    public OutlierConfig transaction = new OutlierConfig(List.of("quantity", "unit_price"));
    public OutlierConfig customer = new OutlierConfig(List.of("monetary", "frequency"));
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class OutlierConfig {
    /** none, iqr, zscore or percentile. */
    public String method = "none";

    /** The method's parameter; null: its default (iqr 1.5, zscore 3, percentile 1). */
    public Double param;

    public List<String> fields;

    public OutlierConfig() {
      this(List.of());
    }

    OutlierConfig(List<String> fields) {
      this.fields = new ArrayList<>(fields);
    }
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Features {
    /** yyyy-MM-dd; null: the day after the last invoice date. */
    public String asOf;

    /** Blocks the rows are grouped into by customer; 0: chosen from the input size. */
    public int customerShards = 0;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Segmentation {
    /** false: features only (no segments/, model.json). */
    public boolean enabled = true;

    /** kmeans, dbscan, or compare (k-means written, DBSCAN beside it in comparison.json). */
    public String algorithm = "kmeans";

    /** "auto" or a number >= 2. */
    public String k = "auto";

    public int kMin = 2;
    public int kMax = 10;
    public List<String> features = new ArrayList<>(SegmentationSettings.DEFAULT_FEATURES);

    /** log1p or none. */
    public String transform = "log1p";

    /** standard, minmax or robust. */
    public String scaler = "standard";

    public int seed = 42;

    /**
     * k-means restarts per k (k-means++ seeds seed, seed+1, ...); the lowest WCSS wins. 3 keeps the
     * full k-scan faster than scikit-learn's here; on the Online Retail customers it chose the same
     * k as 5 or 10 restarts, every WCSS within 0.07% of theirs.
     */
    public int restarts = 3;

    /** DBSCAN radius in the scaled space: "auto" (knee of the k-distance curve) or a number. */
    public String eps = "auto";

    /** DBSCAN density threshold (the point itself counted); 0 = number of features + 1. */
    public int minPoints = 0;

    /**
     * A saved model (model.avro or a run folder) to score with instead of training; null: train.
     */
    public String model;

    /** An earlier model whose segment ids and names a new training keeps where segments match. */
    public String previousModel;

    /** Largest centre distance (earlier model's scaled space) at which segments are matched. */
    public double matchMaxDistance = SegmentMatcher.DEFAULT_MAX_DISTANCE;

    /** Above this many customers the model is trained on a sample (see Sampling). */
    public long sampleThreshold = Sampling.DEFAULT_THRESHOLD;

    /** Customers in that sample. */
    public int sampleSize = Sampling.DEFAULT_SAMPLE_SIZE;

    /** Silhouettes over more customers than this are estimated on a seeded sample of this many. */
    public int silhouetteSample = Sampling.DEFAULT_SILHOUETTE_ROWS;

    /**
     * A k-scan over more customers than this chooses k on a seeded sample of this many, then fits
     * the chosen k on all of them.
     */
    public int scanSample = Sampling.DEFAULT_SCAN_ROWS;
  }

  /** Classic RFM scores and their named segments (checked by {@link RfmPlan}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Rfm {
    /** Scores per dimension, 2..10. */
    public int bins = 5;

    /** quantile, rfm_package (the R rfm package's breaks) or fixed (the cut points below). */
    public String method = "quantile";

    /**
     * Method fixed: bins − 1 strictly increasing cut points each; v gets bin i if c[i−1] ≤ v &lt;
     * c[i].
     */
    public List<Double> recencyCuts;

    public List<Double> frequencyCuts;
    public List<Double> monetaryCuts;

    /** Named segments, first match wins; null: the built-in table (five bins only). */
    public List<RfmRuleConfig> rules;

    /** Segment of the customers no rule matches. */
    public String fallback = RfmSegmentRules.DEFAULT_FALLBACK;

    /** With a saved model (--model): compute new cut points instead of the model's. */
    public boolean refit = false;
  }

  /** Predicted customer value (BG/NBD + Gamma-Gamma; checked by {@link ClvPlan}). */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Clv {
    public boolean enabled = true;

    /** day or week: the unit the models count time in. */
    public String timeUnit = "week";

    /** Days of future purchases that expected_purchases and clv cover. */
    public int horizonDays = 365;

    /** Monthly discount rate of clv. */
    public double discountRate = 0.01;

    /** Share of spend that is margin, (0, 1] usually. */
    public double margin = 1.0;

    /** Days before the as-of date held out to check the model on (null: no check). */
    public Integer holdoutDays;
  }

  /** One rule of rfm.rules: [lower, upper] per score, inclusive; a missing score matches any. */
  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class RfmRuleConfig {
    public String name;
    public String description = "";
    public String action = "";
    public List<Integer> recency;
    public List<Integer> frequency;
    public List<Integer> monetary;
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Output {
    public String path;

    /** Avro part files for customers/ and rejected/; 0 = from the input size. */
    public int shards = 0;

    /** Replace a non-empty folder that is not a previous Segflow output. */
    public boolean overwrite = false;

    /** Write report.html (a self-contained HTML report) next to the outputs. */
    public boolean report = true;

    /** Publish into path/as_of=yyyy-MM-dd/ so runs for different dates sit side by side. */
    public boolean partitionByAsOf = false;

    /**
     * A finished run whose customers give each customer's segment history; null: with
     * partition_by_as_of the latest earlier partition, else none.
     */
    public String previousRun;

    /** Write crm/customers.csv (one line per customer, spreadsheet-safe). */
    public boolean crmCsv = true;

    /** PostgreSQL tables the published customers and segments are loaded into; null: none. */
    public DatabaseOutputConfig database;

    /** Progress lines on stderr every few seconds while the pipeline runs. */
    public boolean progress = true;

    /** How long to wait for another run writing the same target (90s, 30m, 2h); 0: fail at once. */
    public String waitForLock = "0";
  }

  @JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
  public static final class Runner {
    /** DirectRunner (default) or FlinkRunner. */
    public String name = "DirectRunner";

    /** Beam pipeline options passed as --key=value (e.g. parallelism, flinkMaster). */
    @JsonProperty("options")
    public Map<String, String> options = new LinkedHashMap<>();
  }
}
