// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.config.DatabaseOutput;
import io.segflow.pipelines.config.DatabaseOutputConfig;
import io.segflow.pipelines.run.DatabaseErrors;
import io.segflow.pipelines.run.ExitCode;
import io.segflow.pipelines.run.Secrets;
import io.segflow.pipelines.run.SegflowException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;

/**
 * Loads a published run into PostgreSQL: customers keyed by (customer_id, as_of_date), segment
 * profiles keyed by (as_of_date, kind, segment_id). A load replaces its as-of partition in ONE
 * transaction: rows are upserted (unchanged rows are not rewritten), rows of the partition that the
 * run no longer has are deleted, and a failure rolls everything back. A scheduler may therefore
 * retry a load, or rerun a partition, as often as it likes: the tables end up the same. Loads into
 * the same tables are serialised by a transaction-level advisory lock.
 *
 * <p>The tables (DDL: {@code postgres-tables.sql}) are created when missing.
 */
public final class PostgresSink {
  static final String DDL = "postgres-tables.sql";

  private PostgresSink() {}

  /**
   * What a load did. {@code changed}: rows inserted or updated; {@code deleted}: stale rows
   * removed.
   */
  public record Loaded(String asOf, int customers, int segments, long changed, long deleted) {
    @Override
    public String toString() {
      return "as_of_date "
          + asOf
          + ": "
          + customers
          + " customers and "
          + segments
          + " segment profiles ("
          + changed
          + " rows inserted or changed, "
          + deleted
          + " stale rows deleted)";
    }
  }

  /**
   * Connects and creates the schema and tables if missing, before a run starts, so that a wrong URL
   * or password fails the run before any work (exit code 6, nothing published).
   */
  public static DatabaseOutput prepare(DatabaseOutputConfig config) {
    if (config == null) {
      return null;
    }
    DatabaseOutput db = DatabaseOutput.of(config);
    try (Connection c = connect(db)) {
      c.setAutoCommit(false);
      lock(c, db);
      createTables(c, db);
      c.commit();
      return db;
    } catch (SQLException e) {
      throw new SegflowException(
          ExitCode.DATABASE,
          "cannot use the output database "
              + db.target().describe()
              + ": "
              + DatabaseErrors.message(e)
              + ". "
              + DatabaseErrors.fix(e, "output.database", db.target())
              + " The user must be allowed to "
              + "create tables in schema "
              + db.schema()
              + ". Nothing was run.",
          e);
    }
  }

  /** Loads a run just published by {@code segflow run}; a failure says how to retry. */
  public static Loaded loadPublished(Path dir, DatabaseOutput db, PrintStream log) {
    try {
      Loaded loaded = load(PublishedRun.read(dir), db);
      log.println("segflow: loaded into " + db.target().describe() + ": " + loaded);
      return loaded;
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.DATABASE,
          "published " + dir + ", but could not read it " + "back for the database load: " + e,
          e);
    } catch (SegflowException e) {
      throw new SegflowException(
          ExitCode.DATABASE,
          "published "
              + Secrets.redact(dir.toString())
              + " (the files are complete), but "
              + e.getMessage()
              + " Once fixed, run: segflow "
              + "load-db --from "
              + Secrets.redact(dir.toString())
              + " (safe to repeat).",
          e);
    }
  }

  /** Replaces the run's as-of partition in both tables, in one transaction. */
  public static Loaded load(PublishedRun run, DatabaseOutput db) {
    String asOf = run.asOf().toString();
    for (var c : run.customers()) {
      if (!run.asOf().equals(c.getAsOfDate())) {
        throw new SegflowException(
            ExitCode.INPUT,
            "customer "
                + c.getCustomerId()
                + " has as_of_date "
                + c.getAsOfDate()
                + " but the run's manifest says "
                + asOf
                + "; the output folder is "
                + "not one run");
      }
    }
    try (Connection c = connect(db)) {
      c.setAutoCommit(false);
      try {
        lock(c, db);
        createTables(c, db);
        long[] customers =
            Tables.CUSTOMERS.replace(c, db.customersTable(), run.asOf(), run.customers());
        long[] segments =
            Tables.SEGMENTS.replace(c, db.segmentsTable(), run.asOf(), run.segments());
        c.commit();
        return new Loaded(
            asOf,
            run.customers().size(),
            run.segments().size(),
            customers[0] + segments[0],
            customers[1] + segments[1]);
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new SegflowException(
          ExitCode.DATABASE,
          "loading as_of_date "
              + asOf
              + " into "
              + db.target().describe()
              + " failed: "
              + DatabaseErrors.message(e)
              + ". The tables are unchanged "
              + "(the load is one transaction).",
          e);
    }
  }

  static Connection connect(DatabaseOutput db) throws SQLException {
    Properties props = new Properties();
    if (db.target().user() != null) {
      props.setProperty("user", db.target().user());
    }
    if (db.target().password() != null) {
      props.setProperty("password", db.target().password().get());
    }
    props.setProperty("ApplicationName", "segflow");
    return DriverManager.getConnection(db.target().url(), props);
  }

  /** One load at a time per table set: two loads of one partition must not interleave. */
  private static void lock(Connection c, DatabaseOutput db) throws SQLException {
    try (PreparedStatement st = c.prepareStatement("SELECT pg_advisory_xact_lock(hashtext(?))")) {
      st.setString(1, "segflow:" + db.customersTable());
      st.execute();
    }
  }

  private static void createTables(Connection c, DatabaseOutput db) throws SQLException {
    try (Statement st = c.createStatement()) {
      if (!schemaExists(c, db.schema())) {
        st.execute("CREATE SCHEMA IF NOT EXISTS " + db.schema());
      }
      for (String sql : ddl(db)) {
        st.execute(sql);
      }
    }
  }

  /**
   * CREATE SCHEMA needs the CREATE right on the database even when the schema exists: ask first.
   */
  private static boolean schemaExists(Connection c, String schema) throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement("SELECT 1 FROM pg_namespace WHERE nspname = ?")) {
      st.setString(1, schema);
      try (ResultSet rs = st.executeQuery()) {
        return rs.next();
      }
    }
  }

  /** The statements of the DDL resource with the schema and prefix filled in. */
  static List<String> ddl(DatabaseOutput db) {
    String text;
    try (InputStream in = PostgresSink.class.getResourceAsStream(DDL)) {
      text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException | NullPointerException e) {
      throw new IllegalStateException("the resource " + DDL + " is missing from the build", e);
    }
    StringBuilder sql = new StringBuilder();
    for (String line : text.split("\n", -1)) {
      if (!line.startsWith("--")) {
        sql.append(line).append('\n');
      }
    }
    List<String> out = new ArrayList<>();
    for (String statement : sql.toString().split(";", -1)) {
      if (!statement.isBlank()) {
        out.add(
            statement
                .strip()
                .replace("{schema}", db.schema())
                .replace("{prefix}", db.tablePrefix()));
      }
    }
    return out;
  }
}
