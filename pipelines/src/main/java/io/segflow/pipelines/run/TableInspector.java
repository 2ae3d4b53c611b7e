// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.InputPlan;
import io.segflow.pipelines.config.JdbcInput;
import io.segflow.pipelines.sink.DatabaseErrors;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.MissingColumnException;
import io.segflow.transforms.read.TableColumns;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import org.apache.beam.sdk.io.jdbc.JdbcIO;

/**
 * The database counterpart of {@link InputInspector}: before the pipeline starts, connects, finds
 * the table or query and checks its columns, so that an unreachable server, a wrong password, a
 * missing table or column stops the run at once (exit code 3) with what to fix. Messages name the
 * URL and user, never the password.
 */
public final class TableInspector {
  private TableInspector() {}

  /** What was found, for the manifest. */
  public record InputTable(String source, String url, List<String> columns) {
    ObjectNode toJson() {
      ObjectNode n = JsonNodeFactory.instance.objectNode();
      n.put("source", source);
      n.put("url", Secrets.redact(url));
      columns.forEach(n.putArray("columns")::add);
      return n;
    }
  }

  /** Null when the run reads files. */
  public static InputTable inspect(InputPlan input) {
    return input.jdbc() == null ? null : inspect(input.jdbc(), input.columns());
  }

  static InputTable inspect(JdbcInput jdbc, ColumnMapping columns) {
    String partitionColumn = jdbc.partitionColumn();
    String sql = jdbc.read().sourceSql();
    String source = jdbc.read().sourceName();
    String where = jdbc.target().describe();
    try (Connection c =
        JdbcIO.DataSourceProviderFromDataSourceConfiguration.of(jdbc.target().dataSource())
            .apply(null)
            .getConnection()) {
      List<String> names;
      try {
        names = TableColumns.names(c, sql);
      } catch (SQLException e) {
        throw new SegflowException(
            ExitCode.INPUT,
            (sql.equals("SELECT * FROM " + source)
                ? "cannot read input table "
                    + source
                    + " in "
                    + where
                    + ": "
                    + DatabaseErrors.message(e)
                    + ". Check input.jdbc.table (qualify it with its schema, e.g. shop.sales) and "
                    + "that the user may SELECT from it."
                : "input.jdbc.query fails in "
                    + where
                    + ": "
                    + DatabaseErrors.message(e)
                    + ". Fix the query."),
            e);
      }
      columns.resolve(source, names);
      if (partitionColumn != null) {
        TableColumns.checkPartitionColumn(c, sql, partitionColumn);
      }
      return new InputTable(source, jdbc.target().url(), names);
    } catch (MissingColumnException e) {
      throw new SegflowException(ExitCode.INPUT, e.getMessage(), e);
    } catch (IllegalArgumentException e) {
      throw new SegflowException(
          ExitCode.INPUT, "input.jdbc.partition_column: " + e.getMessage(), e);
    } catch (SQLException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          "cannot connect to the input database "
              + where
              + ": "
              + DatabaseErrors.message(e)
              + ". "
              + DatabaseErrors.fix(e, "input.jdbc", jdbc.target()),
          e);
    }
  }
}
