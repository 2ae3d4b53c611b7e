// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.lessThan;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Statement;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A load holds the advisory lock of its partition; another holder of that lock (any client that
 * takes the documented key) makes {@code segflow load-db} exit 5 naming it, or wait with
 * --wait-for-lock, while other partitions stay free.
 */
public class PartitionLoadLockTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  static final Path SAMPLE = Path.of("..", "run-configs", "sample", "online_retail_sample.csv.gz");
  static final String SCHEMA = "partition_lock_test";
  private static TestDatabase db;
  private static Path run;

  @BeforeClass
  public static void publishOneRun() throws Exception {
    db = TestDatabase.require();
    db.execute("DROP SCHEMA IF EXISTS " + SCHEMA + " CASCADE");
    Path config = TMP.getRoot().toPath().resolve("db.yaml");
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
    run = TMP.getRoot().toPath().resolve("dec");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            SAMPLE.toString(),
            "--output",
            run.toString(),
            "--as-of",
            "2011-12-10",
            "--k",
            "3",
            "--no-report",
            "--quiet");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
  }

  /** Another client holding a partition's lock, the way the docs give its key. */
  private static Connection holdPartition(String asOf) throws Exception {
    Connection c = db.connect();
    c.setAutoCommit(false);
    try (Statement st = c.createStatement()) {
      st.execute("SET application_name = 'nightly dbt job'");
    }
    try (PreparedStatement st =
        c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?), hashtext(?))")) {
      st.setString(1, "segflow:" + SCHEMA + ".t_customers");
      st.setString(2, asOf);
      st.execute();
    }
    return c;
  }

  @Test
  public void aLoadOfALockedPartitionExits5NamingTheHolder() throws Exception {
    try (Connection holder = holdPartition("2011-12-10")) {
      CliRun load = CliRun.of("load-db", "--from", run.toString());
      assertThat(load.toString(), load.exitCode(), equalTo(5));
      assertThat(load.segflowErrors(), containsString("is being loaded by another run"));
      assertThat(load.segflowErrors(), containsString("nightly dbt job"));
      holder.rollback();
    }
  }

  @Test
  public void withWaitForLockTheLoadRunsOnceTheHolderCommits() throws Exception {
    Connection holder = holdPartition("2011-12-10");
    Thread release =
        new Thread(
            () -> {
              try {
                Thread.sleep(2_000);
                holder.commit();
                holder.close();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    long t0 = System.nanoTime();
    release.start();
    CliRun load = CliRun.of("load-db", "--from", run.toString(), "--wait-for-lock", "60s");
    long millis = (System.nanoTime() - t0) / 1_000_000;
    release.join();
    assertThat(load.toString(), load.exitCode(), equalTo(0));
    assertThat(millis, greaterThanOrEqualTo(2_000L));
    assertThat(millis, lessThan(60_000L));
  }

  @Test
  public void anotherPartitionsLockDoesNotBlockTheLoad() throws Exception {
    try (Connection holder = holdPartition("2011-06-30")) {
      CliRun load = CliRun.of("load-db", "--from", run.toString());
      assertThat(load.toString(), load.exitCode(), equalTo(0));
      holder.rollback();
    }
  }
}
