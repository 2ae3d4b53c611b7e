// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.sun.net.httpserver.HttpServer;
import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * OpenLineage run events, validated against the OpenLineage JSON Schema and the standard facets'
 * schemas (test resources, see openlineage/README.md): to a file and to an HTTP server.
 */
public class LineageEventsTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  private static final String SPEC = "https://openlineage.io/spec/";
  private static final ObjectMapper JSON = new ObjectMapper();

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static SchemaRegistry registry;

  @BeforeClass
  public static void loadSchemas() throws IOException {
    Map<String, String> schemas = new HashMap<>();
    schemas.put(SPEC + "2-0-2/OpenLineage.json", resource("OpenLineage.json"));
    for (String[] f :
        new String[][] {
          {"1-2-0", "SchemaDatasetFacet"},
          {"1-0-2", "OutputStatisticsOutputDatasetFacet"},
          {"1-0-1", "ErrorMessageRunFacet"},
          {"1-1-1", "ProcessingEngineRunFacet"},
          {"2-0-4", "JobTypeJobFacet"}
        }) {
      schemas.put(
          SPEC + "facets/" + f[0] + "/" + f[1] + ".json", resource("facets/" + f[1] + ".json"));
    }
    registry =
        SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_2020_12,
            b ->
                b.schemas(schemas)
                    .schemaRegistryConfig(
                        SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build()));
  }

  private static String resource(String name) throws IOException {
    try (InputStream in = LineageEventsTest.class.getResourceAsStream("/openlineage/" + name)) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }

  /** The schema's errors for {@code json}, e.g. "[]" for a valid document. */
  private static List<String> errors(String schemaId, JsonNode json) {
    Schema schema = registry.getSchema(SchemaLocation.of(SPEC + schemaId));
    List<String> out = new ArrayList<>();
    schema.validate(json.toString(), InputFormat.JSON).forEach(e -> out.add(e.toString()));
    return out;
  }

  /** Validates an event and each standard facet it carries. */
  private static void assertValid(JsonNode event) {
    assertThat(event.toString(), errors("2-0-2/OpenLineage.json", event), empty());
    JsonNode runFacets = event.path("run").path("facets");
    assertThat(errors("facets/1-1-1/ProcessingEngineRunFacet.json", runFacets), empty());
    assertThat(errors("facets/1-0-1/ErrorMessageRunFacet.json", runFacets), empty());
    assertThat(
        errors("facets/2-0-4/JobTypeJobFacet.json", event.path("job").path("facets")), empty());
    for (JsonNode out : event.path("outputs")) {
      if (out.has("facets")) {
        assertThat(errors("facets/1-2-0/SchemaDatasetFacet.json", out.path("facets")), empty());
      }
      if (out.has("outputFacets")) {
        assertThat(
            errors(
                "facets/1-0-2/OutputStatisticsOutputDatasetFacet.json", out.path("outputFacets")),
            empty());
      }
    }
  }

  private static List<JsonNode> lines(Path file) throws IOException {
    List<JsonNode> events = new ArrayList<>();
    for (String line : Files.readAllLines(file)) {
      events.add(JSON.readTree(line));
    }
    return events;
  }

  private static JsonNode output(JsonNode event, Path dir) {
    for (JsonNode o : event.path("outputs")) {
      if (o.path("name").asText().equals(dir.toAbsolutePath().toString())) {
        return o;
      }
    }
    throw new AssertionError("no output " + dir + " in " + event);
  }

  @Test
  public void aRunWritesStartAndCompleteNamingInputsOutputsAndCounts() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("ok");
    Path events = TMP.getRoot().toPath().resolve("ok.lineage.jsonl");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--k",
            "3",
            "--no-report",
            "--quiet",
            "--lineage-file",
            events.toString());
    assertThat(run.toString(), run.exitCode(), equalTo(0));

    List<JsonNode> e = lines(events);
    assertThat(e, hasSize(2));
    e.forEach(LineageEventsTest::assertValid);
    JsonNode start = e.get(0);
    // the validation has teeth: a run id that is no UUID, or an event without producer, fails it
    com.fasterxml.jackson.databind.node.ObjectNode broken = start.deepCopy();
    ((com.fasterxml.jackson.databind.node.ObjectNode) broken.path("run")).put("runId", "run-1");
    assertThat(errors("2-0-2/OpenLineage.json", broken).toString(), containsString("uuid"));
    broken = start.deepCopy();
    broken.remove("producer");
    assertThat(errors("2-0-2/OpenLineage.json", broken).isEmpty(), equalTo(false));
    JsonNode complete = e.get(1);
    assertThat(start.path("eventType").asText(), equalTo("START"));
    assertThat(complete.path("eventType").asText(), equalTo("COMPLETE"));
    assertThat(complete.path("run").path("runId"), equalTo(start.path("run").path("runId")));
    JsonNode input = start.path("inputs").get(0);
    assertThat(input.path("namespace").asText(), equalTo("file"));
    assertThat(
        input.path("name").asText(), equalTo(SAMPLE.toAbsolutePath().normalize().toString()));
    assertThat(
        start.path("outputs").get(0).path("name").asText(),
        equalTo(out.toAbsolutePath().toString()));

    SegflowOutput published = SegflowOutput.read(out);
    JsonNode customers = output(complete, out.resolve("customers"));
    assertThat(
        customers.path("outputFacets").path("outputStatistics").path("rowCount").asLong(),
        equalTo((long) published.customers.size()));
    List<String> fields = new ArrayList<>();
    customers
        .path("facets")
        .path("schema")
        .path("fields")
        .forEach(f -> fields.add(f.path("name").asText()));
    assertThat(fields, hasItem("customer_id"));
    assertThat(fields, hasItem("segment_id"));
    assertThat(
        output(complete, out.resolve("rejected"))
            .path("outputFacets")
            .path("outputStatistics")
            .path("rowCount")
            .asLong(),
        equalTo((long) published.rejected.size()));
    assertThat(
        output(complete, out.resolve("segments"))
            .path("outputFacets")
            .path("outputStatistics")
            .path("rowCount")
            .asLong(),
        equalTo((long) published.segments().size()));
    JsonNode facet = complete.path("run").path("facets").path("segflow");
    assertThat(facet.path("as_of_date").asText(), equalTo("2011-12-10"));
    assertThat(facet.path("rows").path("read").asLong(), equalTo(27_621L));
  }

  @Test
  public void aRunStoppedByItsChecksWritesFailWithTheChecks() throws Exception {
    Path out = TMP.getRoot().toPath().resolve("failed");
    Path events = TMP.getRoot().toPath().resolve("failed.lineage.jsonl");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--no-report",
            "--quiet",
            "--lineage-file",
            events.toString(),
            "--check",
            "min_customers=1000000");
    assertThat(run.toString(), run.exitCode(), equalTo(7));
    List<JsonNode> e = lines(events);
    assertThat(e, hasSize(2));
    e.forEach(LineageEventsTest::assertValid);
    JsonNode fail = e.get(1);
    assertThat(fail.path("eventType").asText(), equalTo("FAIL"));
    JsonNode facets = fail.path("run").path("facets");
    assertThat(
        facets.path("errorMessage").path("message").asText(), containsString("min_customers"));
    assertThat(facets.path("segflow").path("exit_code").asInt(), equalTo(7));
    assertThat(
        facets.path("segflow").path("checks").path("failed").get(0).asText(),
        equalTo("min_customers"));
  }

  @Test
  public void eventsArePostedToAnHttpEndpoint() throws Exception {
    List<String> bodies = Collections.synchronizedList(new ArrayList<>());
    List<String> paths = Collections.synchronizedList(new ArrayList<>());
    HttpServer server =
        HttpServer.create(new InetSocketAddress(java.net.InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/",
        exchange -> {
          paths.add(exchange.getRequestMethod() + " " + exchange.getRequestURI().getPath());
          bodies.add(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          exchange.sendResponseHeaders(201, -1);
          exchange.close();
        });
    server.start();
    try {
      Path config = TMP.getRoot().toPath().resolve("lineage.yaml");
      Files.writeString(
          config,
          "lineage:\n  url: http://127.0.0.1:"
              + server.getAddress().getPort()
              + "\n  namespace: crm\n");
      Path out = TMP.getRoot().toPath().resolve("http");
      CliRun run =
          CliRun.of(
              "run",
              "--config",
              config.toString(),
              "--input",
              SAMPLE.toString(),
              "--output",
              out.toString(),
              "--no-segmentation",
              "--no-report",
              "--quiet");
      assertThat(run.toString(), run.exitCode(), equalTo(0));
    } finally {
      server.stop(0);
    }
    assertThat(paths, equalTo(List.of("POST /api/v1/lineage", "POST /api/v1/lineage")));
    JsonNode start = JSON.readTree(bodies.get(0));
    JsonNode complete = JSON.readTree(bodies.get(1));
    assertValid(start);
    assertValid(complete);
    assertThat(start.path("eventType").asText(), equalTo("START"));
    assertThat(complete.path("eventType").asText(), equalTo("COMPLETE"));
    assertThat(complete.path("job").path("namespace").asText(), equalTo("crm"));
  }

  @Test
  public void anUnreachableLineageEndpointDoesNotFailTheRun() throws Exception {
    int port;
    try (java.net.ServerSocket closed =
        new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      port = closed.getLocalPort();
    }
    Path config = TMP.getRoot().toPath().resolve("down.yaml");
    Files.writeString(config, "lineage:\n  url: http://127.0.0.1:" + port + "\n");
    Path out = TMP.getRoot().toPath().resolve("down");
    CliRun run =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--no-report",
            "--quiet");
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    assertThat(run.err(), containsString("warning: lineage event START not sent"));
    assertThat(run.err(), containsString("warning: lineage event COMPLETE not sent"));
    assertThat(Files.exists(out.resolve("_SUCCESS")), equalTo(true));
  }
}
