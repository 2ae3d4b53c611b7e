// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import static org.junit.Assert.fail;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.zip.GZIPInputStream;
import org.junit.Assume;
import org.postgresql.PGConnection;

/**
 * The real PostgreSQL server the database tests run against, from SEGFLOW_TEST_PG_URL, _USER and
 * _PASSWORD (.ci/postgres.sh start prints them). Without them the tests are skipped, unless
 * SEGFLOW_REQUIRE_DB=1 (as in CI): then they fail. Each test class works in its own schema.
 */
public final class TestDatabase {
  /** The environment variable the runs under test read the password from (password_env). */
  public static final String PASSWORD_ENV = "SEGFLOW_TEST_PG_PASSWORD";

  private final String url;
  private final String user;
  private final String password;

  private TestDatabase(String url, String user, String password) {
    this.url = url;
    this.user = user;
    this.password = password;
  }

  public static TestDatabase require() {
    String url = System.getenv("SEGFLOW_TEST_PG_URL");
    String user = System.getenv("SEGFLOW_TEST_PG_USER");
    String password = System.getenv(PASSWORD_ENV);
    if (url == null || user == null || password == null) {
      String why =
          "no test database: SEGFLOW_TEST_PG_URL, SEGFLOW_TEST_PG_USER and "
              + PASSWORD_ENV
              + " are not set (start one with: eval \"$(.ci/postgres.sh start)\")";
      if ("1".equals(System.getenv("SEGFLOW_REQUIRE_DB"))) {
        fail(why + ", but SEGFLOW_REQUIRE_DB=1");
      }
      Assume.assumeTrue(why, false);
    }
    return new TestDatabase(url, user, password);
  }

  public String url() {
    return url;
  }

  public String user() {
    return user;
  }

  public String password() {
    return password;
  }

  public Connection connect() throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", user);
    p.setProperty("password", password);
    return DriverManager.getConnection(url, p);
  }

  /** A new, empty schema (any earlier one of that name is dropped). */
  public String freshSchema(String name) throws SQLException {
    execute("DROP SCHEMA IF EXISTS " + name + " CASCADE", "CREATE SCHEMA " + name);
    return name;
  }

  public void execute(String... statements) throws SQLException {
    try (Connection c = connect();
        Statement st = c.createStatement()) {
      for (String sql : statements) {
        st.execute(sql);
      }
    }
  }

  /** Copies a CSV file (with header; .gz by extension) into an existing table's listed columns. */
  public long copyCsv(Path csv, String table, String columns) throws SQLException, IOException {
    try (Connection c = connect();
        InputStream raw = Files.newInputStream(csv);
        InputStream in = csv.toString().endsWith(".gz") ? new GZIPInputStream(raw) : raw) {
      return c.unwrap(PGConnection.class)
          .getCopyAPI()
          .copyIn(
              "COPY " + table + " (" + columns + ") FROM STDIN WITH (FORMAT csv, HEADER true)",
              new InputStreamReader(in, StandardCharsets.UTF_8));
    }
  }

  /** Every row of a query, each rendered as its columns' text joined by " | ". */
  public List<String> rows(String sql) throws SQLException {
    List<String> out = new ArrayList<>();
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery(sql)) {
      ResultSetMetaData md = rs.getMetaData();
      while (rs.next()) {
        StringBuilder sb = new StringBuilder();
        for (int i = 1; i <= md.getColumnCount(); i++) {
          sb.append(i == 1 ? "" : " | ").append(rs.getString(i));
        }
        out.add(sb.toString());
      }
    }
    return out;
  }

  /** The whole table, ordered by every column: two dumps are equal when the contents are. */
  public List<String> dump(String table) throws SQLException {
    int columns;
    try (Connection c = connect();
        Statement st = c.createStatement();
        ResultSet rs = st.executeQuery("SELECT * FROM " + table + " WHERE false")) {
      columns = rs.getMetaData().getColumnCount();
    }
    StringBuilder order = new StringBuilder();
    for (int i = 1; i <= columns; i++) {
      order.append(i == 1 ? "" : ", ").append(i);
    }
    return rows("SELECT * FROM " + table + " ORDER BY " + order);
  }
}
