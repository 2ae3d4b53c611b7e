// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.InputPlan;
import io.segflow.pipelines.config.SegflowConfig;
import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.parse.Column;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.parse.InvoiceDateParser;
import io.segflow.transforms.parse.TransactionParser;
import io.segflow.transforms.read.RecordFiles;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.options.PipelineOptionsFactory;

/**
 * What {@code segflow inspect} prints about an input before any run: the format, the layout, the
 * column mapping, the date format, the first rows as they would be parsed, the features available,
 * and what would stop a run. Uses the run's own checks, so a run stops exactly when this says so.
 */
public final class InputReport {
  /** Parsed rows shown. */
  private static final int ROWS_SHOWN = 5;

  /** Lines read from the first file to find rows to show. */
  private static final int LINES_READ = 200;

  private InputReport() {}

  /**
   * Prints the report on {@code out}.
   *
   * @return the exit code a run would stop with (0: nothing found that would stop it)
   */
  public static int print(SegflowConfig c, PrintStream out) {
    if (c.input.paths == null || c.input.paths.isEmpty()) {
      throw new ConfigException("no input: give --input FILE (or input.paths in the config)");
    }
    InputPlan input = InputPlan.of(c);
    ColumnMapping columns = input.columns();
    FileSystems.setDefaultPipelineOptions(PipelineOptionsFactory.create());
    Charset charset = Charset.forName(input.charset());
    List<InputInspector.InputFile> files;
    try {
      files = InputInspector.inspect(input.paths(), charset, columns, input.format());
    } catch (SegflowException e) {
      return stop(out, e);
    }
    out.println(
        "format:       "
            + files.stream()
                .map(f -> f.format().name())
                .distinct()
                .collect(java.util.stream.Collectors.joining(" + "))
            + ", "
            + files.size()
            + " file(s)");
    for (InputInspector.InputFile f : files) {
      out.println(
          "  "
              + Secrets.redact(f.path())
              + (f.compressed() ? " (compressed)" : "")
              + (f.header() == null ? " (empty)" : ""));
    }
    InputInspector.InputFile first =
        files.stream().filter(f -> f.header() != null).findFirst().orElse(null);
    if (first == null) {
      out.println("nothing to read: every file is empty");
      return ExitCode.NO_USABLE_ROWS.code();
    }
    out.println("header:       " + first.header());
    InputModel model = InputModel.of(columns, files);
    Map<String, String> mapped = model.mapping();
    out.println("layout:       " + layout(mapped));
    out.println("columns:");
    mapped.forEach((key, header) -> out.printf("  %-13s <- %s%n", key, header));
    String dateFormat;
    try {
      dateFormat = DateOrderCheck.decide(input.dateFormat(), columns, charset, files);
    } catch (SegflowException e) {
      return stop(out, e);
    }
    out.println("date format:  " + describeDates(dateFormat) + ", time zone " + input.timeZone());
    model.notes().forEach(n -> out.println("note:         " + n));
    out.println(
        "features:     recency_days, frequency, monetary, avg_basket_value, tenure_days"
            + (model.absentFeatures().contains("total_quantity") ? "" : ", total_quantity")
            + (model.absentFeatures().contains("distinct_products") ? "" : ", distinct_products"));
    io.segflow.transforms.features.InputFeatures.reasons(model.absentFeatures())
        .forEach((f, why) -> out.println("  absent:     " + f + " (" + why + ")"));
    int[] index = columns.resolve(first.path(), first.header());
    out.println("first rows, as parsed:");
    showRows(out, first, columns, index, charset, dateFormat, ZoneId.of(input.timeZone()));
    out.println("would stop a run: nothing found");
    return ExitCode.OK.code();
  }

  private static int stop(PrintStream out, SegflowException e) {
    out.println("would stop a run (exit " + e.exitCode().code() + "): " + e.getMessage());
    return e.exitCode().code();
  }

  private static String layout(Map<String, String> mapped) {
    String rows =
        mapped.containsKey(Column.INVOICE.key())
            ? "lines of orders (order id '" + mapped.get(Column.INVOICE.key()) + "')"
            : "one row per order (no order id)";
    String money =
        mapped.containsKey(Column.AMOUNT.key())
            ? "money = amount '" + mapped.get(Column.AMOUNT.key()) + "' (each row's total)"
            : "money = quantity '"
                + mapped.get(Column.QUANTITY.key())
                + "' x unit_price '"
                + mapped.get(Column.UNIT_PRICE.key())
                + "'";
    return rows + "; " + money;
  }

  private static String describeDates(String format) {
    if (InvoiceDateParser.isAuto(format)) {
      return "auto (ISO-8601, yyyyMMdd; slash dates month first)";
    }
    if (format.equalsIgnoreCase(InvoiceDateParser.AUTO_DAY_FIRST)) {
      return "auto, slash dates day first (d/M/yyyy, decided from the data)";
    }
    return format;
  }

  private static void showRows(
      PrintStream out,
      InputInspector.InputFile file,
      ColumnMapping columns,
      int[] index,
      Charset charset,
      String dateFormat,
      ZoneId zone) {
    RawBlock block;
    if (file.format().isRecords()) {
      try {
        block = RecordFiles.firstRecords(file.path(), file.format(), columns, LINES_READ);
      } catch (IOException e) {
        out.println("  cannot read " + file.path() + ": " + e.getMessage());
        return;
      }
    } else {
      block = firstLines(out, file, index, charset);
    }
    if (block != null) {
      parseAndShow(out, block, index, dateFormat, zone);
    }
  }

  /** The first lines of a CSV file as a block, or null (after saying why) when it is unreadable. */
  private static RawBlock firstLines(
      PrintStream out, InputInspector.InputFile file, int[] index, Charset charset) {
    List<String> texts = new ArrayList<>();
    List<Long> lines = new ArrayList<>();
    try (BufferedReader in =
        new BufferedReader(
            new InputStreamReader(
                Channels.newInputStream(
                    Compression.detect(file.path())
                        .readDecompressed(
                            FileSystems.open(FileSystems.matchNewResource(file.path(), false)))),
                charset))) {
      in.readLine();
      String line;
      long n = 1;
      while (texts.size() < LINES_READ && (line = in.readLine()) != null) {
        n++;
        texts.add(line);
        lines.add(n);
      }
    } catch (IOException e) {
      out.println("  cannot read " + file.path() + ": " + e.getMessage());
      return null;
    }
    String header = String.join(",", file.header());
    return new RawBlock(
        file.path(),
        header,
        CsvFields.split(header).size(),
        index,
        lines.stream().mapToLong(Long::longValue).toArray(),
        texts.toArray(new String[0]),
        new byte[texts.size()]);
  }

  private static void parseAndShow(
      PrintStream out, RawBlock block, int[] index, String dateFormat, ZoneId zone) {
    TransactionBlock.Builder rows = TransactionBlock.builder();
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    new TransactionParser(dateFormat, zone).parse(block, rows, rejected);
    TransactionBlock b = rows.build();
    out.printf(
        "  %-6s %-20s %-19s %-16s %8s %12s%n",
        "line", "customer_id", "invoice_date", "order", "quantity", "money");
    for (int i = 0; i < Math.min(ROWS_SHOWN, b.size()); i++) {
      out.printf(
          "  %-6d %-20s %-19s %-16s %8d %12.2f%n",
          b.line(i),
          clip(b.customerId(i)),
          LocalDateTime.ofEpochSecond(b.time(i), 0, ZoneOffset.UTC),
          index[Column.INVOICE.ordinal()] < 0 ? "(row)" : clip(b.invoice(i)),
          b.quantity(i),
          b.lineValue(i));
    }
    RejectedBlock r = rejected.build();
    if (r.size() > 0) {
      out.println(
          "  " + r.size() + " of the first " + block.size() + " rows would be rejected, e.g.:");
      for (RejectedRecord rec : r.records().subList(0, Math.min(3, r.size()))) {
        out.println(
            "    line "
                + rec.getLineNumber()
                + ": "
                + rec.getReason()
                + " ("
                + rec.getMessage()
                + ")");
      }
    }
  }

  private static String clip(String s) {
    return s == null ? "(none)" : s.length() <= 20 ? s : s.substring(0, 19) + "…";
  }
}
