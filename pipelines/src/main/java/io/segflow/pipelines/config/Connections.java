// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.pipelines.common.Secrets;
import io.segflow.transforms.read.PasswordSource;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * Checks a database section of the config ({@code input.jdbc}, {@code output.database}) and turns
 * it into connection settings. Passwords are accepted only from an environment variable or a file:
 * one inside the URL or on the command line is a configuration error.
 */
public final class Connections {
  /** {@code scheme://user:password@host} or a {@code password=} URL parameter. */
  private static final Pattern PASSWORD_IN_URL =
      Pattern.compile("(?i)(//[^/@?]*:[^/@?]*@)|([?&;]password=)|([?&;]sslpassword=)");

  private Connections() {}

  /** The settings a connection is made with; the password is read when connecting. */
  public record Target(
      String key, String driver, String url, String user, PasswordSource password) {
    public JdbcIO.DataSourceConfiguration dataSource() {
      JdbcIO.DataSourceConfiguration c = JdbcIO.DataSourceConfiguration.create(driver, url);
      if (user != null) {
        c = c.withUsername(user);
      }
      return password == null ? c : c.withPassword(password);
    }

    /** For messages: the URL (credentials masked) and the user. */
    public String describe() {
      return Secrets.redact(url) + (user == null ? "" : " as user " + user);
    }
  }

  /**
   * The connection a config section names, checked.
   *
   * @param key the config section, e.g. "input.jdbc", named in every message
   */
  public static Target of(String key, ConnectionConfig c) {
    if (c.url == null || !c.url.startsWith("jdbc:")) {
      throw new ConfigException(
          key
              + ".url must be a JDBC URL such as "
              + "jdbc:postgresql://HOST:5432/DATABASE, got "
              + (c.url == null ? "nothing" : "'" + Secrets.redact(c.url) + "'"));
    }
    if (PASSWORD_IN_URL.matcher(c.url).find()) {
      throw new ConfigException(
          key
              + ".url must not contain a password (it would be logged and "
              + "copied into manifest.json); put it in an environment variable named by "
              + key
              + ".password_env, or in a file named by "
              + key
              + ".password_file");
    }
    if (c.passwordEnv != null && c.passwordFile != null) {
      throw new ConfigException(
          "give " + key + ".password_env or " + key + ".password_file, not both");
    }
    PasswordSource password;
    try {
      password =
          c.passwordEnv != null
              ? PasswordSource.fromEnvironment(c.passwordEnv)
              : c.passwordFile != null ? PasswordSource.fromFile(c.passwordFile) : null;
      if (password != null) {
        password.check();
      }
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(key + ": " + e.getMessage());
    }
    return new Target(key, driver(key, c), c.url, c.user, password);
  }

  private static String driver(String key, ConnectionConfig c) {
    if (c.driver != null && !c.driver.isBlank()) {
      return c.driver;
    }
    if (c.url.toLowerCase(Locale.ROOT).startsWith("jdbc:postgresql:")) {
      return "org.postgresql.Driver";
    }
    throw new ConfigException(
        key
            + ".driver: name the JDBC driver class for "
            + Secrets.redact(c.url)
            + " (only PostgreSQL's is known by default) and put its jar on the class path");
  }

  /**
   * Refuses a password given as a command-line flag ({@code --password=...}, {@code --db-password
   * X}, ...): flags are visible to every user of the machine and kept in shell histories.
   */
  public static void rejectPasswordFlags(List<String> args) {
    for (String arg : args) {
      if (!arg.startsWith("-")) {
        continue;
      }
      String name = arg.replaceFirst("^-+", "").split("=", 2)[0];
      if (Secrets.isSecretKey(name)) {
        throw new ConfigException(
            "--"
                + name
                + ": passwords are not accepted on the command line "
                + "(other users and shell histories see them); set input.jdbc.password_env or "
                + "password_file (output.database.password_env or password_file) in the run config");
      }
    }
  }
}
