// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.config.Connections;
import java.sql.SQLException;

/** How a database failure is told: the driver's message, and what to do from its SQL state. */
public final class DatabaseErrors {
  private DatabaseErrors() {}

  /** The driver's message, first line only (PostgreSQL adds position and hint lines), masked. */
  public static String message(SQLException e) {
    String m = e.getMessage() == null ? e.toString() : e.getMessage();
    int nl = m.indexOf('\n');
    return Secrets.redact(nl < 0 ? m : m.substring(0, nl));
  }

  public static String fix(SQLException e, String key, Connections.Target target) {
    String state = sqlState(e);
    if (state.startsWith("28")) {
      return "Check "
          + key
          + ".user and the password in "
          + (target.password() == null
              ? "password_env or password_file (none is set)"
              : target.password().describe())
          + ".";
    }
    if (state.equals("3D000")) {
      return "Check the database name in " + key + ".url.";
    }
    if (state.startsWith("08")) {
      return "Check "
          + key
          + ".url (host, port) and that the server is running and accepts "
          + "connections from this machine.";
    }
    return "Check " + key + " (url, user, password_env or password_file) and the server.";
  }

  /** The first SQL state in the chain (pools wrap the driver's exception). */
  private static String sqlState(SQLException e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof SQLException && ((SQLException) t).getSQLState() != null) {
        return ((SQLException) t).getSQLState();
      }
    }
    return "";
  }
}
