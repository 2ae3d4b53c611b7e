// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
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
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.segment.MethodComparison;
import io.segflow.transforms.segment.SegmentationQuality;
import io.segflow.transforms.segment.SegmentationSettings;
import io.segflow.transforms.segment.TrainedSegmentation;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.Channels;
import java.time.LocalDate;
import java.util.Locale;
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
  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private ModelJson() {}

  public static ObjectNode of(TrainedSegmentation trained, String asOfDate) {
    return of(trained, ModelArtifact.toRecord(trained, asOfDate));
  }

  /** model.json of {@code trained}, saved as {@code artifact}. */
  static ObjectNode of(TrainedSegmentation trained, SegflowModel artifact) {
    SegmentationSettings s = trained.settings();
    SegmentAssigner model = trained.model();
    ObjectNode m = JSON.createObjectNode();
    m.put("model_id", artifact.getModelId());
    m.put("model_file", ModelArtifact.FILE);
    m.put("algorithm", s.writtenAlgorithm());
    ArrayNode features = m.putArray("features");
    s.features().forEach(features::add);
    m.put("transform", s.transform().name().toLowerCase(Locale.ROOT));
    ObjectNode scaler = m.putObject("scaler");
    scaler.put("type", s.scaler().name().toLowerCase(Locale.ROOT).replace("_", ""));
    scaler.put("formula", "scaled = (transform(x) - center) / scale");
    array(scaler.putArray("center"), model.preprocessor().scaling().center());
    array(scaler.putArray("scale"), model.preprocessor().scaling().scale());
    if (trained.isLoaded()) {
      saved(m, trained.savedModel());
    } else if (trained.kmeansReport() != null) {
      kmeans(m, s, trained.kmeansReport());
    } else {
      dbscan(m, trained.dbscanReport());
    }
    if (trained.matching() != null) {
      matching(m, trained.matching());
    }
    ArrayNode segments = m.putArray("segments");
    for (Segment seg : model.segments()) {
      ObjectNode n = segments.addObject();
      n.put("segment_id", seg.id());
      n.put("name", seg.name());
      n.put("description", seg.description());
      n.put("recommended_action", seg.action());
      n.put("cluster_label", seg.clusterLabel());
      n.put("value_score", seg.valueScore());
      n.put("engagement_score", seg.engagementScore());
      if (model instanceof KMeansModel km) {
        int row = km.segments().indexOf(seg);
        array(n.putArray("centroid_scaled"), km.centroidsScaled()[row]);
        array(n.putArray("centroid_original_units"), km.centroidsOriginalUnits()[row]);
      }
    }
    return m;
  }

  private static void kmeans(ObjectNode m, SegmentationSettings s, KMeansReport report) {
    ObjectNode settings = m.putObject("settings");
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
    m.put("customers", report.customers());
    m.put("chosen_k", report.chosenK());
    m.put("k_reason", report.reason());
    SampleJson.silhouetteRows(m, report.silhouetteRows(), report.customers());
    ArrayNode scan = m.putArray("k_scan");
    for (KScanRow r : report.kScan()) {
      ObjectNode row = scan.addObject();
      row.put("k", r.k());
      row.put("requested_k", r.requestedK());
      row.put("wcss", r.wcss());
      row.put("silhouette", r.silhouette());
      row.put("calinski_harabasz", r.calinskiHarabasz());
      row.put("davies_bouldin", r.daviesBouldin());
    }
    ObjectNode timings = m.putObject("training_timings_ms");
    report.timingsMs().forEach(timings::put);
  }

  /** A run that scored with a saved model: which one, and what it was trained on. */
  private static void saved(ObjectNode m, SegflowModel artifact) {
    ObjectNode saved = m.putObject("scored_with_saved_model");
    saved.put("model_id", artifact.getModelId());
    saved.put(
        "note",
        "customers were assigned to the saved model's segments; nothing was trained "
            + "in this run");
    saved.put("trained_as_of", artifact.getTraining().getAsOfDate());
    saved.put("training_customers", artifact.getTraining().getCustomers());
    saved.put("training_data_fingerprint", artifact.getTraining().getDataFingerprint());
    saved.put("trained_by", "segflow " + artifact.getSegflowVersion());
    ObjectNode settings = m.putObject("settings");
    artifact.getTraining().getSettings().forEach(settings::put);
    if (artifact.getEps() != null) {
      settings.put("eps", artifact.getEps());
    }
  }

  /** How the retrained segments took the earlier model's ids and names. */
  private static void matching(ObjectNode m, SegmentMatching matching) {
    ObjectNode node = m.putObject("segment_matching");
    node.put("previous_model_id", matching.previousModelId());
    node.put(
        "method",
        "optimal one-to-one assignment (Hungarian algorithm) of segment centres, "
            + "distance measured in the previous model's scaled space; pairs farther apart than "
            + "max_distance are not matched");
    node.put("max_distance", matching.maxDistance());
    ArrayNode matches = node.putArray("matches");
    for (SegmentMatching.Match x : matching.matches()) {
      ObjectNode n = matches.addObject();
      n.put("trained_id", x.trainedId());
      n.put("trained_name", x.trainedName());
      n.put("segment_id", x.segmentId());
      n.put("name", x.name());
      if (x.previousId() == null) {
        n.putNull("previous_segment_id");
      } else {
        n.put("previous_segment_id", x.previousId());
      }
      n.put("distance", x.distance());
      n.put("status", x.isNew() ? "new" : "matched");
    }
    ArrayNode retired = node.putArray("retired");
    for (SegmentMatching.Retired r : matching.retired()) {
      retired.addObject().put("segment_id", r.segmentId()).put("name", r.name());
    }
  }

  private static void dbscan(ObjectNode m, DbscanReport r) {
    ObjectNode settings = m.putObject("settings");
    settings.put(
        "implementation",
        "weka.clusterers.DBSCAN (optics_dbScan; Weka's own "
            + "normalisation off); customers are scored by the nearest core point within eps");
    settings.put("eps", r.eps());
    settings.put("eps_source", r.epsSource().name().toLowerCase(Locale.ROOT));
    settings.put("min_points", r.minPoints());
    m.put("customers", r.customers());
    m.put("clusters", r.clusters());
    m.put("core_points", r.corePoints());
    m.put("noise", r.noise());
    m.put("noise_share", r.noiseShare());
    ObjectNode metrics = m.putObject("metrics_excluding_noise");
    metrics.put("silhouette", r.silhouetteExcludingNoise());
    metrics.put("calinski_harabasz", r.calinskiHarabaszExcludingNoise());
    metrics.put("davies_bouldin", r.daviesBouldinExcludingNoise());
    SampleJson.silhouetteRows(metrics, r.silhouetteRows(), r.customers() - r.noise());
    ObjectNode curve = m.putObject("k_distance_curve");
    curve.put("k", r.kDistanceCurve().minPoints());
    curve.put("customers", r.kDistanceCurve().size());
    curve.put("knee_rank", r.kDistanceCurve().kneeRank());
    curve.put("knee_distance", r.kDistanceCurve().kneeDistance());
    ArrayNode points = curve.putArray("points");
    for (CurvePoint p : r.kDistanceCurve().points()) {
      points.addArray().add(p.rank()).add(p.distance());
    }
    ObjectNode timings = m.putObject("training_timings_ms");
    r.timingsMs().forEach(timings::put);
  }

  /** Writes {@code json} (indented, with a final line feed) to {@code path}; returns its name. */
  static String writeJson(String path, ObjectNode json) throws IOException {
    ResourceId file = FileSystems.matchNewResource(path, false);
    try (OutputStream os = Channels.newOutputStream(FileSystems.create(file, "application/json"))) {
      os.write(JSON.writeValueAsBytes(json));
      os.write('\n');
    }
    return file.toString();
  }

  /** comparison.json: k-means and DBSCAN side by side, and their agreement. */
  static ObjectNode comparison(MethodComparison c) {
    ObjectNode out = JSON.createObjectNode();
    out.put("adjusted_rand_index", c.adjustedRandIndex());
    out.put(
        "note",
        "DBSCAN's silhouette, Calinski-Harabasz and Davies-Bouldin exclude its noise "
            + "customers; the adjusted Rand index compares both partitions over all customers, noise "
            + "counted as one group");
    ArrayNode methods = out.putArray("methods");
    for (MethodComparison.Method m : c.methods()) {
      ObjectNode n = methods.addObject();
      n.put("algorithm", m.algorithm());
      n.put("segments", m.segments());
      ObjectNode sizes = n.putObject("sizes");
      m.sizes().forEach(sizes::put);
      n.put("noise_share", m.noiseShare());
      n.put("silhouette", m.silhouette());
      n.put("calinski_harabasz", m.calinskiHarabasz());
      n.put("davies_bouldin", m.daviesBouldin());
      n.put("metrics_exclude_noise", m.metricsExcludeNoise());
      n.put("training_millis", m.millis());
    }
    return out;
  }

  private static void array(ArrayNode node, double[] values) {
    for (double v : values) {
      node.add(v);
    }
  }

  /** The RFM cut points and the rule table. */
  static void rfm(ObjectNode m, RfmThresholds t, RfmSegmentRules rules, boolean reused) {
    ObjectNode rfm = m.putObject("rfm");
    rfm.put("method", t.method().key());
    rfm.put("bins", t.bins());
    rfm.put(
        "rule",
        (switch (t.method()) {
              case QUANTILE ->
                  "quantile cut points from Beam ApproximateQuantiles (1/bins, 2/bins, ...); "
                      + "a value equal to a cut point gets the lower score";
              case RFM_PACKAGE ->
                  "the R rfm package's breaks: type-7 quantiles at 1/bins, 2/bins, ... plus "
                      + "one; a value v gets bin i when cut[i-1] <= v < cut[i]";
              case FIXED ->
                  "configured cut points; a value v gets bin i when cut[i-1] <= v < cut[i]";
            })
            + "; recency scores are reversed (most recent = bins)");
    if (reused) {
      rfm.put("cuts_from", "the saved model (segflow score --model); --refit-rfm recomputes them");
    }
    array(rfm.putArray("recency_cuts"), t.recency().cuts());
    array(rfm.putArray("frequency_cuts"), t.frequency().cuts());
    array(rfm.putArray("monetary_cuts"), t.monetary().cuts());
    ArrayNode segments = rfm.putArray("segments_in_rule_order");
    for (RfmRule r : rules.rules()) {
      segments.add(r.name());
    }
    if (rules.fallback() != null) {
      rfm.put("fallback_segment", rules.fallback().name());
    }
  }

  /**
   * Writes model.json into {@code directory} from the trained model element; a model trained on a
   * sample also gets its measurement on every customer ({@link SampleJson}).
   */
  public static PTransform<PCollection<TrainedSegmentation>, PCollection<String>> write(
      String directory,
      PCollectionView<RfmThresholds> rfmThresholds,
      RfmSegmentRules rfmRules,
      boolean rfmReused,
      PCollectionView<Long> asOfEpochDay,
      PCollectionView<SegmentationQuality> quality,
      ClvOutput clv) {
    java.util.List<PCollectionView<?>> views = new java.util.ArrayList<>();
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
                        ObjectNode json =
                            of(
                                t,
                                ModelArtifact.withClv(
                                    ModelArtifact.withRfm(ModelArtifact.toRecord(t, asOf), cuts),
                                    clvModel));
                        if (t.sampled()) {
                          SampleJson.add(json, t, c.sideInput(quality));
                        }
                        rfm(json, cuts, rfmRules, rfmReused);
                        if (clvModel != null) {
                          json.set("clv", clv.json(c, asOfDate));
                        }
                        c.output(writeJson(directory + "/model.json", json));
                        if (t.comparison() != null) {
                          c.output(
                              writeJson(
                                  directory + "/comparison.json", comparison(t.comparison())));
                        }
                      }
                    })
                .withSideInputs(views));
      }
    };
  }
}
