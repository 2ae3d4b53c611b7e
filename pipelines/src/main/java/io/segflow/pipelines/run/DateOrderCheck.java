// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.transforms.parse.Column;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.parse.DateOrder;
import io.segflow.transforms.parse.InvoiceDateParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;

/**
 * With {@code date_format: auto}, reads the invoice dates of the input files before the run to
 * decide whether slash dates are day first or month first. Files whose first rows have no slash
 * date are not read further, so ISO-dated inputs cost a few lines.
 */
public final class DateOrderCheck {
  /** Rows read before concluding that a file has no slash dates. */
  private static final int PROBE_ROWS = 1000;

  private DateOrderCheck() {}

  /**
   * The date format to run with: {@code configured} unless it is auto and the data has slash dates
   * that are day first.
   *
   * @throws SegflowException (exit 3) when the slash dates read both ways or contradict each other
   */
  public static String decide(
      String configured,
      ColumnMapping columns,
      Charset charset,
      List<InputInspector.InputFile> files) {
    if (!InvoiceDateParser.isAuto(configured)) {
      return configured;
    }
    DateOrder order = new DateOrder();
    for (InputInspector.InputFile f : files) {
      if (f.header() != null && !f.format().isRecords()) {
        int field = columns.resolve(f.path(), f.header())[Column.INVOICE_DATE.ordinal()];
        scan(f.path(), field, charset, order);
      }
    }
    return switch (order.verdict()) {
      case DAY_FIRST -> InvoiceDateParser.AUTO_DAY_FIRST;
      case AMBIGUOUS ->
          throw new SegflowException(
              ExitCode.INPUT,
              "the invoice dates are written with slashes and every one of the "
                  + order.slashDates()
                  + " reads both day first and month first (no field above 12), so their order"
                  + " cannot be told from the data. Give it: --date-format 'd/M/yyyy H:mm' (day"
                  + " first) or --date-format 'M/d/yyyy H:mm' (month first), or input.date_format"
                  + " in the config.");
      case CONTRADICTORY ->
          throw new SegflowException(
              ExitCode.INPUT,
              "the invoice dates contradict each other: '"
                  + order.dayFirstExample()
                  + "' can only be day first, '"
                  + order.monthFirstExample()
                  + "' only month first. Check the input (mixed exports?) and give the order with"
                  + " --date-format (e.g. 'd/M/yyyy H:mm'); rows in the other order are then"
                  + " rejected as bad_date.");
      default -> configured;
    };
  }

  private static void scan(String path, int field, Charset charset, DateOrder order) {
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(
                    Compression.detect(path)
                        .readDecompressed(
                            FileSystems.open(FileSystems.matchNewResource(path, false)))),
                charset))) {
      in.readLine(); // the header
      List<String> fields = new ArrayList<>();
      String line;
      long rows = 0;
      while ((line = in.readLine()) != null) {
        rows++;
        CsvFields.split(line, fields);
        if (field < fields.size()) {
          order.add(fields.get(field));
        }
        if (rows == PROBE_ROWS && order.slashDates() == 0) {
          return;
        }
      }
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT, "cannot read input file " + path + ": " + e.getMessage(), e);
    }
  }
}
