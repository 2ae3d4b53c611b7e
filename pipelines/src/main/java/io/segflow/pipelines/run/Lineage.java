// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.openlineage.client.OpenLineage;
import io.openlineage.client.transports.FileConfig;
import io.openlineage.client.transports.FileTransport;
import io.openlineage.client.transports.HttpConfig;
import io.openlineage.client.transports.HttpTransport;
import io.openlineage.client.transports.Transport;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.common.Versions;
import io.segflow.pipelines.config.DatabaseOutput;
import io.segflow.pipelines.config.LineagePlan;
import io.segflow.pipelines.output.OutputJson;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZonedDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.apache.avro.Schema;

/**
 * OpenLineage run events for one run: START once the output is locked, then COMPLETE after
 * publishing (with the output datasets' schemas and row counts) or FAIL (with the error and the
 * checks). Sent to a file (one JSON event per line) and/or an HTTP endpoint; off unless one is
 * configured. A lineage backend that is down never fails the run: the miss is reported on stderr.
 */
public final class Lineage {
  /** Segflow has no web site of its own to point at: its events name it by a URN. */
  static final URI PRODUCER = URI.create("urn:segflow:" + Versions.segflow().replace(' ', '-'));

  private static final String FACET_SCHEMA = "urn:segflow:facets:SegflowRunFacet:1-0-0";

  private final OpenLineage ol = new OpenLineage(PRODUCER);
  private final List<Transport> transports;
  private final UUID runId = UUID.randomUUID();
  private final String namespace;
  private final String jobName;
  private final PrintStream log;
  private List<OpenLineage.InputDataset> inputs = List.of();

  private Lineage(List<Transport> transports, String namespace, String jobName, PrintStream log) {
    this.transports = transports;
    this.namespace = namespace;
    this.jobName = jobName;
    this.log = log;
  }

  /** The run's lineage, or null when no transport is configured. */
  public static Lineage of(LineagePlan c, String output, PrintStream log) {
    List<Transport> t = new ArrayList<>();
    if (c.file() != null) {
      t.add(new FileTransport(new FileConfig(Path.of(c.file()).toAbsolutePath().toString())));
    }
    if (c.url() != null) {
      HttpConfig http = new HttpConfig();
      http.setUrl(URI.create(c.url()));
      http.setEndpoint(c.endpoint());
      http.setTimeoutInMillis(c.timeoutMillis());
      t.add(new HttpTransport(http));
    }
    if (t.isEmpty()) {
      return null;
    }
    String job =
        c.jobName() != null
            ? c.jobName()
            : "segflow:" + Secrets.redact(Path.of(output).toAbsolutePath().normalize().toString());
    return new Lineage(t, c.namespace(), job, log);
  }

  /** START, naming the inputs (files, or the JDBC table or query) and the output folder. */
  public void start(
      List<InputInspector.InputFile> files, TableInspector.InputTable table, Path target) {
    List<OpenLineage.InputDataset> in = new ArrayList<>();
    if (table != null) {
      in.add(ol.newInputDataset(jdbcNamespace(table.url()), table.source(), null, null));
    } else {
      for (InputInspector.InputFile f : files) {
        in.add(ol.newInputDataset("file", Secrets.redact(f.path()), null, null));
      }
    }
    inputs = in;
    OpenLineage.OutputDataset out =
        ol.newOutputDataset("file", Secrets.redact(target.toString()), null, null);
    emit(OpenLineage.RunEvent.EventType.START, runFacets(null, null), List.of(out));
  }

  /**
   * COMPLETE: customers/, rejected/ and segments/ of the published folder (and the database tables
   * when loaded), each with its schema and row count; the manifest's as-of, counts and checks.
   */
  public void complete(Path published, RunManifest manifest, DatabaseOutput db, long segments) {
    List<OpenLineage.OutputDataset> out = new ArrayList<>();
    long customers = manifest.customers();
    out.add(folder(published.resolve("customers"), CustomerRecord.getClassSchema(), customers));
    out.add(
        folder(
            published.resolve("rejected"),
            RejectedRecord.getClassSchema(),
            manifest.rows().rejected()));
    if (Files.isDirectory(published.resolve("segments"))) {
      out.add(folder(published.resolve("segments"), SegmentRecord.getClassSchema(), segments));
    }
    if (db != null) {
      String ns = jdbcNamespace(db.target().url());
      out.add(table(ns, db.customersTable(), CustomerRecord.getClassSchema(), customers));
      out.add(table(ns, db.segmentsTable(), SegmentRecord.getClassSchema(), segments));
    }
    emit(OpenLineage.RunEvent.EventType.COMPLETE, runFacets(manifest, null), out);
  }

  /** FAIL, with the error and, when the checks stopped the run, their results. */
  public void fail(Path target, Throwable error, RunManifest manifest) {
    OpenLineage.OutputDataset out =
        ol.newOutputDataset("file", Secrets.redact(target.toString()), null, null);
    emit(OpenLineage.RunEvent.EventType.FAIL, runFacets(manifest, error), List.of(out));
  }

  private OpenLineage.RunFacets runFacets(RunManifest manifest, Throwable error) {
    OpenLineage.RunFacetsBuilder b =
        ol.newRunFacetsBuilder()
            .processing_engine(
                ol.newProcessingEngineRunFacet(Versions.segflow(), "segflow", Versions.segflow()));
    if (error != null) {
      b.errorMessage(
          ol.newErrorMessageRunFacet(
              Secrets.redact(String.valueOf(error.getMessage())), "Java", null));
    }
    if (manifest != null) {
      OpenLineage.DefaultRunFacet f = new SegflowRunFacet(PRODUCER);
      Map<String, Object> p = f.getAdditionalProperties();
      p.put("as_of_date", manifest.asOfDate());
      p.put("status", manifest.status());
      p.put("rows", OutputJson.MAPPER.valueToTree(manifest.rows()));
      p.put("customers", manifest.customers());
      if (manifest.checks() != null) {
        p.put("checks", manifest.checks());
      }
      if (error instanceof SegflowException se) {
        p.put("exit_code", se.exitCode().code());
      }
      b.put("segflow", f);
    }
    return b.build();
  }

  /** A custom run facet: its schema URL names Segflow's facet, not the generic RunFacet. */
  static final class SegflowRunFacet extends OpenLineage.DefaultRunFacet {
    SegflowRunFacet(URI producer) {
      super(producer);
    }

    @Override
    public URI get_schemaURL() {
      return URI.create(FACET_SCHEMA);
    }
  }

  private OpenLineage.OutputDataset folder(Path dir, Schema schema, long rows) {
    long[] sizeAndFiles = sizeAndFiles(dir);
    return ol.newOutputDataset(
        "file",
        Secrets.redact(dir.toString()),
        ol.newDatasetFacetsBuilder().schema(schemaFacet(schema)).build(),
        ol.newOutputDatasetOutputFacetsBuilder()
            .outputStatistics(
                ol.newOutputStatisticsOutputDatasetFacet(rows, sizeAndFiles[0], sizeAndFiles[1]))
            .build());
  }

  private OpenLineage.OutputDataset table(String ns, String name, Schema schema, long rows) {
    return ol.newOutputDataset(
        ns,
        name,
        ol.newDatasetFacetsBuilder().schema(schemaFacet(schema)).build(),
        ol.newOutputDatasetOutputFacetsBuilder()
            .outputStatistics(ol.newOutputStatisticsOutputDatasetFacet(rows, null, null))
            .build());
  }

  private OpenLineage.SchemaDatasetFacet schemaFacet(Schema schema) {
    List<OpenLineage.SchemaDatasetFacetFields> fields = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      fields.add(
          ol.newSchemaDatasetFacetFields(f.name(), typeName(f.schema()), f.doc(), null, null));
    }
    return ol.newSchemaDatasetFacet(fields);
  }

  /** The Avro type, a nullable union named by its non-null branch (logical types by their name). */
  private static String typeName(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      for (Schema branch : s.getTypes()) {
        if (branch.getType() != Schema.Type.NULL) {
          return typeName(branch);
        }
      }
    }
    if (s.getLogicalType() != null) {
      return s.getLogicalType().getName();
    }
    if (s.getType() == Schema.Type.RECORD || s.getType() == Schema.Type.ENUM) {
      return s.getName();
    }
    if (s.getType() == Schema.Type.ARRAY) {
      return "array<" + typeName(s.getElementType()) + ">";
    }
    return s.getType().getName();
  }

  private static long[] sizeAndFiles(Path dir) {
    try (Stream<Path> s = Files.list(dir)) {
      long size = 0;
      long files = 0;
      for (Path p : s.filter(Files::isRegularFile).toList()) {
        size += Files.size(p);
        files++;
      }
      return new long[] {size, files};
    } catch (IOException e) {
      return new long[] {0, 0};
    }
  }

  /**
   * OpenLineage's naming of a database: postgres://host:port for jdbc:postgresql://host:port/db.
   */
  static String jdbcNamespace(String jdbcUrl) {
    String url = Secrets.redact(jdbcUrl).replaceFirst("^jdbc:", "");
    try {
      URI u = URI.create(url);
      String scheme = "postgresql".equals(u.getScheme()) ? "postgres" : u.getScheme();
      return scheme + "://" + u.getHost() + (u.getPort() > 0 ? ":" + u.getPort() : "");
    } catch (IllegalArgumentException e) {
      return url;
    }
  }

  private void emit(
      OpenLineage.RunEvent.EventType type,
      OpenLineage.RunFacets facets,
      List<OpenLineage.OutputDataset> outputs) {
    OpenLineage.RunEvent event =
        ol.newRunEventBuilder()
            .eventType(type)
            .eventTime(ZonedDateTime.now(java.time.ZoneOffset.UTC))
            .run(ol.newRun(runId, facets))
            .job(
                ol.newJob(
                    namespace,
                    jobName,
                    ol.newJobFacetsBuilder()
                        .jobType(ol.newJobTypeJobFacet("BATCH", "SEGFLOW", "JOB", null))
                        .build()))
            .inputs(inputs)
            .outputs(outputs)
            .build();
    for (Transport t : transports) {
      try {
        t.emit(event);
      } catch (RuntimeException e) {
        log.println("segflow: warning: lineage event " + type + " not sent: " + e.getMessage());
      }
    }
  }
}
