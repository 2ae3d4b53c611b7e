// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.StageMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.beam.sdk.coders.KvCoder;
import org.apache.beam.sdk.coders.StringUtf8Coder;
import org.apache.beam.sdk.coders.VarLongCoder;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.GroupByKey;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.KV;
import org.apache.beam.sdk.values.PCollection;

/**
 * Rejects input records that a later stage found only by their position: each element names a file
 * and, for one record in it, the line it starts on and the rejection message. The records' text is
 * read again from the files (stopping after the last line wanted), so that the rejected output
 * carries it as every other rejected row does, while the stages before never had to carry the text
 * of every row along. Meant for the few rows found late; each file with any is read up to its last
 * such line. Parquet and Avro files ({@link #withRecordFiles}) are read again by record number and
 * their records rendered as CSV text, as {@link ReadTransactionFiles} rendered them.
 */
public final class FetchRecordText
    extends PTransform<PCollection<KV<String, KV<Long, String>>>, PCollection<RejectedBlock>> {
  private final String charsetName;
  private final RejectReason reason;
  private final String format;
  private final ColumnMapping columns;

  private FetchRecordText(
      String charsetName, RejectReason reason, String format, ColumnMapping columns) {
    this.charsetName = charsetName;
    this.reason = reason;
    this.format = format;
    this.columns = columns;
  }

  public static FetchRecordText create() {
    return new FetchRecordText(
        StandardCharsets.UTF_8.name(), RejectReason.DUPLICATE_ROW, null, null);
  }

  /** The encoding the files were read with (default UTF-8). */
  public FetchRecordText withCharset(String name) {
    return new FetchRecordText(Charset.forName(name).name(), reason, format, columns);
  }

  /** The reason given to every record (default duplicate_row). */
  public FetchRecordText withReason(RejectReason reason) {
    return new FetchRecordText(charsetName, reason, format, columns);
  }

  /**
   * How the files were read: {@code input.format} (auto, csv, parquet or avro) and the column
   * mapping, so that Parquet and Avro records are read again as records (default: every file is
   * CSV).
   */
  public FetchRecordText withRecordFiles(String format, ColumnMapping columns) {
    return new FetchRecordText(charsetName, reason, format, columns);
  }

  /** A coder for the input elements: (file, (line, message)). */
  public static KvCoder<String, KV<Long, String>> requestCoder() {
    return KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()));
  }

  @Override
  public PCollection<RejectedBlock> expand(PCollection<KV<String, KV<Long, String>>> input) {
    return input
        .apply("GroupByFile", GroupByKey.create())
        .apply("RereadRecords", ParDo.of(new RereadFn(this)))
        .setCoder(RejectedBlock.Coder.of());
  }

  static final class RereadFn extends DoFn<KV<String, Iterable<KV<Long, String>>>, RejectedBlock> {
    private final String charsetName;
    private final RejectReason reason;
    private final String format;
    private final ColumnMapping columns;

    RereadFn(FetchRecordText spec) {
      this.charsetName = spec.charsetName;
      this.reason = spec.reason;
      this.format = spec.format;
      this.columns = spec.columns;
    }

    @ProcessElement
    public void process(
        @Element KV<String, Iterable<KV<Long, String>>> wanted, OutputReceiver<RejectedBlock> out)
        throws IOException {
      String file = wanted.getKey();
      TreeMap<Long, String> messages = new TreeMap<>();
      for (KV<Long, String> w : wanted.getValue()) {
        messages.put(w.getKey(), w.getValue());
      }
      RecordFormat recordFormat = columns == null ? null : RecordFormat.of(format, file);
      RejectedBlock block =
          recordFormat != null && recordFormat.isRecords()
              ? rereadRecords(file, recordFormat, columns, messages, reason)
              : reread(file, Charset.forName(charsetName), messages, reason);
      StageMetrics.countRejected(block);
      out.output(block);
    }
  }

  /** Rejects the Parquet or Avro records of {@code file} whose numbers {@code messages} maps. */
  static RejectedBlock rereadRecords(
      String file,
      RecordFormat format,
      ColumnMapping columns,
      SortedMap<Long, String> messages,
      RejectReason reason)
      throws IOException {
    SortedMap<Long, String> texts =
        RecordFiles.texts(file, format, columns, new TreeSet<>(messages.keySet()));
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    for (var wanted : messages.entrySet()) {
      String text = texts.get(wanted.getKey());
      if (text == null) {
        throw changed(
            file, "record " + wanted.getKey(), (messages.size() - texts.size()) + " record(s)");
      }
      rejected.add(file, wanted.getKey(), text, reason, wanted.getValue());
    }
    return rejected.build();
  }

  private static IOException changed(String file, String what, String missing) {
    return new IOException(
        "input file "
            + file
            + " changed while Segflow read it: no "
            + what
            + " any more ("
            + missing
            + " missing); run again on input files that stay unchanged during the run");
  }

  /** Rejects the records of {@code file} starting on the lines {@code messages} maps. */
  static RejectedBlock reread(
      String file, Charset charset, SortedMap<Long, String> messages, RejectReason reason)
      throws IOException {
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    TreeMap<Long, String> missing = new TreeMap<>(messages);
    try (LineSeeker in = new LineSeeker(ReadTransactionFiles.openDecompressed(file))) {
      for (var wanted : messages.entrySet()) {
        long line = wanted.getKey();
        String text = in.skipTo(line) ? in.recordText(charset) : null;
        if (text == null) {
          break; // the file ends before the line
        }
        missing.remove(line);
        rejected.add(file, line, text, reason, wanted.getValue());
      }
    }
    if (!missing.isEmpty()) {
      throw changed(
          file, "record starts on line " + missing.firstKey(), missing.size() + " line(s)");
    }
    return rejected.build();
  }

  /**
   * Moves through a stream by physical lines (counting line feeds, which is all the CSV reader
   * counts) without splitting records, which is far faster than reading records up to a line.
   */
  static final class LineSeeker implements AutoCloseable {
    private final InputStream in;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int limit;
    private long line = 1;

    LineSeeker(InputStream in) {
      this.in = in;
    }

    private boolean fill() throws IOException {
      if (pos < limit) {
        return true;
      }
      limit = in.readNBytes(buf, 0, buf.length);
      pos = 0;
      return limit > 0;
    }

    /** Moves to the start of physical line {@code target} (at or after the current one). */
    boolean skipTo(long target) throws IOException {
      while (line < target) {
        if (!fill()) {
          return false;
        }
        while (pos < limit && line < target) {
          if (buf[pos++] == '\n') {
            line++;
          }
        }
      }
      return fill();
    }

    /** Appends the current physical line, line feed included, and moves past it. */
    private boolean appendLine(ByteArrayOutputStream out) throws IOException {
      boolean any = false;
      while (fill()) {
        any = true;
        int from = pos;
        while (pos < limit && buf[pos] != '\n') {
          pos++;
        }
        if (pos < limit) {
          pos++; // the line feed
          line++;
          out.write(buf, from, pos - from);
          return true;
        }
        out.write(buf, from, pos - from);
      }
      return any;
    }

    /**
     * The text of the record starting here, exactly as the reader cut it, and moves past it. The
     * reader's own splitter decides where the record ends: lines are added while it says the
     * record's quoted field is still open (a quoted field may hold line breaks).
     */
    String recordText(Charset charset) throws IOException {
      ByteArrayOutputStream lines = new ByteArrayOutputStream(256);
      String[] text = {null};
      byte[] flag = {RawBlock.UNTERMINATED_QUOTE};
      while (flag[0] == RawBlock.UNTERMINATED_QUOTE && appendLine(lines)) {
        CsvRecordSplitter.create(charset)
            .split(
                new ByteArrayInputStream(lines.toByteArray()),
                (first, bytes, from, to, f) -> {
                  if (first == 1) {
                    text[0] = new String(bytes, from, to - from, charset);
                    flag[0] = f;
                  }
                });
      }
      return text[0];
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
