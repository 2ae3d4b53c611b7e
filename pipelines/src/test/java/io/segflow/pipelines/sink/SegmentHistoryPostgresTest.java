// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.pipelines.testing.TestDatabase;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Segment history in PostgreSQL: the customers table of two monthly partitions carries the same
 * previous segments, changes and start dates as customers/; a table made before the history columns
 * existed stops the run with the ALTER TABLE that adds them, and loads once it ran.
 */
public class SegmentHistoryPostgresTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SAMPLE = "../run-configs/sample/online_retail_sample.csv.gz";
  private static TestDatabase db;

  @BeforeClass
  public static void setUp() {
    db = TestDatabase.require();
  }

  private static Path config(String schema) throws Exception {
    Path file = TMP.getRoot().toPath().resolve(schema + ".yaml");
    Files.writeString(
        file,
        "output:\n  database:\n    url: "
            + db.url()
            + "\n    user: "
            + db.user()
            + "\n    password_env: "
            + TestDatabase.PASSWORD_ENV
            + "\n    schema: "
            + schema
            + "\n    table_prefix: h_\n");
    return file;
  }

  private static CliRun run(Path config, Path root, String asOf) {
    return CliRun.of(
        "run",
        "--config",
        config.toString(),
        "--input",
        SAMPLE,
        "--output",
        root.toString(),
        "--partition-by-as-of",
        "--as-of",
        asOf,
        "--k",
        "4",
        "--no-report");
  }

  private static final String HISTORY =
      "SELECT customer_id, previous_segment_id, previous_rfm_segment, segment_changed::text,"
          + " rfm_segment_changed::text, segment_since::text, rfm_segment_since::text FROM ";

  @Test
  public void theCustomersTableCarriesTheSameHistoryAsTheFiles() throws Exception {
    String schema = "segflow_history";
    db.execute("DROP SCHEMA IF EXISTS " + schema + " CASCADE");
    Path config = config(schema);
    Path root = TMP.getRoot().toPath().resolve("monthly");
    for (String asOf : List.of("2011-10-01", "2011-11-01")) {
      CliRun r = run(config, root, asOf);
      assertThat(r.toString(), r.exitCode(), is(0));
    }
    SegflowOutput nov = SegflowOutput.read(root.resolve("as_of=2011-11-01"));
    List<String> expected = new ArrayList<>();
    for (CustomerRecord c : nov.customersById().values()) {
      expected.add(
          String.join(
              " | ",
              c.getCustomerId(),
              String.valueOf(c.getPreviousSegmentId()),
              String.valueOf(c.getPreviousRfmSegment()),
              String.valueOf(c.getSegmentChanged()),
              String.valueOf(c.getRfmSegmentChanged()),
              String.valueOf(c.getSegmentSince()),
              String.valueOf(c.getRfmSegmentSince())));
    }
    List<String> loaded =
        db.rows(
            HISTORY
                + schema
                + ".h_customers WHERE as_of_date = '2011-11-01' ORDER BY customer_id COLLATE \"C\"");
    assertThat(loaded.size(), greaterThan(100));
    assertThat(loaded, equalTo(expected));
    // October had no run before it: every history column is null.
    assertThat(
        db.rows(
            "SELECT count(*) FROM "
                + schema
                + ".h_customers WHERE as_of_date = '2011-10-01' AND (previous_segment_id IS NOT NULL"
                + " OR segment_changed IS NOT NULL OR segment_since IS NOT NULL)"),
        equalTo(List.of("0")));
  }

  @Test
  public void aTableWithoutTheAddedColumnsNamesTheAlterTable() throws Exception {
    String schema = "segflow_history_old";
    db.execute(
        "DROP SCHEMA IF EXISTS " + schema + " CASCADE",
        "CREATE SCHEMA " + schema,
        // The customers table as it was before the history columns.
        "CREATE TABLE "
            + schema
            + ".h_customers (as_of_date date NOT NULL, customer_id text NOT NULL, country text,"
            + " recency_days integer NOT NULL, frequency integer NOT NULL,"
            + " monetary double precision NOT NULL, total_quantity bigint,"
            + " avg_basket_value double precision NOT NULL, first_purchase timestamp NOT NULL,"
            + " last_purchase timestamp NOT NULL, tenure_days integer NOT NULL,"
            + " distinct_products integer, rows_used bigint NOT NULL, segment_id integer,"
            + " segment_name text, rfm_recency_score integer, rfm_frequency_score integer,"
            + " rfm_monetary_score integer, rfm_score text, rfm_segment text,"
            + " PRIMARY KEY (as_of_date, customer_id))");
    Path config = config(schema);
    Path root = TMP.getRoot().toPath().resolve("old");
    CliRun refused = run(config, root, "2011-10-01");
    assertThat(refused.toString(), refused.exitCode(), is(6));
    String alter =
        "ALTER TABLE "
            + schema
            + ".h_customers ADD COLUMN IF NOT EXISTS previous_segment_id integer,"
            + " ADD COLUMN IF NOT EXISTS previous_rfm_segment text,"
            + " ADD COLUMN IF NOT EXISTS segment_changed boolean,"
            + " ADD COLUMN IF NOT EXISTS rfm_segment_changed boolean,"
            + " ADD COLUMN IF NOT EXISTS segment_since date,"
            + " ADD COLUMN IF NOT EXISTS rfm_segment_since date,"
            + " ADD COLUMN IF NOT EXISTS gross_monetary double precision,"
            + " ADD COLUMN IF NOT EXISTS returns_value double precision;";
    assertThat(refused.err(), containsString(alter));
    assertThat(Files.exists(root.resolve("as_of=2011-10-01")), is(false));

    db.execute(alter);
    CliRun loaded = run(config, root, "2011-10-01");
    assertThat(loaded.toString(), loaded.exitCode(), is(0));
    assertThat(
        db.rows("SELECT count(*) FROM " + schema + ".h_customers"),
        equalTo(
            List.of(
                String.valueOf(
                    SegflowOutput.read(root.resolve("as_of=2011-10-01")).customers.size()))));
  }
}
