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
 *
 * <p>{@link #decide} reads every date. A run uses {@link #decideEarly}, which stops at the first
 * date that can only be read one way: a later date that can only be read the other way does not
 * parse in the order chosen, so the run rejects its row at parse; {@link Decision#confirm} then
 * reads every date as {@link #decide} does, and stops the run with the same error, before anything
 * is published, when they contradict each other.
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
    scanAll(columns, charset, files, order, false);
    return formatFor(configured, order);
  }

  /**
   * The date format to run with, as {@link #decide} gives it, read only up to the first date that
   * decides the order. A contradiction after that point is found by {@link Decision#confirm}.
   *
   * @throws SegflowException (exit 3) when the slash dates read both ways or the dates read
   *     contradict each other
   */
  public static Decision decideEarly(
      String configured,
      ColumnMapping columns,
      Charset charset,
      List<InputInspector.InputFile> files) {
    if (!InvoiceDateParser.isAuto(configured)) {
      return new Decision(configured, null);
    }
    DateOrder order = new DateOrder();
    boolean complete = scanAll(columns, charset, files, order, true);
    String format = formatFor(configured, order);
    return new Decision(
        format, complete ? null : () -> decide(configured, columns, charset, files));
  }

  /**
   * A date format decided from the data; {@code rest} reads every date again when the decision was
   * taken before the end of the data (null when every date was read, or none had to be).
   */
  public static final class Decision {
    private final String format;
    private final Runnable rest;

    private Decision(String format, Runnable rest) {
      this.format = format;
      this.rest = rest;
    }

    public String format() {
      return format;
    }

    /** Whether the decision was taken before every date was read. */
    public boolean stoppedEarly() {
      return rest != null;
    }

    /**
     * After the run: when the decision was taken early and {@code parseRejects} rows were rejected
     * at parse (where a date in the other order ends up, as a bad_date, or under an earlier reason
     * of the same row), reads every date and throws what {@link #decide} throws.
     *
     * @throws SegflowException (exit 3) when the dates contradict each other
     */
    public void confirm(long parseRejects) {
      if (rest != null && parseRejects > 0) {
        rest.run();
      }
    }

    /**
     * After a failed run: when the decision was taken early, reads every date as {@link #decide}.
     */
    public void confirmAfterFailure() {
      confirm(1);
    }
  }

  /**
   * Feeds {@code order} the dates of every file; with {@code early}, stops at the first date that
   * can be read one way only. Returns whether every date was read.
   */
  private static boolean scanAll(
      ColumnMapping columns,
      Charset charset,
      List<InputInspector.InputFile> files,
      DateOrder order,
      boolean early) {
    for (InputInspector.InputFile f : files) {
      if (f.header() != null && !f.format().isRecords()) {
        int field = columns.resolve(f.path(), f.header())[Column.INVOICE_DATE.ordinal()];
        if (!scan(f.path(), field, charset, order, early)) {
          return false;
        }
      }
    }
    return true;
  }

  private static String formatFor(String configured, DateOrder order) {
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

  /**
   * Feeds {@code order} the file's dates; with {@code early}, stops at the first date that can be
   * read one way only and returns false.
   */
  private static boolean scan(
      String path, int field, Charset charset, DateOrder order, boolean early) {
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
          if (early && order.decided()) {
            return false;
          }
        }
        if (rows == PROBE_ROWS && order.slashDates() == 0) {
          return true;
        }
      }
      return true;
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT, "cannot read input file " + path + ": " + e.getMessage(), e);
    }
  }
}
