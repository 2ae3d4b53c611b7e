// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.DatabaseOutput;
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
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;

/**
 * Loads a published run into PostgreSQL: customers keyed by (customer_id, as_of_date), segment
 * profiles keyed by (as_of_date, kind, segment_id). A load replaces its as-of partition in ONE
 * transaction: rows are upserted (unchanged rows are not rewritten), rows of the partition that the
 * run no longer has are deleted, and a failure rolls everything back. A scheduler may therefore
 * retry a load, or rerun a partition, as often as it likes: the tables end up the same. A load
 * holds a transaction-level advisory lock on its partition (tables and as-of date): a second load
 * of the same partition fails at once naming the holder (exit code 5) or waits, while loads of
 * other dates run side by side.
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
  public record Loaded(String asOf, long customers, int segments, long changed, long deleted) {
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
  public static DatabaseOutput prepare(DatabaseOutput db) {
    if (db == null) {
      return null;
    }
    try (Connection c = connect(db)) {
      c.setAutoCommit(false);
      lock(c, db);
      createTables(c, db);
      c.commit();
      checkAddedColumns(c, db);
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
  public static Loaded loadPublished(
      Path dir, DatabaseOutput db, Duration waitForLock, PrintStream log) {
    try {
      Loaded loaded = load(PublishedRun.read(dir), db, waitForLock);
      log.println("segflow: loaded into " + db.target().describe() + ": " + loaded);
      return loaded;
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.DATABASE,
          "published " + dir + ", but could not read it " + "back for the database load: " + e,
          e);
    } catch (SegflowException e) {
      throw new SegflowException(
          e.exitCode() == ExitCode.OUTPUT ? ExitCode.OUTPUT : ExitCode.DATABASE,
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

  /**
   * Replaces the run's as-of partition in both tables, in one transaction, waiting up to {@code
   * waitForLock} for another load of the same partition.
   */
  public static Loaded load(PublishedRun run, DatabaseOutput db, Duration waitForLock)
      throws IOException {
    String asOf = run.asOf().toString();
    try (Connection c = connect(db)) {
      c.setAutoCommit(false);
      try {
        lock(c, db);
        createTables(c, db);
        c.commit();
        lockPartition(c, db, asOf, waitForLock);
        long[] customerCount = {0};
        long[] customers =
            Tables.CUSTOMERS.replace(
                c,
                db.customersTable(),
                run.asOf(),
                sink -> customerCount[0] = run.forEachCustomer(sink::accept));
        long[] segments =
            Tables.SEGMENTS.replace(
                c, db.segmentsTable(), run.asOf(), PartitionTable.Rows.of(run.segments()));
        c.commit();
        return new Loaded(
            asOf,
            customerCount[0],
            run.segments().size(),
            customers[0] + segments[0],
            customers[1] + segments[1]);
      } catch (SQLException | IOException | RuntimeException e) {
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
    // names the holder of a partition lock in pg_stat_activity (PostgreSQL keeps 63 bytes)
    props.setProperty(
        "ApplicationName", "segflow pid " + ProcessHandle.current().pid() + " on " + hostName());
    return DriverManager.getConnection(db.target().url(), props);
  }

  /**
   * The partition's advisory lock, released with the transaction (or the connection, however the
   * process ends). Keys: the customers table and the as-of date.
   */
  private static void lockPartition(
      Connection c, DatabaseOutput db, String asOf, Duration waitForLock) throws SQLException {
    long deadline = System.nanoTime() + waitForLock.toNanos();
    while (true) {
      try (PreparedStatement st =
          c.prepareStatement("SELECT pg_try_advisory_xact_lock(hashtext(?), hashtext(?))")) {
        st.setString(1, "segflow:" + db.customersTable());
        st.setString(2, asOf);
        try (ResultSet rs = st.executeQuery()) {
          rs.next();
          if (rs.getBoolean(1)) {
            return;
          }
        }
      }
      if (System.nanoTime() >= deadline) {
        throw new SegflowException(
            ExitCode.OUTPUT,
            "as_of_date "
                + asOf
                + " of "
                + db.target().describe()
                + " is being loaded by another run ("
                + partitionHolder(c, db, asOf)
                + "); retry when it has finished, or add --wait-for-lock DURATION");
      }
      try {
        Thread.sleep(200);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new SegflowException(ExitCode.INTERNAL, "interrupted while waiting for a lock", e);
      }
    }
  }

  /** Who holds a partition's lock, as PostgreSQL knows it (the holder's application name). */
  private static String partitionHolder(Connection c, DatabaseOutput db, String asOf)
      throws SQLException {
    try (PreparedStatement st =
        c.prepareStatement(
            "SELECT a.application_name, a.pid, a.client_addr, a.xact_start FROM pg_locks l"
                + " JOIN pg_stat_activity a ON a.pid = l.pid WHERE l.locktype = 'advisory'"
                + " AND l.granted AND l.classid = hashtext(?)::oid"
                + " AND l.objid = hashtext(?)::oid AND l.objsubid = 2")) {
      st.setString(1, "segflow:" + db.customersTable());
      st.setString(2, asOf);
      try (ResultSet rs = st.executeQuery()) {
        if (!rs.next()) {
          return "holder unknown";
        }
        return rs.getString(1)
            + ", server pid "
            + rs.getLong(2)
            + (rs.getString(3) == null ? "" : " from " + rs.getString(3))
            + ", since "
            + rs.getString(4);
      }
    }
  }

  /** Creating the tables happens once at a time per table set. */
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
   * A customers table created by an older Segflow lacks the columns added since: the run stops at
   * once with the statement that adds them (the load itself may not own the table, so it does not
   * alter it).
   */
  private static void checkAddedColumns(Connection c, DatabaseOutput db) throws SQLException {
    Set<String> present = new HashSet<>();
    try (ResultSet rs =
        c.getMetaData().getColumns(null, db.schema(), db.tablePrefix() + "customers", null)) {
      while (rs.next()) {
        present.add(rs.getString("COLUMN_NAME"));
      }
    }
    List<String> missing =
        ADDED_COLUMNS.stream()
            .map(Map.Entry::getKey)
            .filter(col -> !present.contains(col))
            .toList();
    if (!missing.isEmpty()) {
      throw new SegflowException(
          ExitCode.DATABASE,
          db.customersTable()
              + " has no column "
              + String.join(", ", missing)
              + " (it was created by an older Segflow): add the missing columns once, as the"
              + " table's owner, with: "
              + addColumns(db)
              + " Nothing was run.");
    }
  }

  /**
   * The columns of the customers table that tables created by older versions may lack, and their
   * types, in table order: the segment history, the money before returns, the predicted value.
   */
  static final List<Map.Entry<String, String>> ADDED_COLUMNS =
      List.of(
          Map.entry("previous_segment_id", "integer"),
          Map.entry("previous_rfm_segment", "text"),
          Map.entry("segment_changed", "boolean"),
          Map.entry("rfm_segment_changed", "boolean"),
          Map.entry("segment_since", "date"),
          Map.entry("rfm_segment_since", "date"),
          Map.entry("gross_monetary", "double precision"),
          Map.entry("returns_value", "double precision"),
          Map.entry("p_alive", "double precision"),
          Map.entry("expected_purchases", "double precision"),
          Map.entry("expected_avg_order_value", "double precision"),
          Map.entry("clv", "double precision"));

  /** ALTER TABLE adding {@link #ADDED_COLUMNS} to an existing customers table (idempotent). */
  static String addColumns(DatabaseOutput db) {
    return "ALTER TABLE "
        + db.customersTable()
        + ADDED_COLUMNS.stream()
            .map(col -> " ADD COLUMN IF NOT EXISTS " + col.getKey() + " " + col.getValue())
            .collect(java.util.stream.Collectors.joining(","))
        + ";";
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

  private static String hostName() {
    try {
      return java.net.InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "unknown host";
    }
  }
}
