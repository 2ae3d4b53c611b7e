// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.zip.GZIPInputStream;

/**
 * Reads a CSV file (gzip-compressed or not, recognised by its first bytes) record by record into
 * {@link RecordFields}: RFC 4180 quoting, line breaks inside quotes, CRLF line ends, a UTF-8
 * byte-order mark. Fields are cut in one pass over a large byte buffer; a record that runs past the
 * buffer's end is cut again after a refill.
 *
 * <p>Simpler than Segflow's reader by design: a quote that is never closed swallows the rest of the
 * file into one (rejected) record, and nothing is kept for a rejected-rows output.
 */
final class RetailCsvReader implements Closeable {
  private static final int BUFFER = 1 << 20;

  private final InputStream in;
  private final RecordFields fields = new RecordFields();
  private byte[] buf = new byte[BUFFER];
  private int pos;
  private int limit;
  private boolean eof;
  private boolean started;

  private RetailCsvReader(InputStream in) {
    this.in = in;
  }

  static RetailCsvReader open(Path file) throws IOException {
    InputStream raw = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
    raw.mark(2);
    boolean gzip = raw.read() == 0x1f && raw.read() == 0x8b;
    raw.reset();
    return new RetailCsvReader(gzip ? new GZIPInputStream(raw, 1 << 16) : raw);
  }

  /** The fields of the record {@link #next()} read last. */
  RecordFields fields() {
    return fields;
  }

  /** Reads the next record; false at the end of the file. */
  boolean next() throws IOException {
    while (true) {
      if (pos < limit || eof) {
        int after = split(pos);
        if (after >= 0) {
          pos = after;
          return true;
        }
        if (eof) {
          return false;
        }
      }
      refill();
    }
  }

  private void refill() throws IOException {
    if (pos > 0) {
      System.arraycopy(buf, pos, buf, 0, limit - pos);
      limit -= pos;
      pos = 0;
    }
    if (limit == buf.length) {
      buf = Arrays.copyOf(buf, buf.length * 2); // a record longer than the buffer
    }
    int n = in.readNBytes(buf, limit, buf.length - limit);
    if (n == 0) {
      eof = true;
      return;
    }
    limit += n;
    if (!started) {
      started = true;
      if (limit >= 3
          && (buf[0] & 0xFF) == 0xEF
          && (buf[1] & 0xFF) == 0xBB
          && (buf[2] & 0xFF) == 0xBF) {
        pos = 3; // UTF-8 byte-order mark
      }
    }
  }

  /**
   * Cuts the record starting at {@code from} into fields; returns the index after it, or -1 when
   * the buffer ends before the record does (or, at the end of the file, when nothing is left).
   */
  private int split(int from) {
    fields.clear();
    if (from == limit) {
      return -1;
    }
    byte[] b = buf;
    int i = from;
    while (true) {
      if (i < limit && b[i] == '"') {
        i = quotedField(i);
        if (i < 0) {
          return -1;
        }
      } else {
        int fieldStart = i;
        while (i < limit && b[i] != ',' && b[i] != '\n') {
          i++;
        }
        if (i == limit && !eof) {
          return -1;
        }
        int fieldEnd = i;
        if ((i == limit || b[i] == '\n') && fieldEnd > fieldStart && b[fieldEnd - 1] == '\r') {
          fieldEnd--;
        }
        fields.add(b, fieldStart, fieldEnd);
      }
      if (i == limit) {
        return limit; // the last record of a file without a final line break
      }
      if (b[i] == '\n') {
        return i + 1;
      }
      i++; // the comma
    }
  }

  /** Unescapes the quoted field at {@code i}; returns the index of its delimiter, or -1. */
  private int quotedField(int i) {
    byte[] b = buf;
    int mark = fields.scratchMark();
    int j = i + 1;
    while (true) {
      if (j == limit) {
        if (!eof) {
          return -1;
        }
        break; // unterminated at the end of the file
      }
      byte c = b[j];
      if (c == '"') {
        if (j + 1 == limit && !eof) {
          return -1;
        }
        if (j + 1 < limit && b[j + 1] == '"') {
          fields.appendScratch((byte) '"');
          j += 2;
          continue;
        }
        j++;
        break;
      }
      fields.appendScratch(c);
      j++;
    }
    // Like Segflow (and Python's csv): text between the closing quote and the comma stays.
    int tail = fields.scratchMark();
    while (j < limit && b[j] != ',' && b[j] != '\n') {
      fields.appendScratch(b[j]);
      j++;
    }
    if (j == limit && !eof) {
      return -1;
    }
    if ((j == limit || b[j] == '\n')
        && fields.scratchMark() > tail
        && fields.lastScratch() == '\r') {
      fields.dropLastScratch();
    }
    fields.addScratchField(mark);
    return j;
  }

  @Override
  public void close() throws IOException {
    in.close();
  }
}
