// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import io.segflow.transforms.rows.RawBlock;
import java.util.Arrays;

/**
 * {@link CsvFields#split} on a record's bytes: the fields come out as ranges of one array, with no
 * object per field. A record without quoted fields is split in place; one with quoted fields is
 * copied to a scratch array, after which the unquoted text of its quoted fields is written, so that
 * every range of a record is in the same array ({@link #bytes()}), as is the record itself.
 *
 * <p>Byte-wise splitting agrees with {@link CsvFields} for ASCII-compatible encodings, where comma
 * and quote bytes never occur inside a multi-byte character.
 */
final class ByteFields {
  private byte[] bytes;
  private int recordFrom;
  private int recordTo;
  private byte[] scratch = new byte[512];
  private int[] starts = new int[16];
  private int[] ends = new int[16];
  private int count;

  /** Splits {@code data[from, to)}; the ranges stay valid until the next call. */
  void split(byte[] data, int from, int to) {
    bytes = data;
    recordFrom = from;
    recordTo = to;
    count = 0;
    if (from < to && data[from] == '"') {
      splitWithQuotes(data, from, to);
      return;
    }
    // Locals rather than fields in the loop: this is the parser's hottest loop, also for C1.
    int[] s = starts;
    int[] e = ends;
    int n = 0;
    int fieldStart = from;
    for (int k = from; k < to; k++) {
      if (data[k] == ',') {
        if (k + 1 < to && data[k + 1] == '"') { // a quoted field starts
          splitWithQuotes(data, from, to);
          return;
        }
        if (n == s.length - 1) {
          s = starts = Arrays.copyOf(s, 2 * s.length);
          e = ends = Arrays.copyOf(e, 2 * e.length);
        }
        s[n] = fieldStart;
        e[n] = k;
        n++;
        fieldStart = k + 1;
      }
    }
    s[n] = fieldStart;
    e[n] = to;
    count = n + 1;
  }

  /**
   * Takes the fields of {@code block}'s record i where the block says they end ({@link
   * RawBlock#hasFieldEnds}) instead of looking for commas: what {@link #split} finds in a record
   * without quoted fields.
   */
  void adopt(RawBlock block, int i) {
    int n = block.fieldCount();
    if (starts.length < n) {
      starts = new int[n];
      ends = new int[n];
    }
    bytes = block.bytes();
    recordFrom = block.start(i);
    recordTo = block.end(i);
    int fieldStart = recordFrom;
    for (int k = 0; k < n; k++) {
      int end = block.fieldEnd(i, k);
      starts[k] = fieldStart;
      ends[k] = end;
      fieldStart = end + 1;
    }
    count = n;
  }

  /** The general case, as {@link CsvFields#split}: text after a closing quote is kept. */
  private void splitWithQuotes(byte[] data, int from, int to) {
    int len = to - from;
    if (scratch.length < 2 * len) {
      scratch = new byte[Math.max(2 * len, 2 * scratch.length)];
    }
    byte[] s = scratch;
    System.arraycopy(data, from, s, 0, len);
    bytes = s;
    recordFrom = 0;
    recordTo = len;
    count = 0;
    int w = len; // where unquoted text is written
    int i = 0;
    while (true) {
      if (i < len && s[i] == '"') {
        int start = w;
        i++;
        while (i < len) {
          byte c = s[i];
          if (c == '"') {
            if (i + 1 < len && s[i + 1] == '"') {
              s[w++] = '"';
              i += 2;
            } else {
              i++;
              break;
            }
          } else {
            s[w++] = c;
            i++;
          }
        }
        int comma = indexOfComma(s, i, len);
        int end = comma < 0 ? len : comma;
        while (i < end) {
          s[w++] = s[i++];
        }
        add(start, w);
        if (comma < 0) {
          return;
        }
        i = comma + 1;
      } else {
        int comma = indexOfComma(s, i, len);
        if (comma < 0) {
          add(i, len);
          return;
        }
        add(i, comma);
        i = comma + 1;
      }
    }
  }

  private static int indexOfComma(byte[] s, int from, int to) {
    for (int k = from; k < to; k++) {
      if (s[k] == ',') {
        return k;
      }
    }
    return -1;
  }

  private void add(int start, int end) {
    if (count == starts.length) {
      starts = Arrays.copyOf(starts, 2 * count);
      ends = Arrays.copyOf(ends, 2 * count);
    }
    starts[count] = start;
    ends[count] = end;
    count++;
  }

  int count() {
    return count;
  }

  /** The array that holds the record and all its fields. */
  byte[] bytes() {
    return bytes;
  }

  int recordFrom() {
    return recordFrom;
  }

  int recordTo() {
    return recordTo;
  }

  int start(int field) {
    return starts[field];
  }

  int end(int field) {
    return ends[field];
  }

  /** Start of field's range without leading bytes up to ' ', as {@link String#trim()}. */
  int trimmedStart(int field) {
    int s = starts[field];
    int e = ends[field];
    while (s < e && (bytes[s] & 0xFF) <= ' ') {
      s++;
    }
    return s;
  }

  /** End of field's range from {@code trimmedStart} without trailing bytes up to ' '. */
  int trimmedEnd(int field, int trimmedStart) {
    int e = ends[field];
    while (e > trimmedStart && (bytes[e - 1] & 0xFF) <= ' ') {
      e--;
    }
    return e;
  }
}
