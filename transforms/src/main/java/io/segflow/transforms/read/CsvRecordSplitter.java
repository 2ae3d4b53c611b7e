// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.rows.RawBlock;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.Charset;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.Deque;

/**
 * Cuts a CSV byte stream into records (RFC 4180: line breaks inside quoted fields belong to the
 * field), keeping each record's exact bytes and the physical line it starts on.
 *
 * <p>Works on bytes, which is both fast and safe for ASCII-compatible encodings (UTF-8, ISO-8859-1,
 * Windows-1252): quote, comma and newline bytes never occur inside a multi-byte character there.
 * Each record is then validated on its own, so an invalid byte costs only its record ({@link
 * RawBlock#BAD_ENCODING}), not the file. Records are handed on as bytes: decoding them is left to
 * whoever needs text.
 *
 * <p>An opening quote that is never closed would otherwise swallow the rest of the file: when a
 * quoted field runs past {@code maxRecordLines} lines or {@code maxRecordBytes} bytes, or the file
 * ends inside it, the record's first physical line is reported as {@link
 * RawBlock#UNTERMINATED_QUOTE} and splitting starts again on the next line.
 */
public final class CsvRecordSplitter {
  /** Receives records in file order. */
  public interface Sink {
    /**
     * Record {@code bytes[from, to)} (line break excluded), which starts on physical line {@code
     * line}. The bytes are only valid during the call: keep a copy.
     */
    void record(long line, byte[] bytes, int from, int to, byte flag) throws IOException;
  }

  private static final int FIELD_START = 0;
  private static final int UNQUOTED = 1;
  private static final int QUOTED = 2;
  private static final int QUOTE_IN_QUOTED = 3;

  private final Charset charset;
  private final int maxRecordLines;
  private final int maxRecordBytes;
  private final CharsetDecoder strictDecoder;

  /** Output space for validating non-ASCII records (the chars are not used). */
  private CharBuffer chars = CharBuffer.allocate(256);

  private byte[] rec = new byte[4096];
  private int recLen;
  private int state = FIELD_START;
  private long physicalLine = 1;
  private long recordStartLine = 1;
  private int recordLines;

  /** A quoted field outgrew the byte limit within its first line: read that line to its end. */
  private boolean runawayLine;

  public CsvRecordSplitter(Charset charset, int maxRecordLines, int maxRecordBytes) {
    this.charset = charset;
    this.maxRecordLines = maxRecordLines;
    this.maxRecordBytes = maxRecordBytes;
    this.strictDecoder =
        charset
            .newDecoder()
            .onMalformedInput(CodingErrorAction.REPORT)
            .onUnmappableCharacter(CodingErrorAction.REPORT);
  }

  public static CsvRecordSplitter create(Charset charset) {
    return new CsvRecordSplitter(charset, 200, 16 << 20);
  }

  /** Reads {@code in} to its end, handing every record to {@code sink}. */
  public void split(InputStream in, Sink sink) throws IOException {
    Deque<byte[]> pending = new ArrayDeque<>();
    byte[] buf = new byte[1 << 16];
    boolean first = true;
    while (true) {
      byte[] chunk;
      int off = 0;
      int len;
      if (!pending.isEmpty()) {
        chunk = pending.pop();
        len = chunk.length;
      } else {
        int n = in.readNBytes(buf, 0, buf.length);
        if (n <= 0) {
          if (finishAtEof(sink, pending)) {
            continue;
          }
          return;
        }
        chunk = buf;
        len = n;
        if (first
            && charset.equals(StandardCharsets.UTF_8)
            && n >= 3
            && (buf[0] & 0xFF) == 0xEF
            && (buf[1] & 0xFF) == 0xBB
            && (buf[2] & 0xFF) == 0xBF) {
          off = 3; // UTF-8 byte-order mark
        }
        first = false;
      }
      consume(chunk, off, len, sink, pending);
    }
  }

  /**
   * Splits a chunk. A record that starts in the chunk and has no quote before its line break (most
   * records) is found with a tight scan and handed over from the chunk itself; a record with a
   * quote, or one cut by the chunk's end, is collected byte by byte with the state machine.
   */
  private void consume(byte[] chunk, int off, int end, Sink sink, Deque<byte[]> pending)
      throws IOException {
    int i = off;
    while (i < end) {
      if (recLen == 0 && state == FIELD_START && !runawayLine) {
        int j = i;
        int bits = 0;
        byte b = 0;
        while (j < end) {
          b = chunk[j];
          if (b == '\n' || b == '"') {
            break;
          }
          bits |= b;
          j++;
        }
        if (j < end && b == '\n') {
          physicalLine++;
          int to = j > i && chunk[j - 1] == '\r' ? j - 1 : j;
          boolean valid = bits >= 0 || isValid(chunk, i, to);
          sink.record(recordStartLine, chunk, i, to, valid ? RawBlock.OK : RawBlock.BAD_ENCODING);
          reset(physicalLine);
          i = j + 1;
          continue;
        }
        // A quote or the chunk's end: no quoted field so far, so the state follows from the byte
        // before (a comma: a field starts; anything else: inside an unquoted field).
        appendRange(chunk, i, j);
        if (j > i && chunk[j - 1] != ',') {
          state = UNQUOTED;
        }
        i = j;
        if (i == end) {
          return;
        }
      }
      i = consumeSlowly(chunk, i, end, sink, pending);
    }
  }

  /**
   * The byte-by-byte state machine, up to the end of the current record.
   *
   * @return where the next record starts, or {@code end} when the chunk is used up (also when a
   *     runaway quote queued the chunk's rest in {@code pending})
   */
  private int consumeSlowly(byte[] chunk, int off, int end, Sink sink, Deque<byte[]> pending)
      throws IOException {
    for (int i = off; i < end; i++) {
      byte b = chunk[i];
      if (runawayLine) {
        if (b == '\n') {
          physicalLine++;
          emitRunawayLine(sink);
          return i + 1;
        }
        append(b);
        continue;
      }
      if (b == '\n') {
        physicalLine++;
        if (state == QUOTED) {
          append(b);
          if (++recordLines >= maxRecordLines) {
            recoverFromRunawayQuote(sink, pending, chunk, i + 1, end);
            return end;
          }
          continue;
        }
        emit(sink);
        return i + 1;
      }
      append(b);
      switch (state) {
        case FIELD_START -> state = b == '"' ? QUOTED : (b == ',' ? FIELD_START : UNQUOTED);
        case UNQUOTED -> {
          if (b == ',') {
            state = FIELD_START;
          }
        }
        case QUOTED -> {
          if (b == '"') {
            state = QUOTE_IN_QUOTED;
          } else if (recLen > maxRecordBytes) {
            if (recordLines == 0) {
              runawayLine = true; // no line break yet: the whole line is the bad record
            } else {
              recoverFromRunawayQuote(sink, pending, chunk, i + 1, end);
              return end;
            }
          }
        }
        // QUOTE_IN_QUOTED: "" is an escaped quote; anything else closes the field
        default -> state = b == '"' ? QUOTED : (b == ',' ? FIELD_START : UNQUOTED);
      }
    }
    return end;
  }

  /**
   * @return true when there is more input to split (a runaway quote was cut at EOF)
   */
  private boolean finishAtEof(Sink sink, Deque<byte[]> pending) throws IOException {
    if (runawayLine) {
      emitRunawayLine(sink);
      return false;
    }
    if (state == QUOTED) {
      recoverFromRunawayQuote(sink, pending, new byte[0], 0, 0);
      return true;
    }
    if (recLen > 0) {
      emit(sink);
    }
    return false;
  }

  /**
   * Reports the first physical line of the current record as unterminated and queues the rest of
   * the record, then the unread rest of the chunk, to be split again.
   */
  private void recoverFromRunawayQuote(
      Sink sink, Deque<byte[]> pending, byte[] chunk, int restFrom, int restTo) throws IOException {
    int nl = 0;
    while (nl < recLen && rec[nl] != '\n') {
      nl++;
    }
    byte[] remainder = Arrays.copyOfRange(rec, Math.min(nl + 1, recLen), recLen);
    if (restTo > restFrom) {
      pending.push(Arrays.copyOfRange(chunk, restFrom, restTo));
    }
    if (remainder.length > 0) {
      pending.push(remainder);
    }
    long startLine = recordStartLine;
    // The remainder's newlines will be counted again when it is re-split.
    physicalLine = startLine + 1;
    recLen = nl > 0 && rec[nl - 1] == '\r' ? nl - 1 : nl;
    sink.record(startLine, rec, 0, recLen, RawBlock.UNTERMINATED_QUOTE);
    reset(startLine + 1);
  }

  private void emitRunawayLine(Sink sink) throws IOException {
    if (recLen > 0 && rec[recLen - 1] == '\r') {
      recLen--;
    }
    sink.record(recordStartLine, rec, 0, recLen, RawBlock.UNTERMINATED_QUOTE);
    runawayLine = false;
    reset(physicalLine);
  }

  private void emit(Sink sink) throws IOException {
    if (recLen > 0 && rec[recLen - 1] == '\r') {
      recLen--;
    }
    boolean valid = isValid(rec, 0, recLen);
    sink.record(recordStartLine, rec, 0, recLen, valid ? RawBlock.OK : RawBlock.BAD_ENCODING);
    reset(physicalLine);
  }

  private void reset(long nextLine) {
    recLen = 0;
    state = FIELD_START;
    recordLines = 0;
    recordStartLine = nextLine;
  }

  private void append(byte b) {
    if (recLen == rec.length) {
      rec = Arrays.copyOf(rec, rec.length * 2);
    }
    rec[recLen++] = b;
  }

  private void appendRange(byte[] src, int from, int to) {
    int len = to - from;
    if (recLen + len > rec.length) {
      rec = Arrays.copyOf(rec, Math.max(rec.length * 2, recLen + len));
    }
    System.arraycopy(src, from, rec, recLen, len);
    recLen += len;
  }

  /** Whether the bytes are valid in the charset, checked without making a String. */
  private boolean isValid(byte[] bytes, int from, int to) {
    int i = from;
    while (i < to && bytes[i] >= 0) {
      i++;
    }
    if (i == to) {
      return true; // ASCII
    }
    int len = to - from;
    if (chars.capacity() < 2 * len) {
      chars = CharBuffer.allocate(2 * len); // ample: these charsets need a byte or more per char
    }
    chars.clear();
    strictDecoder.reset();
    CoderResult r = strictDecoder.decode(ByteBuffer.wrap(bytes, from, len), chars, true);
    if (!r.isError()) {
      r = strictDecoder.flush(chars);
    }
    return !r.isError();
  }
}
