// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import java.util.regex.Pattern;

/** {@code output.database} checked: where the tables are and how to reach them. */
public record DatabaseOutput(Connections.Target target, String schema, String tablePrefix) {
  static final String KEY = "output.database";

  /** Lower-case names only: they need no quoting and mean the same in every SQL tool. */
  private static final Pattern NAME = Pattern.compile("[a-z_][a-z0-9_]{0,40}");

  private static final Pattern PREFIX = Pattern.compile("[a-z0-9_]{0,40}");

  public static DatabaseOutput of(DatabaseOutputConfig c) {
    Connections.Target target = Connections.of(KEY, c);
    if (c.schema == null || !NAME.matcher(c.schema).matches()) {
      throw new ConfigException(
          KEY
              + ".schema must be a lower-case name (letters, digits, _), "
              + "got '"
              + c.schema
              + "'");
    }
    String prefix = c.tablePrefix == null ? "" : c.tablePrefix;
    if (!PREFIX.matcher(prefix).matches()) {
      throw new ConfigException(
          KEY
              + ".table_prefix may hold only lower-case letters, digits and "
              + "_, got '"
              + c.tablePrefix
              + "'");
    }
    if (!c.url.toLowerCase(java.util.Locale.ROOT).startsWith("jdbc:postgresql:")) {
      throw new ConfigException(
          KEY
              + ".url must be a PostgreSQL URL (jdbc:postgresql://...): "
              + "the load uses PostgreSQL's upsert");
    }
    return new DatabaseOutput(target, c.schema, prefix);
  }

  public String customersTable() {
    return schema + "." + tablePrefix + "customers";
  }

  public String segmentsTable() {
    return schema + "." + tablePrefix + "segments";
  }
}
