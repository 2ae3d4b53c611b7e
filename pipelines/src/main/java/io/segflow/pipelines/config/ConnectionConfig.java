// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/**
 * How to reach a database: a JDBC URL, a user, and where the password is kept: an environment
 * variable ({@code password_env}) or a file ({@code password_file}), never the config or the
 * command line, which end up in shell histories, process lists and manifest.json.
 */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public abstract class ConnectionConfig {
  /** e.g. jdbc:postgresql://db.example.com:5432/shop (no password in it). */
  public String url;

  public String user;

  /** Name of the environment variable holding the password. */
  public String passwordEnv;

  /** File holding the password (a trailing line break is ignored). */
  public String passwordFile;

  /** JDBC driver class; null: chosen from the URL (PostgreSQL's ships with Segflow). */
  public String driver;

  /** A password written into the config is refused with a pointer to the safe ways. */
  @JsonProperty("password")
  void refusePassword(Object ignored) {
    throw new IllegalArgumentException(
        "a password is not accepted in the config (it would be "
            + "copied into manifest.json and logs); name an environment variable with password_env or "
            + "a file with password_file instead");
  }
}
