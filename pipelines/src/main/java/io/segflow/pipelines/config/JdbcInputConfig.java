// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.annotation.JsonNaming;

/** {@code input.jdbc}: transactions read from a database table or query instead of files. */
@JsonNaming(PropertyNamingStrategies.SnakeCaseStrategy.class)
public final class JdbcInputConfig extends ConnectionConfig {
  /** A table or view, optionally schema-qualified; or give {@link #query}. */
  public String table;

  /** Any SELECT returning the transaction columns; or give {@link #table}. */
  public String query;

  /** Rows per round trip to the server. */
  public int fetchSize = 10_000;

  /** An integer column to read ranges of in parallel; null: one cursor. */
  public String partitionColumn;

  /** Ranges of the partition column (plus one for its NULLs). */
  public int partitions = 4;
}
