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
    // the first block starts small and grows; the next ones start at the size the last one took,
    // so that a block's bytes are not copied again and again as it fills
    int records = Math.min(capacity, Math.max(4096, n));
    bytes = new byte[Math.max(records * 96, pos + pos / 8)];
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
    endFieldsRoom();
    if (fields >= 0 && fields < fieldCount) {
      boolean quoted = pos > fieldStart && bytes[fieldStart] == '"';
      fieldEnds[n * fieldCount + fields] = pos - offsets[n];
      fields = quoted ? -1 : fields + 1;
    } else {
      fields = -1;
    }
    fieldStart = pos + 1;
  }

  /**
   * Appends a whole record's fields, each already in its CSV form (quoted where needed), separated
   * by commas and each ended as {@link #endField} ends it: the same bytes and field ends as
   * appending and ending them one by one, with one bounds check for the record.
   *
   * @param length the fields' bytes together, without the commas
   */
  void appendFields(byte[][] texts, int length) {
    int count = texts.length;
    reserve(length + count);
    if (fieldCount == 0 || fields != 0 || count > fieldCount) {
      for (int c = 0; c < count; c++) { // the general case, field by field
        if (c > 0) {
          append((byte) ',');
        }
        append(texts[c], 0, texts[c].length);
        endField();
      }
      return;
    }
    if (fieldEnds == null || fieldEnds.length < (n + 1) * fieldCount) {
      endFieldsRoom();
    }
    byte[] b = bytes;
    int[] ends = fieldEnds;
    int p = pos;
    int recordStart = offsets[n];
    int base = n * fieldCount;
    int ended = count;
    for (int c = 0; c < count; c++) {
      if (c > 0) {
        b[p++] = ',';
      }
      byte[] t = texts[c];
      int l = t.length;
      System.arraycopy(t, 0, b, p, l);
      p += l;
      if (ended == count) {
        ends[base + c] = p - recordStart;
        if (l > 0 && t[0] == '"') {
          ended = -1; // a quoted field: the record is split as text, as endField marks it
        }
      }
    }
    pos = p;
    fields = ended;
    fieldStart = p + 1;
  }

  /** Allocates or grows the field ends for the current record (see {@link #endField}). */
  private void endFieldsRoom() {
    if (fieldEnds == null) {
      fieldEnds = new int[lines.length * fieldCount];
      for (int r = 0; r < n; r++) {
        fieldEnds[r * fieldCount] = -1; // ended without their fields: to be split as text
      }
    }
    if (fieldEnds.length < (n + 1) * fieldCount) { // the record after a full lines array
      fieldEnds = Arrays.copyOf(fieldEnds, Math.max(2 * fieldEnds.length, (n + 1) * fieldCount));
    }
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
    // the array is handed on, not copied, unless much of it is unused (a block may hold a larger
    // array than its records take; see RawBlock)
    byte[] kept = bytes.length - pos <= pos / 4 ? bytes : Arrays.copyOf(bytes, pos);
    RawBlock b =
        fieldEnds != null && fieldCount > 0
            ? new RawBlock(
                file,
                header,
                fieldCount,
                columnIndex,
                kept,
                Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(lines, n),
                Arrays.copyOf(fieldEnds, n * fieldCount))
            : new RawBlock(
                file,
                header,
                fieldCount,
                columnIndex,
                StandardCharsets.UTF_8,
                kept,
                Arrays.copyOf(offsets, n + 1),
                Arrays.copyOf(lines, n),
                new byte[n]);
    reset();
    return b;
  }
}
