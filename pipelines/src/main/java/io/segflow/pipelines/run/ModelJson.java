// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.models.CurvePoint;
import io.segflow.models.DbscanReport;
import io.segflow.models.KMeansModel;
import io.segflow.models.KMeansReport;
import io.segflow.models.KScanRow;
import io.segflow.models.RfmRule;
import io.segflow.models.RfmSegmentRules;
import io.segflow.models.RfmThresholds;
import io.segflow.models.Segment;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatching;
import io.segflow.models.clv.ClvModel;
import io.segflow.pipelines.model.ModelArtifact;
import io.segflow.pipelines.output.ClvDescription;
import io.segflow.pipelines.output.Comparison;
import io.segflow.pipelines.output.ModelDescription;
import io.segflow.pipelines.output.OutputJson;
import io.segflow.pipelines.output.RunTimings;
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.segment.MethodComparison;
import io.segflow.transforms.segment.SegmentationQuality;
import io.segflow.transforms.segment.SegmentationSettings;
import io.segflow.transforms.segment.TrainedSegmentation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.ResourceId;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;

/**
 * model.json: everything needed to understand and recompute the segmentation: features, transform,
 * scaler parameters (scaled = (transform(x) − center) / scale), algorithm settings; for k-means the
 * k-scan with every metric, the chosen k and why, centroids in scaled and original units; for
 * DBSCAN eps and where it came from, the k-distance curve and its knee, noise and the metrics
 * without noise; and each segment's name, description and action.
 */
public final class ModelJson {
  static final ObjectMapper JSON = OutputJson.MAPPER;

  private ModelJson() {}

  /**
   * model.json of {@code trained}, saved as {@code artifact}; {@code quality} (the model measured
   * on every customer) is used for a model trained on a sample.
   */
  static ModelDescription of(
      TrainedSegmentation trained,
      SegflowModel artifact,
      SegmentationQuality quality,
      ModelDescription.Rfm rfm,
      ClvDescription clv) {
    SegmentationSettings s = trained.settings();
    SegmentAssigner model = trained.model();
    ModelDescription.Scaler scaler =
        new ModelDescription.Scaler(
            s.scaler().name().toLowerCase(Locale.ROOT).replace("_", ""),
            "scaled = (transform(x) - center) / scale",
            list(model.preprocessor().scaling().center()),
            list(model.preprocessor().scaling().scale()));
    List<ModelDescription.Segment> segments = new ArrayList<>();
    for (Segment seg : model.segments()) {
      List<Double> scaled = null;
      List<Double> original = null;
      if (model instanceof KMeansModel km) {
        int row = km.segments().indexOf(seg);
        scaled = list(km.centroidsScaled()[row]);
        original = list(km.centroidsOriginalUnits()[row]);
      }
      segments.add(
          new ModelDescription.Segment(
              seg.id(),
              seg.name(),
              seg.description(),
              seg.action(),
              seg.clusterLabel(),
              seg.valueScore(),
              seg.engagementScore(),
              scaled,
              original));
    }
    Algorithm a =
        trained.isLoaded()
            ? saved(trained.savedModel())
            : trained.kmeansReport() != null
                ? kmeans(s, trained.kmeansReport())
                : dbscan(trained.dbscanReport());
    boolean sampled = trained.sampled();
    return new ModelDescription(
        artifact.getModelId(),
        ModelArtifact.FILE,
        s.writtenAlgorithm(),
        List.copyOf(s.features()),
        s.transform().name().toLowerCase(Locale.ROOT),
        scaler,
        a.saved(),
        a.settings(),
        sampled ? Long.valueOf(quality.customers()) : a.customers(),
        a.chosenK(),
        a.kReason(),
        a.clusters(),
        a.corePoints(),
        a.noise(),
        a.noiseShare(),
        a.metrics(),
        a.silhouetteCustomers(),
        a.silhouetteNote(),
        a.kScan(),
        a.curve(),
        trained.matching() == null ? null : matching(trained.matching()),
        segments,
        sampled ? trained.sample().size() : null,
        sampled ? SampleJson.of(trained, quality) : null,
        rfm,
        clv);
  }

  /** The algorithm-dependent sections of model.json; null where the algorithm has none. */
  private record Algorithm(
      ModelDescription.SavedModel saved,
      Map<String, Object> settings,
      Long customers,
      Integer chosenK,
      String kReason,
      Integer clusters,
      Integer corePoints,
      Integer noise,
      Double noiseShare,
      ModelDescription.Metrics metrics,
      Integer silhouetteCustomers,
      String silhouetteNote,
      List<ModelDescription.KScanRow> kScan,
      ModelDescription.KDistanceCurve curve) {}

  private static Algorithm kmeans(SegmentationSettings s, KMeansReport report) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "implementation",
        "weka.clusterers.SimpleKMeans (k-means++ initialisation, "
            + "Weka's own normalisation off)");
    settings.put("seed", report.seed());
    settings.put("restarts", report.restarts());
    settings.put("max_iterations", report.maxIterations());
    settings.put("k", s.autoK() ? "auto" : String.valueOf(s.k()));
    settings.put("k_min", s.kMin());
    settings.put("k_max", s.kMax());
    List<ModelDescription.KScanRow> scan = new ArrayList<>();
    for (KScanRow r : report.kScan()) {
      scan.add(
          new ModelDescription.KScanRow(
              r.k(),
              r.requestedK(),
              r.wcss(),
              r.silhouette(),
              r.calinskiHarabasz(),
              r.daviesBouldin()));
    }
    settings.put("scan_sample", s.sampling().scanRows());
    boolean sampledScan = report.scannedRows() < report.customers();
    boolean estimated = report.silhouetteRows() < report.customers();
    String note =
        sampledScan
            ? SampleJson.scanNote(report.scannedRows(), report.silhouetteRows(), report.customers())
            : estimated
                ? SampleJson.silhouetteNote(report.silhouetteRows(), report.customers())
                : null;
    return new Algorithm(
        null,
        settings,
        (long) report.customers(),
        report.chosenK(),
        report.reason(),
        null,
        null,
        null,
        null,
        null,
        estimated ? report.silhouetteRows() : null,
        note,
        scan,
        null);
  }

  /** A run that scored with a saved model: which one, and what it was trained on. */
  private static Algorithm saved(SegflowModel artifact) {
    ModelDescription.SavedModel saved =
        new ModelDescription.SavedModel(
            artifact.getModelId(),
            "customers were assigned to the saved model's segments; nothing was trained "
                + "in this run",
            artifact.getTraining().getAsOfDate(),
            artifact.getTraining().getCustomers(),
            artifact.getTraining().getDataFingerprint(),
            "segflow " + artifact.getSegflowVersion());
    Map<String, Object> settings = new LinkedHashMap<>(artifact.getTraining().getSettings());
    if (artifact.getEps() != null) {
      settings.put("eps", artifact.getEps());
    }
    return new Algorithm(
        saved, settings, null, null, null, null, null, null, null, null, null, null, null, null);
  }

  /** How the retrained segments took the earlier model's ids and names. */
  private static ModelDescription.Matching matching(SegmentMatching matching) {
    List<ModelDescription.Match> matches = new ArrayList<>();
    for (SegmentMatching.Match x : matching.matches()) {
      matches.add(
          new ModelDescription.Match(
              x.trainedId(),
              x.trainedName(),
              x.segmentId(),
              x.name(),
              x.previousId(),
              x.distance(),
              x.isNew() ? "new" : "matched"));
    }
    List<ModelDescription.Retired> retired = new ArrayList<>();
    for (SegmentMatching.Retired r : matching.retired()) {
      retired.add(new ModelDescription.Retired(r.segmentId(), r.name()));
    }
    return new ModelDescription.Matching(
        matching.previousModelId(),
        "optimal one-to-one assignment (Hungarian algorithm) of segment centres, "
            + "distance measured in the previous model's scaled space; pairs farther apart than "
            + "max_distance are not matched",
        matching.maxDistance(),
        matches,
        retired);
  }

  private static Algorithm dbscan(DbscanReport r) {
    Map<String, Object> settings = new LinkedHashMap<>();
    settings.put(
        "implementation",
        "weka.clusterers.DBSCAN (optics_dbScan; Weka's own "
            + "normalisation off); customers are scored by the nearest core point within eps");
    settings.put("eps", r.eps());
    settings.put("eps_source", r.epsSource().name().toLowerCase(Locale.ROOT));
    settings.put("min_points", r.minPoints());
    int clustered = r.customers() - r.noise();
    boolean estimated = r.silhouetteRows() < clustered;
    ModelDescription.Metrics metrics =
        new ModelDescription.Metrics(
            r.silhouetteExcludingNoise(),
            r.calinskiHarabaszExcludingNoise(),
            r.daviesBouldinExcludingNoise(),
            estimated ? r.silhouetteRows() : null,
            estimated ? SampleJson.silhouetteNote(r.silhouetteRows(), clustered) : null);
    List<ModelDescription.CurvePoint> points = new ArrayList<>();
    for (CurvePoint p : r.kDistanceCurve().points()) {
      points.add(new ModelDescription.CurvePoint(p.rank(), p.distance()));
    }
    ModelDescription.KDistanceCurve curve =
        new ModelDescription.KDistanceCurve(
            r.kDistanceCurve().minPoints(),
            r.kDistanceCurve().size(),
            r.kDistanceCurve().kneeRank(),
            r.kDistanceCurve().kneeDistance(),
            points);
    return new Algorithm(
        null,
        settings,
        (long) r.customers(),
        null,
        null,
        r.clusters(),
        r.corePoints(),
        r.noise(),
        r.noiseShare(),
        metrics,
        null,
        null,
        null,
        curve);
  }

  /** Leaves the training times of {@code t} in {@code workDirectory} for the run to collect. */
  private static void writeTrainingTimes(String workDirectory, TrainedSegmentation t)
      throws IOException {
    Map<String, Long> model =
        t.isLoaded()
            ? null
            : t.kmeansReport() != null
                ? t.kmeansReport().timingsMs()
                : t.dbscanReport().timingsMs();
    Map<String, Long> comparison = null;
    if (t.comparison() != null) {
      comparison = new LinkedHashMap<>();
      for (MethodComparison.Method m : t.comparison().methods()) {
        comparison.put(m.algorithm(), m.millis());
      }
    }
    ResourceId file =
        FileSystems.matchNewResource(workDirectory + "/" + RunTimings.Training.FILE_NAME, false);
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      os.write(OutputJson.bytes(new RunTimings.Training(model, comparison)));
    }
  }

  /** Writes {@code json} (indented, with a final line feed) to {@code path}; returns its name. */
  static String writeJson(String path, Object json) throws IOException {
    ResourceId file = FileSystems.matchNewResource(path, false);
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      os.write(OutputJson.bytes(json));
    }
    return file.toString();
  }

  /** comparison.json: k-means and DBSCAN side by side, and their agreement. */
  static Comparison comparison(MethodComparison c) {
    List<Comparison.Method> methods = new ArrayList<>();
    for (MethodComparison.Method m : c.methods()) {
      methods.add(
          new Comparison.Method(
              m.algorithm(),
              m.segments(),
              m.sizes(),
              m.noiseShare(),
              m.silhouette(),
              m.calinskiHarabasz(),
              m.daviesBouldin(),
              m.metricsExcludeNoise()));
    }
    return new Comparison(
        c.adjustedRandIndex(),
        "DBSCAN's silhouette, Calinski-Harabasz and Davies-Bouldin exclude its noise "
            + "customers; the adjusted Rand index compares both partitions over all customers, noise "
            + "counted as one group",
        methods);
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  /** The RFM cut points and the rule table. */
  static ModelDescription.Rfm rfm(RfmThresholds t, RfmSegmentRules rules, boolean reused) {
    List<String> order = new ArrayList<>();
    for (RfmRule r : rules.rules()) {
      order.add(r.name());
    }
    return new ModelDescription.Rfm(
        t.method().key(),
        t.bins(),
        (switch (t.method()) {
              case QUANTILE ->
                  "quantile cut points: exact order statistics at 1/bins, 2/bins, ... (the ranks "
                      + "Beam's ApproximateQuantiles returns when exact); "
                      + "a value equal to a cut point gets the lower score";
              case RFM_PACKAGE ->
                  "the R rfm package's breaks: type-7 quantiles at 1/bins, 2/bins, ... plus "
                      + "one; a value v gets bin i when cut[i-1] <= v < cut[i]";
              case FIXED ->
                  "configured cut points; a value v gets bin i when cut[i-1] <= v < cut[i]";
            })
            + "; recency scores are reversed (most recent = bins)",
        reused ? "the saved model (segflow score --model); --refit-rfm recomputes them" : null,
        list(t.recency().cuts()),
        list(t.frequency().cuts()),
        list(t.monetary().cuts()),
        order,
        rules.fallback() == null ? null : rules.fallback().name());
  }

  /**
   * Writes model.json into {@code directory} from the trained model element; a model trained on a
   * sample also gets its measurement on every customer ({@link SampleJson}). The training times go
   * to {@code workDirectory}, from where the run writes them into {@link RunTimings#FILE}.
   */
  public static PTransform<PCollection<TrainedSegmentation>, PCollection<String>> write(
      String directory,
      String workDirectory,
      PCollectionView<RfmThresholds> rfmThresholds,
      RfmSegmentRules rfmRules,
      boolean rfmReused,
      PCollectionView<Long> asOfEpochDay,
      PCollectionView<SegmentationQuality> quality,
      ClvOutput clv) {
    List<PCollectionView<?>> views = new ArrayList<>();
    views.add(rfmThresholds);
    views.add(asOfEpochDay);
    views.add(quality);
    if (clv != null) {
      views.addAll(clv.views());
    }
    return new PTransform<PCollection<TrainedSegmentation>, PCollection<String>>() {
      @Override
      public PCollection<String> expand(PCollection<TrainedSegmentation> trained) {
        return trained.apply(
            "WriteModelJson",
            ParDo.of(
                    new DoFn<TrainedSegmentation, String>() {
                      @ProcessElement
                      public void process(@Element TrainedSegmentation t, ProcessContext c)
                          throws IOException {
                        RfmThresholds cuts = c.sideInput(rfmThresholds);
                        LocalDate asOfDate = LocalDate.ofEpochDay(c.sideInput(asOfEpochDay));
                        String asOf = asOfDate.toString();
                        ClvModel clvModel = clv == null ? null : c.sideInput(clv.model());
                        ModelDescription json =
                            of(
                                t,
                                ModelArtifact.withClv(
                                    ModelArtifact.withRfm(ModelArtifact.toRecord(t, asOf), cuts),
                                    clvModel),
                                t.sampled() ? c.sideInput(quality) : null,
                                rfm(cuts, rfmRules, rfmReused),
                                clvModel == null ? null : clv.json(c, asOfDate));
                        c.output(writeJson(directory + "/" + ModelDescription.FILE, json));
                        if (t.comparison() != null) {
                          c.output(
                              writeJson(
                                  directory + "/" + Comparison.FILE, comparison(t.comparison())));
                        }
                        writeTrainingTimes(workDirectory, t);
                      }
                    })
                .withSideInputs(views));
      }
    };
  }
}
