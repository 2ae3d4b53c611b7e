// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.pipelines.testing.TestDatabase;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Transactions read from a real PostgreSQL table (input.jdbc) take the same path as CSV lines: the
 * same customers as the same rows read from the CSV file, bad rows rejected with reasons and the
 * counts adding up, and fatal problems (missing column, table or server) stopping the run with exit
 * code 3 and a message that names the fix but never the password.
 */
public class JdbcInputRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  static final Path SAMPLE = Path.of("..", "run-configs", "sample", "online_retail_sample.csv.gz");
  static final String SCHEMA = "jdbc_input_test";
  static final String COLUMNS =
      "InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, CustomerID, Country";
  private static TestDatabase db;
  private static SegflowOutput fromCsv;

  @BeforeClass
  public static void loadSample() throws Exception {
    db = TestDatabase.require();
    db.freshSchema(SCHEMA);
    // Typed columns, as a warehouse would have them; an id to partition on.
    db.execute(
        "CREATE TABLE "
            + SCHEMA
            + ".sales (id bigserial, InvoiceNo text, StockCode text, "
            + "Description text, Quantity integer, InvoiceDate timestamp, UnitPrice numeric(12,3), "
            + "CustomerID integer, Country text)");
    db.copyCsv(SAMPLE, SCHEMA + ".sales", COLUMNS);
    Path out = TMP.getRoot().toPath().resolve("csv");
    CliRun run =
        CliRun.of(
            "run",
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--no-segmentation",
            "--no-report");
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    fromCsv = SegflowOutput.read(out);
  }

  static String jdbcSection(String source, String extra) {
    return "input:\n  jdbc:\n    url: "
        + db.url()
        + "\n    user: "
        + db.user()
        + "\n    password_env: "
        + TestDatabase.PASSWORD_ENV
        + "\n    "
        + source
        + "\n"
        + extra;
  }

  static CliRun run(String name, String yaml, String... flags) throws Exception {
    Path config = TMP.getRoot().toPath().resolve(name + ".yaml");
    Files.writeString(config, yaml);
    List<String> args =
        new java.util.ArrayList<>(
            List.of(
                "run",
                "--config",
                config.toString(),
                "--output",
                TMP.getRoot().toPath().resolve(name).toString(),
                "--no-segmentation",
                "--no-report"));
    args.addAll(List.of(flags));
    return CliRun.of(args.toArray(new String[0]));
  }

  /** Compares customer by customer, so that a failure shows one customer, not thousands. */
  static void assertSameCustomers(List<CustomerRecord> actual) {
    Map<String, CustomerRecord> expected = new TreeMap<>();
    fromCsv.customers.forEach(c -> expected.put(c.getCustomerId(), c));
    for (CustomerRecord c : actual) {
      assertThat(c.getCustomerId(), c, equalTo(expected.get(c.getCustomerId())));
    }
    assertThat(actual.size(), equalTo(expected.size()));
  }

  @Test
  public void aTableGivesTheSameCustomersAsTheSameRowsReadFromCsv() throws Exception {
    CliRun run = run("table", jdbcSection("table: " + SCHEMA + ".sales", ""));
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(TMP.getRoot().toPath().resolve("table"));
    assertThat(out.customers.size(), greaterThan(100));
    assertSameCustomers(out.customers);
    assertThat(out.rowsRead(), equalTo(fromCsv.rowsRead()));
    assertThat(out.rowsUsed(), equalTo(fromCsv.rowsUsed()));
    assertThat(out.manifestRejectedByReason(), equalTo(fromCsv.manifestRejectedByReason()));
    assertThat(out.rowsRead(), equalTo(out.rowsUsed() + out.rowsRejected()));
    assertThat(
        out.manifest.path("input_table").path("source").asText(), equalTo(SCHEMA + ".sales"));
    RejectedRecord r = out.rejected.get(0);
    assertThat(r.getSourceFile(), equalTo(SCHEMA + ".sales"));
  }

  @Test
  public void aPartitionedReadGivesTheSameCustomersAndDistinctRowNumbers() throws Exception {
    CliRun run =
        run(
            "partitioned",
            jdbcSection(
                "query: SELECT * FROM " + SCHEMA + ".sales",
                "    partition_column: id\n    partitions: 3\n    fetch_size: 500\n"));
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(TMP.getRoot().toPath().resolve("partitioned"));
    assertSameCustomers(out.customers);
    assertThat(out.manifestRejectedByReason(), equalTo(fromCsv.manifestRejectedByReason()));
    TreeSet<Long> lines = new TreeSet<>();
    out.rejected.forEach(r -> lines.add(r.getLineNumber()));
    assertThat("one rejected row per row number", lines.size(), equalTo(out.rejected.size()));
    assertThat(lines.last() <= out.rowsRead(), equalTo(true));
    assertThat(out.rejected.get(0).getSourceFile(), equalTo("query"));
  }

  @Test
  public void badRowsInATableAreRejectedWithReasonsAndTheCountsAddUp() throws Exception {
    db.execute(
        "CREATE TABLE "
            + SCHEMA
            + ".raw_sales (invoice_no text, stock_code text, "
            + "description text, quantity text, invoice_date text, unit_price text, customer_id text, "
            + "country text)",
        "INSERT INTO "
            + SCHEMA
            + ".raw_sales VALUES "
            + "('536365','85123A','WHITE HANGING HEART','6','2010-12-01 08:26:00','2.55','17850','United Kingdom'),"
            + "('536366','22633','HAND WARMER, \"UNION\" JACK','6','2010-12-01 08:28:00','1.85','17850','United Kingdom'),"
            + "('536367','84879','BIRD ORNAMENT','abc','2010-12-01 08:34:00','1.69','13047','United Kingdom'),"
            + "('536368','22960','JAM MAKING SET','6','yesterday','4.25','13047','United Kingdom'),"
            + "('536369','21756','BATH BUILDING BLOCK','3','2010-12-01 08:35:00','NaN','13047','United Kingdom'),"
            + "('536370','22728','ALARM CLOCK','24','2010-12-01 08:45:00','3.75',NULL,'France'),"
            + "('C536371','22729','ALARM CLOCK','-2','2010-12-01 08:45:00','3.75','12583','France'),"
            + "('536372','22632','HAND WARMER','6','2010-12-01 09:01:00','1.85','17850','United Kingdom'),"
            + "('536372','22632','HAND WARMER','6','2010-12-01 09:01:00','1.85','17850','United Kingdom'),"
            + "(NULL,'22632','HAND WARMER','6','2010-12-01 09:01:00','1.85','17850','United Kingdom')");
    CliRun run = run("raw", jdbcSection("table: " + SCHEMA + ".raw_sales", ""));
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(TMP.getRoot().toPath().resolve("raw"));
    assertThat(out.rowsRead(), equalTo(10L));
    assertThat(out.rowsUsed(), equalTo(3L));
    assertThat(out.rowsRead(), equalTo(out.rowsUsed() + out.rowsRejected()));
    Map<String, Long> reasons =
        new TreeMap<>(
            Map.of(
                "bad_quantity",
                1L,
                "bad_date",
                1L,
                "bad_unit_price",
                1L,
                "missing_customer_id",
                1L,
                "cancellation",
                1L,
                "duplicate_row",
                1L,
                "missing_invoice",
                1L));
    assertThat(out.manifestRejectedByReason(), equalTo(reasons));
    // Rows are numbered in the order of all their columns: the NULL invoice sorts last.
    Map<Long, RejectedRecord> byLine = out.rejectedByLine();
    assertThat(byLine.get(10L).getReason(), equalTo("missing_invoice"));
    assertThat(
        byLine.get(10L).getRawLine(),
        equalTo(",22632,HAND WARMER,6,2010-12-01 09:01:00,1.85,17850,United Kingdom"));
    RejectedRecord quantity =
        out.rejected.stream()
            .filter(r -> r.getReason().equals("bad_quantity"))
            .findFirst()
            .orElseThrow();
    assertThat(quantity.getSourceFile(), equalTo(SCHEMA + ".raw_sales"));
    assertThat(
        quantity.getRawLine(),
        equalTo("536367,84879,BIRD ORNAMENT,abc,2010-12-01 08:34:00,1.69,13047,United Kingdom"));
    assertThat(quantity.getMessage(), containsString("'abc'"));
    // The description with a comma and quotes was rendered as a quoted CSV field and parsed back.
    assertThat(out.customersById().get("17850").getFrequency(), equalTo(3));
  }

  @Test
  public void aMissingColumnIsFatalAndSaysHowToMapIt() throws Exception {
    // id first keeps the CSV's row order: sums of money in another order differ in the last bits.
    db.execute(
        "CREATE TABLE "
            + SCHEMA
            + ".no_customer AS SELECT id, InvoiceNo, StockCode, "
            + "Description, Quantity, InvoiceDate, UnitPrice, CustomerID AS buyer, Country FROM "
            + SCHEMA
            + ".sales");
    CliRun missing = run("missing", jdbcSection("table: " + SCHEMA + ".no_customer", ""));
    assertThat(missing.toString(), missing.exitCode(), equalTo(3));
    assertThat(
        missing.segflowErrors(),
        allOf(
            containsString("CustomerID"),
            containsString("input.columns.customer_id"),
            containsString("buyer")));
    CliRun mapped =
        run(
            "mapped",
            jdbcSection(
                "table: " + SCHEMA + ".no_customer", "  columns:\n    customer_id: buyer\n"));
    assertThat(mapped.toString(), mapped.exitCode(), equalTo(0));
    assertSameCustomers(SegflowOutput.read(TMP.getRoot().toPath().resolve("mapped")).customers);
  }

  @Test
  public void aMissingTableOrServerStopsTheRunWithExitCode3AndNoPassword() throws Exception {
    CliRun table = run("notable", jdbcSection("table: " + SCHEMA + ".nope", ""));
    assertThat(table.toString(), table.exitCode(), equalTo(3));
    assertThat(
        table.segflowErrors(),
        allOf(
            containsString(SCHEMA + ".nope"),
            containsString("does not exist"),
            containsString("input.jdbc.table")));

    String closedPort = db.url().replaceFirst("//([^/:]+):\\d+/", "//$1:1/");
    CliRun server =
        run(
            "noserver",
            jdbcSection("table: " + SCHEMA + ".sales", "").replace(db.url(), closedPort));
    assertThat(server.toString(), server.exitCode(), equalTo(3));
    assertThat(
        server.segflowErrors(),
        allOf(containsString("cannot connect"), containsString("host, port")));

    Path wrong = TMP.newFile("wrong-password").toPath();
    Files.writeString(wrong, "not-the-password\n");
    CliRun password =
        run(
            "badpassword",
            jdbcSection("table: " + SCHEMA + ".sales", "")
                .replace("password_env: " + TestDatabase.PASSWORD_ENV, "password_file: " + wrong));
    assertThat(password.toString(), password.exitCode(), equalTo(3));
    assertThat(
        password.segflowErrors(),
        allOf(containsString("password authentication failed"), containsString("file " + wrong)));
    for (CliRun r : List.of(table, server, password)) {
      assertThat(r.toString(), not(containsString(db.password())));
      assertThat(r.toString(), not(containsString("not-the-password")));
    }
  }

  @Test
  public void passwordsAreRefusedOutsideTheEnvironmentOrAFile() throws Exception {
    String base = jdbcSection("table: " + SCHEMA + ".sales", "");
    CliRun inUrl = run("inurl", base.replace(db.url(), db.url() + "?password=" + db.password()));
    assertThat(inUrl.toString(), inUrl.exitCode(), equalTo(2));
    assertThat(
        inUrl.segflowErrors(),
        allOf(
            containsString("input.jdbc.url must not contain a " + "password"),
            containsString("password_env")));
    CliRun inConfig = run("inconfig", base + "    password: " + db.password() + "\n");
    assertThat(inConfig.toString(), inConfig.exitCode(), equalTo(2));
    assertThat(inConfig.segflowErrors(), containsString("password_file"));
    CliRun flag = run("flag", base, "--password=" + db.password());
    assertThat(flag.toString(), flag.exitCode(), equalTo(2));
    assertThat(flag.segflowErrors(), containsString("not accepted on the command line"));
    CliRun unsetEnv = run("unset", base.replace(TestDatabase.PASSWORD_ENV, "SEGFLOW_NO_SUCH_VAR"));
    assertThat(unsetEnv.toString(), unsetEnv.exitCode(), equalTo(2));
    assertThat(unsetEnv.segflowErrors(), containsString("SEGFLOW_NO_SUCH_VAR is not set"));
    for (CliRun r : List.of(inUrl, inConfig, flag, unsetEnv)) {
      assertThat(r.toString(), not(containsString(db.password())));
    }
  }
}
