// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.read.ReadTransactionTable;

/**
 * {@code input.jdbc} checked and turned into the reader's settings.
 *
 * @param partitionColumn the column the reads are split on, or null
 */
public record JdbcInput(
    Connections.Target target, ReadTransactionTable read, String partitionColumn) {
  static final String KEY = "input.jdbc";

  /** Null when the config reads files. */
  public static JdbcInput of(SegflowConfig c, ColumnMapping columns) {
    JdbcInputConfig j = c.input.jdbc;
    if (j == null) {
      return null;
    }
    if (c.input.paths != null && !c.input.paths.isEmpty()) {
      throw new ConfigException(
          "give either input files (input.paths, --input) or " + KEY + ", not both");
    }
    if ((j.table == null) == (j.query == null)) {
      throw new ConfigException(KEY + ": give either table or query");
    }
    if (j.fetchSize < 1 || j.fetchSize > 1_000_000) {
      throw new ConfigException(
          KEY + ".fetch_size must be between 1 and 1,000,000, got " + j.fetchSize);
    }
    Connections.Target target = Connections.of(KEY, j);
    try {
      ReadTransactionTable read =
          ReadTransactionTable.create()
              .withDataSource(target.dataSource())
              .withFetchSize(j.fetchSize)
              .withBlockSize(c.input.blockSize)
              .withColumns(columns);
      read = j.table != null ? read.fromTable(j.table) : read.fromQuery(j.query);
      if (j.partitionColumn != null) {
        read = read.withPartitions(j.partitionColumn, j.partitions);
      }
      return new JdbcInput(target, read, j.partitionColumn);
    } catch (IllegalArgumentException e) {
      throw new ConfigException(KEY + ": " + e.getMessage());
    }
  }
}
