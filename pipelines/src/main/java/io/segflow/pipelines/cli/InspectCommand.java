// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigLoader;
import io.segflow.pipelines.config.SegflowConfig;
import io.segflow.pipelines.run.InputReport;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segflow inspect}: how an input would be read, before running on it. */
@Command(
    name = "inspect",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows how the input would be read: format, layout, column mapping, date format, the first"
          + " rows as parsed, the features available and what would stop a run. Reads only the"
          + " headers, the first rows and (for slash dates) the date column. Exit codes as run."
    })
class InspectCommand implements Callable<Integer> {
  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "YAML run config (its input section is used).")
  Path config;

  @Option(
      names = {"-i", "--input"},
      paramLabel = "PATH",
      split = ",",
      description = "Input CSV file or glob; repeatable. Replaces input.paths.")
  List<String> inputs;

  @Option(
      names = "--column",
      paramLabel = "KEY=HEADER",
      description = "Map a column to the header name your files use, e.g. customer_id=Cust_No.")
  Map<String, String> columns;

  @Option(names = "--date-format", paramLabel = "PATTERN", description = "As for run.")
  String dateFormat;

  @Option(names = "--input-format", paramLabel = "FORMAT", description = "As for run.")
  String inputFormat;

  @Option(names = "--timezone", paramLabel = "ZONE", description = "As for run.")
  String timezone;

  @Option(names = "--encoding", paramLabel = "CHARSET", description = "As for run.")
  String encoding;

  @Override
  public Integer call() {
    SegflowConfig c = config == null ? new SegflowConfig() : ConfigLoader.load(config);
    if (inputs != null) {
      c.input.paths = inputs;
    }
    if (columns != null) {
      c.input.columns.putAll(columns);
    }
    if (dateFormat != null) {
      c.input.dateFormat = dateFormat;
    }
    if (inputFormat != null) {
      c.input.format = inputFormat;
    }
    if (timezone != null) {
      c.input.timezone = timezone;
    }
    if (encoding != null) {
      c.input.encoding = encoding;
    }
    return InputReport.print(c, System.out);
  }
}
