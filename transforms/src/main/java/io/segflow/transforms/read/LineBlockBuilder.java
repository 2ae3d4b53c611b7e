// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.rows.RawBlock;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Collects records written as UTF-8 CSV text, byte by byte, into {@link RawBlock}s: the record
 * files' counterpart of the CSV reader's block collector, so that a record's text is written once,
 * straight into the block's array.
 */
final class LineBlockBuilder {
  private final String file;
  private final String header;
  private final int fieldCount;
  private final int[] columnIndex;
  private final int capacity;
  private byte[] bytes;
  private int[] offsets;
  private long[] lines;
  private int n;
  private int pos;

  /**
   * Where each field of each record ends, from the record's start; null until {@link #endField}.
   */
  private int[] fieldEnds;

  /** Fields of the current record ended so far; -1 once one of them was quoted. */
  private int fields;

  private int fieldStart;

  LineBlockBuilder(String file, String header, int fieldCount, int[] columnIndex, int capacity) {
    this.file = file;
    this.header = header;
    this.fieldCount = fieldCount;
    this.columnIndex = columnIndex.clone();
    this.capacity = capacity;
    reset();
  }

  private void reset() {
    int records = Math.min(capacity, 4096);
    bytes = new byte[records * 96];
    offsets = new int[records + 1];
    lines = new long[records];
    fieldEnds = null;
    n = 0;
    pos = 0;
    fields = 0;
    fieldStart = 0;
  }

  /** Room for {@code more} bytes after the current position. */
  private void reserve(int more) {
    if (pos + more > bytes.length) {
      bytes = Arrays.copyOf(bytes, Math.max(2 * bytes.length, pos + more));
    }
  }

  void append(byte b) {
    reserve(1);
    bytes[pos++] = b;
  }

  void append(byte[] b, int from, int length) {
    reserve(length);
    System.arraycopy(b, from, bytes, pos, length);
    pos += length;
  }

  /**
   * Appends one field's UTF-8 text as {@link CsvLine#join} writes it: quoted (quotes doubled) when
   * it holds a comma, a quote or a line break.
   */
  void appendField(byte[] b, int from, int length) {
    int to = from + length;
    int k = from;
    while (k < to && b[k] != ',' && b[k] != '"' && b[k] != '\n' && b[k] != '\r') {
      k++;
    }
    if (k == to) {
      append(b, from, length);
      return;
    }
    reserve(2 * length + 2);
    bytes[pos++] = '"';
    for (k = from; k < to; k++) {
      bytes[pos++] = b[k];
      if (b[k] == '"') {
        bytes[pos++] = '"';
      }
    }
    bytes[pos++] = '"';
  }

  /** Appends the decimal digits of {@code v}. */
  void appendLong(long v) {
    if (v == Long.MIN_VALUE) {
      byte[] min = Long.toString(v).getBytes(StandardCharsets.US_ASCII);
      append(min, 0, min.length);
      return;
    }
    reserve(20);
    if (v < 0) {
      bytes[pos++] = '-';
      v = -v;
    }
    int digits = 1;
    for (long rest = v / 10; rest > 0; rest /= 10) {
      digits++;
    }
    for (int k = pos + digits - 1; k >= pos; k--) {
      bytes[k] = (byte) ('0' + v % 10);
      v /= 10;
    }
    pos += digits;
  }

  /**
   * Ends the current record's field written last (after the comma that separates it from the one
   * before), so that the block tells the parser where its fields are; a record whose fields are all
   * ended this way, none of them quoted, is not split again.
   */
  void endField() {
    if (fieldCount == 0) {
      return;
    }
    if (fieldEnds == null) {
      fieldEnds = new int[lines.length * fieldCount];
      for (int r = 0; r < n; r++) {
        fieldEnds[r * fieldCount] = -1; // ended without their fields: to be split as text
      }
    }
    if (fieldEnds.length < (n + 1) * fieldCount) { // the record after a full lines array
      fieldEnds = Arrays.copyOf(fieldEnds, Math.max(2 * fieldEnds.length, (n + 1) * fieldCount));
    }
    if (fields >= 0 && fields < fieldCount) {
      boolean quoted = pos > fieldStart && bytes[fieldStart] == '"';
      fieldEnds[n * fieldCount + fields] = pos - offsets[n];
      fields = quoted ? -1 : fields + 1;
    } else {
      fields = -1;
    }
    fieldStart = pos + 1;
  }

  /** Ends the record begun after the previous one, numbering it {@code line}. */
  void endRecord(long line) {
    if (n == lines.length) {
      int records = Math.min(capacity, 2 * lines.length);
      offsets = Arrays.copyOf(offsets, records + 1);
      lines = Arrays.copyOf(lines, records);
      if (fieldEnds != null && fieldEnds.length < records * fieldCount) {
        fieldEnds = Arrays.copyOf(fieldEnds, records * fieldCount);
      }
    }
    if (fieldEnds != null && fields != fieldCount) {
      fieldEnds[n * fieldCount] = -1; // to be split as text
    }
    lines[n] = line;
    n++;
    offsets[n] = pos;
    fields = 0;
    fieldStart = pos;
  }

  /** The text of the record ended last. */
  String lastText() {
    return new String(bytes, offsets[n - 1], offsets[n] - offsets[n - 1], StandardCharsets.UTF_8);
  }

  /** The UTF-8 bytes of the record ended last. */
  byte[] lastBytes() {
    return Arrays.copyOfRange(bytes, offsets[n - 1], offsets[n]);
  }

  /** Forgets the record ended last (one not wanted in the block). */
  void dropLast() {
    n--;
    pos = offsets[n];
    fieldStart = pos;
  }

  boolean isFull() {
    return n == capacity;
  }

  boolean isEmpty() {
    return n == 0;
  }

  RawBlock build() {
    RawBlock b =
        fieldEnds != null && fieldCount > 0
            ? new RawBlock(
                file,
                header,
                fieldCount,
                columnIndex,
                Arrays.copyOf(bytes, pos),
                Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(lines, n),
                Arrays.copyOf(fieldEnds, n * fieldCount))
            : new RawBlock(
                file,
                header,
                fieldCount,
                columnIndex,
                StandardCharsets.UTF_8,
                Arrays.copyOf(bytes, pos),
                Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(lines, n),
                new byte[n]);
    reset();
    return b;
  }
}
