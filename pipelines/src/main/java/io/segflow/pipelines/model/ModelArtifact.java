// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.model;

import io.segflow.models.DbscanModel;
import io.segflow.models.FeatureTransform;
import io.segflow.models.KMeansModel;
import io.segflow.models.Preprocessor;
import io.segflow.models.RfmMethod;
import io.segflow.models.RfmThresholds;
import io.segflow.models.ScalerType;
import io.segflow.models.Scaling;
import io.segflow.models.Segment;
import io.segflow.models.SegmentAssigner;
import io.segflow.models.SegmentMatching;
import io.segflow.models.SegmentProfile;
import io.segflow.models.clv.ClvModel;
import io.segflow.pipelines.common.Versions;
import io.segflow.schemas.ModelClv;
import io.segflow.schemas.ModelLineage;
import io.segflow.schemas.ModelMatch;
import io.segflow.schemas.ModelPoint;
import io.segflow.schemas.ModelRetired;
import io.segflow.schemas.ModelRfm;
import io.segflow.schemas.ModelScaler;
import io.segflow.schemas.ModelSegment;
import io.segflow.schemas.ModelTraining;
import io.segflow.schemas.SegflowModel;
import io.segflow.transforms.segment.SegmentationSettings;
import io.segflow.transforms.segment.TrainedSegmentation;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;
import org.apache.avro.specific.SpecificDatumWriter;

/**
 * The saved form of a trained segmentation (schemas/model.avsc, written as {@value #FILE}): what a
 * later run needs to score customers exactly as this run did, without training, and to keep this
 * model's segment ids when it retrains. Converts between {@link TrainedSegmentation} and the {@link
 * SegflowModel} record; reading and checking files is {@link SavedModels}' job.
 */
public final class ModelArtifact {
  public static final String FILE = "model.avro";
  public static final int FORMAT_VERSION = 1;

  private ModelArtifact() {}

  /**
   * The record of {@code trained}: the loaded record itself when the run scored with a saved model.
   */
  public static SegflowModel toRecord(TrainedSegmentation trained, String asOfDate) {
    if (trained.isLoaded()) {
      return trained.savedModel();
    }
    SegmentationSettings s = trained.settings();
    SegmentAssigner model = trained.model();
    Preprocessor pre = model.preprocessor();
    List<ModelSegment> segments = new ArrayList<>();
    for (Segment seg : model.segments()) {
      segments.add(segment(seg));
    }
    List<ModelPoint> centroids = new ArrayList<>();
    List<ModelPoint> cores = new ArrayList<>();
    Double eps = null;
    if (model instanceof KMeansModel km) {
      double[][] rows = km.centroidsScaled();
      for (int i = 0; i < rows.length; i++) {
        centroids.add(point(km.segments().get(i).id(), rows[i]));
      }
    } else if (model instanceof DbscanModel db) {
      double[][] rows = db.coresScaled();
      int[] ids = db.coreSegmentIds();
      for (int i = 0; i < rows.length; i++) {
        cores.add(point(ids[i], rows[i]));
      }
      eps = db.eps();
    } else {
      throw new IllegalArgumentException("cannot save a " + model.getClass().getSimpleName());
    }
    long customers =
        trained.kmeansReport() != null
            ? trained.kmeansReport().customers()
            : trained.dbscanReport().customers();
    SegflowModel record =
        SegflowModel.newBuilder()
            .setFormatVersion(FORMAT_VERSION)
            .setModelId("")
            .setSegflowVersion(Versions.segflow())
            .setAlgorithm(
                model instanceof KMeansModel
                    ? SegmentationSettings.KMEANS
                    : SegmentationSettings.DBSCAN)
            .setFeatures(new ArrayList<>(s.features()))
            .setTransform(s.transform().name().toLowerCase(Locale.ROOT))
            .setScaler(
                ModelScaler.newBuilder()
                    .setType(scalerName(s.scaler()))
                    .setCenter(list(pre.scaling().center()))
                    .setScale(list(pre.scaling().scale()))
                    .build())
            .setEps(eps)
            .setSegments(segments)
            .setCentroids(centroids)
            .setCorePoints(cores)
            .setTraining(
                ModelTraining.newBuilder()
                    .setAsOfDate(asOfDate)
                    .setCustomers(customers)
                    .setDataFingerprint(
                        trained.dataFingerprint() == null ? "" : trained.dataFingerprint())
                    .setSettings(settingsOf(s))
                    .build())
            .setLineage(lineage(trained.matching()))
            .build();
    record.setModelId(idOf(record));
    return record;
  }

  /** The segmentation a saved model scores with: no training, the saved segment ids and names. */
  public static TrainedSegmentation fromRecord(SegflowModel m) {
    List<String> features = List.copyOf(m.getFeatures());
    FeatureTransform transform =
        FeatureTransform.valueOf(m.getTransform().toUpperCase(Locale.ROOT));
    ScalerType scaler = scalerType(m.getScaler().getType());
    Preprocessor pre =
        new Preprocessor(
            features,
            transform,
            new Scaling(doubles(m.getScaler().getCenter()), doubles(m.getScaler().getScale())));
    List<Segment> segments = new ArrayList<>();
    for (ModelSegment seg : m.getSegments()) {
      segments.add(segment(seg, features));
    }
    Map<String, String> settings = m.getTraining().getSettings();
    SegmentationSettings base =
        new SegmentationSettings(
            features,
            transform,
            scaler,
            m.getAlgorithm().equals(SegmentationSettings.KMEANS) ? segments.size() : 0,
            intSetting(settings, "k_min", 2),
            intSetting(settings, "k_max", 10),
            intSetting(settings, "seed", 42),
            intSetting(settings, "restarts", 1));
    SegmentAssigner model;
    SegmentationSettings used;
    if (m.getAlgorithm().equals(SegmentationSettings.KMEANS)) {
      double[][] centroids = new double[m.getCentroids().size()][];
      for (int i = 0; i < centroids.length; i++) {
        ModelPoint p = m.getCentroids().get(i);
        if (p.getSegmentId() != segments.get(i).id()) {
          throw new IllegalArgumentException(
              "centroid "
                  + i
                  + " is for segment "
                  + p.getSegmentId()
                  + " but segment "
                  + i
                  + " has id "
                  + segments.get(i).id());
        }
        centroids[i] = doubles(p.getScaled());
      }
      model = KMeansModel.restore(pre, centroids, segments);
      used = base;
    } else if (m.getAlgorithm().equals(SegmentationSettings.DBSCAN)) {
      double[][] cores = new double[m.getCorePoints().size()][];
      int[] ids = new int[cores.length];
      for (int i = 0; i < cores.length; i++) {
        cores[i] = doubles(m.getCorePoints().get(i).getScaled());
        ids[i] = m.getCorePoints().get(i).getSegmentId();
      }
      if (m.getEps() == null) {
        throw new IllegalArgumentException("a DBSCAN model needs eps");
      }
      model = DbscanModel.of(pre, cores, ids, m.getEps(), segments);
      used = base.withDbscan(m.getEps(), intSetting(settings, "min_points", features.size() + 1));
    } else {
      throw new IllegalArgumentException("unknown algorithm '" + m.getAlgorithm() + "'");
    }
    return TrainedSegmentation.loaded(used, model, m);
  }

  /**
   * {@code record} with the RFM cut points {@code t} (a new record, and so a new model id, if they
   * differ from the ones it holds).
   */
  public static SegflowModel withRfm(SegflowModel record, RfmThresholds t) {
    ModelRfm rfm =
        ModelRfm.newBuilder()
            .setMethod(t.method().key())
            .setBins(t.bins())
            .setRecencyCuts(list(t.recency().cuts()))
            .setFrequencyCuts(list(t.frequency().cuts()))
            .setMonetaryCuts(list(t.monetary().cuts()))
            .build();
    if (rfm.equals(record.getRfm())) {
      return record;
    }
    SegflowModel copy = SegflowModel.newBuilder(record).setRfm(rfm).build();
    copy.setModelId(idOf(copy));
    return copy;
  }

  /**
   * {@code record} with the fitted CLV models {@code clv} (a new record, and so a new model id, if
   * they differ from the ones it holds); null leaves it without.
   */
  public static SegflowModel withClv(SegflowModel record, ClvModel clv) {
    ModelClv saved = clv == null ? null : ClvArtifact.toRecord(clv);
    if (java.util.Objects.equals(saved, record.getClv())) {
      return record;
    }
    SegflowModel copy = SegflowModel.newBuilder(record).setClv(saved).build();
    copy.setModelId(idOf(copy));
    return copy;
  }

  /** The CLV models saved in {@code record}, or null if it has none. */
  public static ClvModel clvOf(SegflowModel record) {
    return ClvArtifact.fromRecord(record.getClv());
  }

  /** The RFM cut points saved in {@code record}, or null if it has none. */
  public static RfmThresholds rfmOf(SegflowModel record) {
    ModelRfm rfm = record.getRfm();
    if (rfm == null) {
      return null;
    }
    RfmThresholds t =
        RfmThresholds.of(
            RfmMethod.of(rfm.getMethod()),
            doubles(rfm.getRecencyCuts()),
            doubles(rfm.getFrequencyCuts()),
            doubles(rfm.getMonetaryCuts()));
    if (t.bins() != rfm.getBins()) {
      throw new IllegalArgumentException(
          "the model's RFM cut points are for " + t.bins() + " bins, not " + rfm.getBins());
    }
    return t;
  }

  /**
   * SHA-256 of the record's Avro encoding with an empty id, 16 hex digits. The trailing optional
   * fields a record leaves empty (CLV models, then RFM cut points) are hashed without their null
   * branches (one zero byte each), so models saved before those fields existed keep their ids.
   */
  static String idOf(SegflowModel record) {
    SegflowModel copy = canonical(record);
    copy.setModelId("");
    byte[] bytes = encode(copy);
    if (copy.getClv() == null) {
      bytes = Arrays.copyOf(bytes, bytes.length - 1);
      if (copy.getRfm() == null) {
        bytes = Arrays.copyOf(bytes, bytes.length - 1);
      }
    }
    try {
      MessageDigest sha = MessageDigest.getInstance("SHA-256");
      return HexFormat.of().formatHex(sha.digest(bytes)).substring(0, 16);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /**
   * Writes {@code record} as an Avro data file whose sync marker derives from the model id, so the
   * same model gives the same bytes.
   */
  public static void write(SegflowModel record, OutputStream out) throws IOException {
    byte[] sync =
        Arrays.copyOf(record.getModelId().getBytes(java.nio.charset.StandardCharsets.US_ASCII), 16);
    try (DataFileWriter<SegflowModel> writer =
        new DataFileWriter<>(new SpecificDatumWriter<>(SegflowModel.class))) {
      writer.create(SegflowModel.getClassSchema(), out, sync);
      writer.append(canonical(record));
    }
  }

  /**
   * A copy whose map entries are in key order: Avro writes maps in iteration order, and a map read
   * back from a file is a hash map, so without this one model could have two encodings.
   */
  static SegflowModel canonical(SegflowModel record) {
    SegflowModel copy = SegflowModel.newBuilder(record).build();
    copy.getTraining().setSettings(new TreeMap<>(record.getTraining().getSettings()));
    return copy;
  }

  private static byte[] encode(SegflowModel record) {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(bytes, null);
    try {
      new SpecificDatumWriter<>(SegflowModel.class).write(record, encoder);
      encoder.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return bytes.toByteArray();
  }

  private static ModelLineage lineage(SegmentMatching matching) {
    if (matching == null) {
      return null;
    }
    List<ModelMatch> matches = new ArrayList<>();
    for (SegmentMatching.Match m : matching.matches()) {
      matches.add(
          ModelMatch.newBuilder()
              .setTrainedId(m.trainedId())
              .setTrainedName(m.trainedName())
              .setSegmentId(m.segmentId())
              .setName(m.name())
              .setPreviousSegmentId(m.previousId())
              .setDistance(Double.isNaN(m.distance()) ? null : m.distance())
              .build());
    }
    List<ModelRetired> retired = new ArrayList<>();
    for (SegmentMatching.Retired r : matching.retired()) {
      retired.add(new ModelRetired(r.segmentId(), r.name()));
    }
    return new ModelLineage(matching.previousModelId(), matching.maxDistance(), matches, retired);
  }

  private static ModelSegment segment(Segment s) {
    SegmentProfile p = s.profile();
    return ModelSegment.newBuilder()
        .setSegmentId(s.id())
        .setName(s.name())
        .setDescription(s.description())
        .setRecommendedAction(s.action())
        .setClusterLabel(s.clusterLabel())
        .setValueScore(s.valueScore())
        .setEngagementScore(s.engagementScore())
        .setTrainingSize(p.size())
        .setTrainingShare(p.customerShare())
        .setMeans(list(p.means()))
        .setMedians(list(p.medians()))
        .setMeanPercentiles(list(p.meanPercentiles()))
        .setRevenue(p.revenue())
        .setRevenueShare(p.revenueShare())
        .build();
  }

  private static Segment segment(ModelSegment s, List<String> features) {
    SegmentProfile profile =
        new SegmentProfile(
            s.getClusterLabel(),
            Math.toIntExact(s.getTrainingSize()),
            s.getTrainingShare(),
            features,
            doubles(s.getMeans()),
            doubles(s.getMedians()),
            doubles(s.getMeanPercentiles()),
            s.getRevenue(),
            s.getRevenueShare());
    return new Segment(
        s.getSegmentId(),
        s.getClusterLabel(),
        s.getName(),
        s.getDescription(),
        s.getRecommendedAction(),
        s.getValueScore(),
        s.getEngagementScore(),
        profile);
  }

  private static Map<String, String> settingsOf(SegmentationSettings s) {
    Map<String, String> out = new TreeMap<>();
    out.put("algorithm", s.algorithm());
    out.put("k", String.valueOf(s.k()));
    out.put("k_min", String.valueOf(s.kMin()));
    out.put("k_max", String.valueOf(s.kMax()));
    out.put("seed", String.valueOf(s.seed()));
    out.put("restarts", String.valueOf(s.restarts()));
    if (!Double.isNaN(s.eps())) {
      out.put("eps", String.valueOf(s.eps()));
    }
    out.put("min_points", String.valueOf(s.minPoints()));
    return out;
  }

  private static int intSetting(Map<String, String> settings, String key, int fallback) {
    String v = settings.get(key);
    return v == null ? fallback : Integer.parseInt(v);
  }

  private static String scalerName(ScalerType t) {
    return t.name().toLowerCase(Locale.ROOT).replace("_", "");
  }

  private static ScalerType scalerType(String name) {
    for (ScalerType t : ScalerType.values()) {
      if (scalerName(t).equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("unknown scaler '" + name + "'");
  }

  private static ModelPoint point(int id, double[] scaled) {
    return new ModelPoint(id, list(scaled));
  }

  private static List<Double> list(double[] values) {
    List<Double> out = new ArrayList<>(values.length);
    for (double v : values) {
      out.add(v);
    }
    return out;
  }

  private static double[] doubles(List<Double> values) {
    double[] out = new double[values.size()];
    for (int i = 0; i < out.length; i++) {
      out[i] = values.get(i);
    }
    return out;
  }
}
