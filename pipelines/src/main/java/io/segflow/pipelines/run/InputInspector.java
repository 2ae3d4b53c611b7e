// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.LocalPaths;
import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.parse.CsvFields;
import io.segflow.transforms.parse.MissingColumnException;
import io.segflow.transforms.read.ColumnTypeException;
import io.segflow.transforms.read.RecordFiles;
import io.segflow.transforms.read.RecordFormat;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.charset.Charset;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.io.Compression;
import org.apache.beam.sdk.io.FileSystems;
import org.apache.beam.sdk.io.fs.EmptyMatchTreatment;
import org.apache.beam.sdk.io.fs.MatchResult;

/**
 * Checks the inputs before the pipeline starts, so that fatal problems stop the run at once with a
 * precise message: a pattern that matches nothing, a file that cannot be read, a header without a
 * required column.
 */
public final class InputInspector {
  private InputInspector() {}

  /**
   * One matched input file. {@code header} is null for an empty file; for a Parquet or Avro file it
   * holds the field names.
   */
  public record InputFile(
      String path, long sizeBytes, boolean compressed, List<String> header, RecordFormat format) {
    public InputFile(String path, long sizeBytes, boolean compressed, List<String> header) {
      this(path, sizeBytes, compressed, header, RecordFormat.CSV);
    }
  }

  /** The input files, each read as its extension says (see {@link RecordFormat}). */
  public static List<InputFile> inspect(
      List<String> patterns, Charset charset, ColumnMapping columns) {
    return inspect(patterns, charset, columns, "auto");
  }

  /**
   * The input files in {@code format} ({@code input.format}: auto, csv, parquet or avro).
   *
   * @throws SegflowException (exit 3) for a missing file, a column the mapping does not find, or a
   *     Parquet/Avro column that is nested or of the wrong type
   */
  public static List<InputFile> inspect(
      List<String> patterns, Charset charset, ColumnMapping columns, String format) {
    List<InputFile> files = new ArrayList<>();
    for (String pattern : patterns) {
      requireExistingLocalPath(pattern);
      MatchResult match;
      try {
        match = FileSystems.match(List.of(pattern), EmptyMatchTreatment.ALLOW).get(0);
      } catch (IOException e) {
        throw new SegflowException(
            ExitCode.INPUT, "cannot list input '" + pattern + "': " + e.getMessage(), e);
      }
      List<MatchResult.Metadata> found;
      try {
        found = match.status() == MatchResult.Status.OK ? match.metadata() : List.of();
      } catch (IOException e) {
        found = List.of();
      }
      if (found.isEmpty()) {
        throw new SegflowException(
            ExitCode.INPUT,
            "input '"
                + pattern
                + "' matches no file"
                + " (working folder: "
                + System.getProperty("user.dir")
                + "). Check the path or glob.");
      }
      for (MatchResult.Metadata m : found) {
        if (m.resourceId().isDirectory()) {
          continue;
        }
        RecordFormat f = RecordFormat.of(format, m.resourceId().toString());
        files.add(
            f.isRecords() ? inspectRecordFile(m, f, columns) : inspectFile(m, charset, columns));
      }
    }
    files.sort((a, b) -> a.path().compareTo(b.path()));
    return files;
  }

  /**
   * A local path without wildcards is checked directly: Beam's matcher would otherwise search the
   * whole tree under the nearest existing folder for a missing file (minutes, under "/").
   */
  private static void requireExistingLocalPath(String pattern) {
    boolean glob = pattern.chars().anyMatch(c -> "*?[{".indexOf(c) >= 0);
    boolean local = LocalPaths.isLocal(pattern);
    if (!glob && local && !java.nio.file.Files.exists(java.nio.file.Path.of(pattern))) {
      throw new SegflowException(
          ExitCode.INPUT,
          "input file "
              + pattern
              + " does not exist"
              + " (working folder: "
              + System.getProperty("user.dir")
              + "). Check the path.");
    }
  }

  private static InputFile inspectFile(
      MatchResult.Metadata m, Charset charset, ColumnMapping columns) {
    String path = m.resourceId().toString();
    Compression compression = Compression.detect(path);
    List<String> header;
    try (InputStream in =
        Channels.newInputStream(compression.readDecompressed(FileSystems.open(m.resourceId())))) {
      header = readHeader(in, charset);
    } catch (IOException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          "cannot read input file "
              + path
              + ": "
              + e.getMessage()
              + ". Check that it exists, is readable"
              + (compression == Compression.UNCOMPRESSED
                  ? ""
                  : " and is a valid " + compression + " file")
              + ".",
          e);
    }
    if (header != null && looksBinary(header)) {
      throw new SegflowException(
          ExitCode.INPUT,
          "input file "
              + path
              + " is not CSV text: its "
              + "first line holds binary data. Check the path; a compressed file needs its usual "
              + "extension (.gz, .bz2, .zst, .zip, .deflate) to be decompressed.");
    }
    if (header != null) {
      try {
        columns.resolve(path, header);
      } catch (MissingColumnException e) {
        throw new SegflowException(ExitCode.INPUT, e.getMessage(), e);
      }
    }
    return new InputFile(path, m.sizeBytes(), compression != Compression.UNCOMPRESSED, header);
  }

  private static InputFile inspectRecordFile(
      MatchResult.Metadata m, RecordFormat format, ColumnMapping columns) {
    String path = m.resourceId().toString();
    List<String> header;
    try {
      header = RecordFiles.inspect(path, format, columns);
    } catch (MissingColumnException | ColumnTypeException e) {
      throw new SegflowException(ExitCode.INPUT, e.getMessage(), e);
    } catch (IOException | RuntimeException e) {
      throw new SegflowException(
          ExitCode.INPUT,
          "cannot read input file "
              + path
              + " as "
              + format.key()
              + ": "
              + e.getMessage()
              + ". Check that it is a valid "
              + format.key()
              + " file, or give its format with --input-format (input.format).",
          e);
    }
    return new InputFile(path, m.sizeBytes(), false, header, format);
  }

  /** Control characters (other than tab) or undecodable bytes in a header mean binary data. */
  static boolean looksBinary(List<String> header) {
    for (String field : header) {
      for (int i = 0; i < field.length(); i++) {
        char c = field.charAt(i);
        if (c == '\uFFFD' || (c < 0x20 && c != '\t')) {
          return true;
        }
      }
    }
    return false;
  }

  /** The fields of the first line, or null when the file is empty. */
  static List<String> readHeader(InputStream in, Charset charset) throws IOException {
    ByteArrayOutputStream line = new ByteArrayOutputStream();
    int b;
    int read = 0;
    while ((b = in.read()) >= 0 && b != '\n' && read++ < (1 << 20)) {
      line.write(b);
    }
    String text = line.toString(charset);
    if (text.startsWith("\uFEFF")) {
      text = text.substring(1);
    }
    if (text.endsWith("\r")) {
      text = text.substring(0, text.length() - 1);
    }
    if (text.isEmpty() && b < 0) {
      return null;
    }
    return CsvFields.split(text);
  }
}
