// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * The fields of one CSV record as byte ranges: straight into the read buffer for plain fields, into
 * a scratch array for quoted ones (whose {@code ""} escapes are undone). No per-field objects.
 */
final class RecordFields {
  private byte[][] source = new byte[16][];
  private int[] start = new int[16];
  private int[] end = new int[16];
  private int count;
  private byte[] scratch = new byte[256];
  private int scratchLength;

  void clear() {
    count = 0;
    scratchLength = 0;
  }

  void add(byte[] bytes, int from, int to) {
    if (count == start.length) {
      source = Arrays.copyOf(source, count * 2);
      start = Arrays.copyOf(start, count * 2);
      end = Arrays.copyOf(end, count * 2);
    }
    source[count] = bytes;
    start[count] = from;
    end[count] = to;
    count++;
  }

  /** Where the next unescaped quoted field starts in the scratch array. */
  int scratchMark() {
    return scratchLength;
  }

  void appendScratch(byte b) {
    if (scratchLength == scratch.length) {
      scratch = Arrays.copyOf(scratch, scratchLength * 2);
    }
    scratch[scratchLength++] = b;
  }

  /** Drops the last scratch byte (a carriage return before the line break). */
  void dropLastScratch() {
    scratchLength--;
  }

  byte lastScratch() {
    return scratch[scratchLength - 1];
  }

  /** Adds the scratch bytes from {@code mark} on as the next field. */
  void addScratchField(int mark) {
    add(scratch, mark, scratchLength);
  }

  int count() {
    return count;
  }

  byte[] bytes(int f) {
    return source[f];
  }

  int start(int f) {
    return start[f];
  }

  int end(int f) {
    return end[f];
  }

  /** Start of field f without leading characters up to the space, like {@link String#trim()}. */
  int trimmedStart(int f) {
    byte[] b = source[f];
    int i = start[f];
    int e = end[f];
    while (i < e && (b[i] & 0xFF) <= ' ') {
      i++;
    }
    return i;
  }

  /** End of field f without trailing characters up to the space; never before its trimmed start. */
  int trimmedEnd(int f) {
    byte[] b = source[f];
    int s = trimmedStart(f);
    int e = end[f];
    while (e > s && (b[e - 1] & 0xFF) <= ' ') {
      e--;
    }
    return e;
  }

  String text(int f) {
    return new String(source[f], start[f], end[f] - start[f], StandardCharsets.UTF_8);
  }
}
