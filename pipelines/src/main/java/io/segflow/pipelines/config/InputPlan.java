// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.InvoiceDateParser;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.read.RecordFormat;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.UnsupportedCharsetException;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.List;

/**
 * The {@code input} section checked: where the rows come from and how they are read.
 *
 * @param paths absolute file paths or globs (empty when {@code jdbc} is set)
 * @param jdbc the database table or query to read instead of files, or null
 * @param format auto, csv, parquet or avro
 * @param dateFormat auto, a java.time pattern, epoch_seconds or epoch_millis
 */
public record InputPlan(
    List<String> paths,
    JdbcInput jdbc,
    String charset,
    String format,
    String dateFormat,
    String timeZone,
    ColumnMapping columns,
    int blockSize) {

  public InputPlan {
    paths = List.copyOf(paths);
  }

  /** The same input reading dates with another format (see InvoiceDateParser). */
  public InputPlan withDateFormat(String format) {
    return new InputPlan(paths, jdbc, charset, this.format, format, timeZone, columns, blockSize);
  }

  /**
   * The input section of {@code c}, checked.
   *
   * @throws ConfigException naming the key of the first bad value
   */
  public static InputPlan of(SegflowConfig c) {
    SegflowConfig.Input in = c.input;
    if ((in.paths == null || in.paths.isEmpty()) && in.jdbc == null) {
      throw new ConfigException(
          "no input: give --input FILE (or input.paths or input.jdbc in the config)");
    }
    try {
      ReadTransactionFiles.create().withCharset(in.encoding); // the reader's own check
    } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
      throw new ConfigException(
          "input.encoding '"
              + in.encoding
              + "' is not a known charset"
              + " (e.g. UTF-8, ISO-8859-1, windows-1252)");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.encoding: " + e.getMessage());
    }
    try {
      RecordFormat.of(in.format, "");
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.format (--input-format): " + e.getMessage());
    }
    try {
      InvoiceDateParser.validatePattern(in.dateFormat);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.date_format: " + e.getMessage());
    }
    try {
      ZoneId.of(in.timezone);
    } catch (DateTimeException e) {
      throw new ConfigException(
          "input.timezone (--timezone) '"
              + in.timezone
              + "' is not a known time zone (e.g. UTC, Europe/London, America/New_York)");
    }
    ColumnMapping columns;
    try {
      columns = ColumnMapping.withOverrides(in.columns);
    } catch (IllegalArgumentException e) {
      throw new ConfigException("input.columns: " + e.getMessage());
    }
    if (in.blockSize < 1 || in.blockSize > 10_000_000) {
      throw new ConfigException(
          "input.block_size must be between 1 and 10,000,000, got " + in.blockSize);
    }
    return new InputPlan(
        in.paths == null ? List.of() : LocalPaths.absolute(in.paths),
        JdbcInput.of(c, columns),
        in.encoding,
        in.format,
        in.dateFormat,
        in.timezone,
        columns,
        in.blockSize);
  }
}
