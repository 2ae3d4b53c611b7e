// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.pipelines.testing.TestDatabase;
import io.segflow.schemas.CustomerRecord;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeSet;
import java.util.zip.GZIPInputStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.specific.SpecificDatumWriter;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Runs loaded into a real PostgreSQL server (output.database, segflow load-db): idempotent, one
 * transaction per as-of partition, other partitions untouched, rollback on failure, and no password
 * anywhere in what segflow prints or writes.
 */
public class PostgresSinkTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  static final Path SAMPLE = Path.of("..", "run-configs", "sample", "online_retail_sample.csv.gz");
  static final String SCHEMA = "sink_test";
  static final String CUSTOMERS = SCHEMA + ".t_customers";
  static final String SEGMENTS = SCHEMA + ".t_segments";
  private static TestDatabase db;
  private static Path config;

  @BeforeClass
  public static void setUp() throws Exception {
    db = TestDatabase.require();
    db.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE"); // the run creates it
    config = TMP.getRoot().toPath().resolve("db.yaml");
    Files.writeString(
        config,
        "output:\n  database:\n    url: "
            + db.url()
            + "\n    user: "
            + db.user()
            + "\n    password_env: "
            + TestDatabase.PASSWORD_ENV
            + "\n    schema: "
            + SCHEMA
            + "\n    table_prefix: t_\n");
  }

  static CliRun run(String input, String name, String asOf) {
    return run(config.toString(), input, name, asOf);
  }

  static CliRun run(String configFile, String input, String name, String asOf) {
    return CliRun.of(
        "run",
        "--config",
        configFile,
        "--input",
        input,
        "--output",
        out(name).toString(),
        "--as-of",
        asOf,
        "--k",
        "3",
        "--no-report");
  }

  static Path out(String name) {
    return TMP.getRoot().toPath().resolve(name);
  }

  static List<String> partition(String table, String asOf) throws Exception {
    List<String> all = db.dump(table);
    all.removeIf(row -> !row.startsWith(asOf + " | "));
    return all;
  }

  @Test
  public void loadsAreIdempotentPartitionedAndTransactional() throws Exception {
    CliRun first = run(SAMPLE.toString(), "dec", "2011-12-10");
    assertThat(first.toString(), first.exitCode(), equalTo(0));
    assertThat(first.err(), containsString("loaded into"));
    SegflowOutput dec = SegflowOutput.read(out("dec"));
    List<String> customers = db.dump(CUSTOMERS);
    List<String> segments = db.dump(SEGMENTS);
    assertThat(customers.size(), equalTo(dec.customers.size()));
    assertThat(segments.size(), equalTo(dec.segments().size()));
    List<String> versions = db.rows("SELECT xmin FROM " + CUSTOMERS + " ORDER BY customer_id");

    // A retry (load-db) and a rerun of the same partition leave the tables identical,
    // without even rewriting a row.
    CliRun again = CliRun.of("load-db", "--from", out("dec").toString());
    assertThat(again.toString(), again.exitCode(), equalTo(0));
    assertThat(again.out(), containsString("0 rows inserted or changed, 0 stale rows deleted"));
    CliRun rerun = run(SAMPLE.toString(), "dec", "2011-12-10");
    assertThat(rerun.toString(), rerun.exitCode(), equalTo(0));
    assertThat(db.dump(CUSTOMERS), equalTo(customers));
    assertThat(db.dump(SEGMENTS), equalTo(segments));
    assertThat(
        db.rows("SELECT xmin FROM " + CUSTOMERS + " ORDER BY customer_id"), equalTo(versions));

    // Another as-of date is another partition, side by side.
    CliRun june = run(SAMPLE.toString(), "june", "2011-06-30");
    assertThat(june.toString(), june.exitCode(), equalTo(0));
    List<String> juneRows = partition(CUSTOMERS, "2011-06-30");
    List<String> juneSegments = partition(SEGMENTS, "2011-06-30");
    assertThat(juneRows.size(), equalTo(SegflowOutput.read(out("june")).customers.size()));
    assertThat(partition(CUSTOMERS, "2011-12-10"), equalTo(customers));

    // A changed rerun of December (only purchases from September on) replaces December exactly:
    // customers no longer in it are deleted; June is untouched.
    CliRun changed =
        run(
            writeConfig("window.yaml", "cleaning:\n  window:\n    start: 2011-09-01\n"),
            SAMPLE.toString(),
            "dec2",
            "2011-12-10");
    assertThat(changed.toString(), changed.exitCode(), equalTo(0));
    SegflowOutput dec2 = SegflowOutput.read(out("dec2"));
    assertThat(dec2.customers.size(), lessThan(dec.customers.size()));
    TreeSet<String> expected = new TreeSet<>();
    dec2.customers.forEach(c -> expected.add(c.getCustomerId()));
    assertThat(
        new TreeSet<>(
            db.rows("SELECT customer_id FROM " + CUSTOMERS + " WHERE as_of_date = '2011-12-10'")),
        equalTo(expected));
    assertThat(partition(CUSTOMERS, "2011-06-30"), equalTo(juneRows));
    assertThat(partition(SEGMENTS, "2011-06-30"), equalTo(juneSegments));

    // A load that fails midway (a customer id PostgreSQL cannot store, staged after thousands of
    // good rows) rolls back: the tables are exactly as before.
    List<String> before = db.dump(CUSTOMERS);
    List<String> segmentsBefore = db.dump(SEGMENTS);
    Path broken =
        copyWithLastCustomer(out("dec"), out("broken"), c -> c.setCustomerId("99\u000099").build());
    CliRun failed =
        CliRun.of("load-db", "--from", broken.toString(), "--config", config.toString());
    assertThat(failed.toString(), failed.exitCode(), equalTo(6));
    assertThat(
        failed.segflowErrors(),
        allOf(containsString("failed"), containsString("tables are unchanged")));
    assertThat(db.dump(CUSTOMERS), equalTo(before));
    assertThat(db.dump(SEGMENTS), equalTo(segmentsBefore));

    // A customer of another as-of date, met last in the stream after every other customer was
    // staged, stops the load and rolls it back too.
    Path mixed =
        copyWithLastCustomer(
            out("dec"),
            out("mixed"),
            c ->
                c.setCustomerId("99999-other-run")
                    .setAsOfDate(c.getAsOfDate().minusDays(1))
                    .build());
    CliRun refused =
        CliRun.of("load-db", "--from", mixed.toString(), "--config", config.toString());
    assertThat(refused.toString(), refused.exitCode(), equalTo(3));
    assertThat(refused.segflowErrors(), containsString("not one run"));
    assertThat(db.dump(CUSTOMERS), equalTo(before));
    assertThat(db.dump(SEGMENTS), equalTo(segmentsBefore));

    for (CliRun r : List.of(first, again, rerun, june, changed, failed, refused)) {
      assertThat(r.toString(), not(containsString(db.password())));
    }
    for (String name : List.of("dec", "june", "dec2")) {
      String manifest = Files.readString(out(name).resolve("manifest.json"));
      assertThat(manifest, not(containsString(db.password())));
      assertThat(
          manifest, containsString("\"password_env\" : \"" + TestDatabase.PASSWORD_ENV + "\""));
    }
  }

  @Test
  public void aLoadThatFailsAfterPublishingKeepsTheFilesAndSaysHowToRetry() throws Exception {
    // A NUL inside a customer id is valid CSV and valid Avro, but PostgreSQL text cannot hold it.
    Path csv = TMP.getRoot().toPath().resolve("nul.csv");
    try (var in = new GZIPInputStream(Files.newInputStream(SAMPLE))) {
      String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
      Files.writeString(
          csv,
          text
              + "999999,22633,HAND WARMER,6,2011-12-01 08:28:00,1.85,"
              + "99\u000099,United Kingdom\n");
    }
    CliRun run = run(csv.toString(), "nul", "2011-12-10");
    assertThat(run.toString(), run.exitCode(), equalTo(6));
    assertThat(
        run.segflowErrors(),
        allOf(
            containsString("published"),
            containsString("the files are complete"),
            containsString("segflow load-db --from")));
    assertThat(Files.exists(out("nul").resolve("_SUCCESS")), equalTo(true));
    assertThat(SegflowOutput.read(out("nul")).customers.size(), greaterThan(100));
    assertThat(run.toString(), not(containsString(db.password())));
  }

  @Test
  public void anUnreachableDatabaseFailsBeforeTheRunAndPublishesNothing() throws Exception {
    String closed = Files.readString(config).replaceFirst("//([^/:]+):\\d+/", "//$1:1/");
    CliRun run =
        run(writeConfig("closed.yaml", closed), SAMPLE.toString(), "unreachable", "2011-12-10");
    assertThat(run.toString(), run.exitCode(), equalTo(6));
    assertThat(
        run.segflowErrors(),
        allOf(containsString("cannot use the output database"), containsString("Nothing was run")));
    assertThat(Files.exists(out("unreachable")), equalTo(false));
    CliRun flag =
        CliRun.of("load-db", "--from", out("unreachable").toString(), "--password", db.password());
    assertThat(flag.toString(), flag.exitCode(), equalTo(2));
    assertThat(flag.toString(), not(containsString(db.password())));
  }

  private static String writeConfig(String name, String yaml) throws Exception {
    Path file = TMP.getRoot().toPath().resolve(name);
    Files.writeString(file, yaml.startsWith("output:") ? yaml : Files.readString(config) + yaml);
    return file.toString();
  }

  /**
   * A copy of a run with one more customer, made from its first customer by {@code change}, whose
   * id must sort after every other id.
   */
  private static Path copyWithLastCustomer(
      Path run,
      Path copy,
      java.util.function.Function<CustomerRecord.Builder, CustomerRecord> change)
      throws Exception {
    Files.createDirectories(copy.resolve("customers"));
    Files.createDirectories(copy.resolve("segments"));
    try (var parts = Files.list(run.resolve("segments"))) {
      for (Path p : parts.toList()) {
        Files.copy(p, copy.resolve("segments").resolve(p.getFileName()));
      }
    }
    List<CustomerRecord> customers = new java.util.ArrayList<>();
    SortedCustomers.forEach(run, -1, customers::add);
    customers.add(change.apply(CustomerRecord.newBuilder(customers.get(0))));
    // the manifest counts the added customer too, or the load would stop at the count check
    var json = new com.fasterxml.jackson.databind.ObjectMapper();
    var manifest =
        (com.fasterxml.jackson.databind.node.ObjectNode)
            json.readTree(run.resolve("manifest.json").toFile());
    manifest.put("customers", customers.size());
    json.writeValue(copy.resolve("manifest.json").toFile(), manifest);
    try (OutputStream os =
            Files.newOutputStream(copy.resolve("customers/part-00000-of-00001.avro"));
        DataFileWriter<CustomerRecord> w =
            new DataFileWriter<>(new SpecificDatumWriter<>(CustomerRecord.class))) {
      w.create(CustomerRecord.getClassSchema(), os);
      customers.forEach(
          c -> {
            try {
              w.append(c);
            } catch (java.io.IOException e) {
              throw new java.io.UncheckedIOException(e);
            }
          });
    }
    return copy;
  }
}
