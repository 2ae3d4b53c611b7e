// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.StageMetrics;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.TreeMap;
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
 * Rejects input records that a later stage found only by their position: each element names a
 * file and, for one record in it, the line it starts on and the rejection message. The records'
 * text is read again from the files (stopping after the last line wanted), so that the rejected
 * output carries it as every other rejected row does, while the stages before never had to carry
 * the text of every row along. Meant for the few rows found late; each file with any is read up to
 * its last such line.
 */
public final class FetchRecordText
    extends PTransform<PCollection<KV<String, KV<Long, String>>>, PCollection<RejectedBlock>> {
  private final String charsetName;
  private final RejectReason reason;

  private FetchRecordText(String charsetName, RejectReason reason) {
    this.charsetName = charsetName;
    this.reason = reason;
  }

  public static FetchRecordText create() {
    return new FetchRecordText(StandardCharsets.UTF_8.name(), RejectReason.DUPLICATE_ROW);
  }

  /** The encoding the files were read with (default UTF-8). */
  public FetchRecordText withCharset(String name) {
    return new FetchRecordText(Charset.forName(name).name(), reason);
  }

  /** The reason given to every record (default duplicate_row). */
  public FetchRecordText withReason(RejectReason reason) {
    return new FetchRecordText(charsetName, reason);
  }

  /** A coder for the input elements: (file, (line, message)). */
  public static KvCoder<String, KV<Long, String>> requestCoder() {
    return KvCoder.of(StringUtf8Coder.of(), KvCoder.of(VarLongCoder.of(), StringUtf8Coder.of()));
  }

  @Override
  public PCollection<RejectedBlock> expand(PCollection<KV<String, KV<Long, String>>> input) {
    return input
        .apply("GroupByFile", GroupByKey.create())
        .apply("RereadRecords", ParDo.of(new RereadFn(charsetName, reason)))
        .setCoder(RejectedBlock.Coder.of());
  }

  static final class RereadFn extends DoFn<KV<String, Iterable<KV<Long, String>>>, RejectedBlock> {
    private final String charsetName;
    private final RejectReason reason;

    RereadFn(String charsetName, RejectReason reason) {
      this.charsetName = charsetName;
      this.reason = reason;
    }

    @ProcessElement
    public void process(@Element KV<String, Iterable<KV<Long, String>>> wanted,
        OutputReceiver<RejectedBlock> out) throws IOException {
      String file = wanted.getKey();
      TreeMap<Long, String> messages = new TreeMap<>();
      for (KV<Long, String> w : wanted.getValue()) {
        messages.put(w.getKey(), w.getValue());
      }
      RejectedBlock block = reread(file, Charset.forName(charsetName), messages, reason);
      StageMetrics.countRejected(block);
      out.output(block);
    }
  }

  /** Rejects the records of {@code file} starting on the lines {@code messages} maps. */
  static RejectedBlock reread(String file, Charset charset, TreeMap<Long, String> messages,
      RejectReason reason) throws IOException {
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    TreeMap<Long, String> missing = new TreeMap<>(messages);
    try (LineSeeker in = new LineSeeker(ReadTransactionFiles.openDecompressed(file))) {
      for (var wanted : messages.entrySet()) {
        long line = wanted.getKey();
        byte[] record = in.skipTo(line) ? in.record() : null;
        if (record == null) {
          break; // the file ends before the line
        }
        // The record's bytes exactly as the reader cut them (line break, a closing \r left out).
        CsvRecordSplitter.create(charset).split(new ByteArrayInputStream(record),
            (first, bytes, from, to, flag) -> {
              if (first == 1 && missing.remove(line) != null) {
                rejected.add(file, line, new String(bytes, from, to - from, charset), reason,
                    wanted.getValue());
              }
            });
      }
    }
    if (!missing.isEmpty()) {
      throw new IOException("input file " + file + " changed while Segflow read it: no record "
          + "starts on line " + missing.firstKey() + " any more (" + missing.size() + " line(s) "
          + "missing); run again on input files that stay unchanged during the run");
    }
    return rejected.build();
  }

  /**
   * Moves through a stream by physical lines (counting line feeds, which is all the CSV reader
   * counts) without splitting records, which is far faster than reading records up to a line.
   */
  static final class LineSeeker implements AutoCloseable {
    private static final int FIELD_START = 0;
    private static final int UNQUOTED = 1;
    private static final int QUOTED = 2;
    private static final int QUOTE_IN_QUOTED = 3;
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

    /**
     * The bytes of the record starting here, through its closing line feed (or the end of the
     * stream), by the reader's quoting rules: a quote opens a quoted field only at the start of a
     * field, and a quoted field may hold line breaks. Leaves the position after the record.
     */
    byte[] record() throws IOException {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      int state = FIELD_START;
      while (fill()) {
        int from = pos;
        while (pos < limit) {
          byte b = buf[pos++];
          if (b == '\n') {
            line++;
            if (state != QUOTED) {
              out.write(buf, from, pos - from);
              return out.toByteArray();
            }
          } else if (state == QUOTED) {
            state = b == '"' ? QUOTE_IN_QUOTED : QUOTED;
          } else if (b == ',') {
            state = FIELD_START;
          } else if (b == '"') {
            state = state == FIELD_START || state == QUOTE_IN_QUOTED ? QUOTED : state;
          } else if (b != '\r') {
            state = UNQUOTED;
          }
        }
        out.write(buf, from, pos - from);
      }
      return out.size() == 0 ? null : out.toByteArray();
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
