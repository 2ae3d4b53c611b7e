// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A run of consecutive CSV records of one input file, not yet split into fields. The engine moves
 * these blocks (tens of thousands of records each) instead of one element per line, because Beam's
 * cost is per element.
 *
 * <p>The records stay the bytes they were in the file (in its {@link #charset()}), all in one array
 * with offsets, so that reading makes no object per record and the parser can work on the bytes;
 * {@link #text(int)} decodes one record when it is needed as text.
 *
 * <p>{@code columnIndex[c]} is the field position of logical column c (see {@code parse.Column}) in
 * this file, or -1 where the file lacks an optional column; files may order their columns
 * differently.
 */
public final class RawBlock {
  /** The record was read whole. */
  public static final byte OK = 0;

  /** An opening quote was never closed: the record is one physical line cut off at its end. */
  public static final byte UNTERMINATED_QUOTE = 1;

  /** The record's bytes are invalid in the declared encoding; {@link #text} decodes leniently. */
  public static final byte BAD_ENCODING = 2;

  private final String file;
  private final String header;
  private final int fieldCount;
  private final int[] columnIndex;
  private final Charset charset;

  /** Record i is {@code bytes[offsets[i], offsets[i + 1])}. */
  private final byte[] bytes;

  private final int[] offsets;
  private final long[] lines;
  private final byte[] flags;

  /**
   * Null, or where each field of each record ends, counted from the record's start: {@code
   * fieldEnds[i * fieldCount + k]} for field k of record i, the next field starting one byte (the
   * comma) later; -1 in a record's first entry when it is to be split as text (a quoted field).
   */
  private final int[] fieldEnds;

  /**
   * A block of records given as bytes in {@code charset}; the arrays are kept, not copied.
   *
   * @param offsets {@code lines.length + 1} ascending positions in {@code bytes}
   */
  public RawBlock(
      String file,
      String header,
      int fieldCount,
      int[] columnIndex,
      Charset charset,
      byte[] bytes,
      int[] offsets,
      long[] lines,
      byte[] flags) {
    this(file, header, fieldCount, columnIndex, charset, bytes, offsets, lines, flags, null);
  }

  /**
   * A block of UTF-8 records written field by field (by a columnar reader), with where each field
   * ends (see {@link #fieldEnd}), so that the parser need not look for the commas; the arrays are
   * kept, not copied.
   */
  public RawBlock(
      String file,
      String header,
      int fieldCount,
      int[] columnIndex,
      byte[] bytes,
      int[] offsets,
      long[] lines,
      int[] fieldEnds) {
    this(
        file,
        header,
        fieldCount,
        columnIndex,
        StandardCharsets.UTF_8,
        bytes,
        offsets,
        lines,
        new byte[lines.length],
        fieldEnds);
    if (fieldEnds.length != lines.length * fieldCount) {
      throw new IllegalArgumentException("field ends must have fieldCount entries per record");
    }
  }

  private RawBlock(
      String file,
      String header,
      int fieldCount,
      int[] columnIndex,
      Charset charset,
      byte[] bytes,
      int[] offsets,
      long[] lines,
      byte[] flags,
      int[] fieldEnds) {
    if (lines.length != flags.length || offsets.length != lines.length + 1) {
      throw new IllegalArgumentException(
          "lines and flags must have the same length, offsets one more");
    }
    this.file = file;
    this.header = header;
    this.fieldCount = fieldCount;
    this.columnIndex = columnIndex.clone();
    this.charset = charset;
    this.bytes = bytes;
    this.offsets = offsets;
    this.lines = lines;
    this.flags = flags;
    this.fieldEnds = fieldEnds;
  }

  /** A block of records given as text (a database's rows), kept as UTF-8. */
  public RawBlock(
      String file,
      String header,
      int fieldCount,
      int[] columnIndex,
      long[] lines,
      String[] texts,
      byte[] flags) {
    this(
        file,
        header,
        fieldCount,
        columnIndex,
        Utf8Records.of(texts, lines.length, flags.length),
        lines,
        flags);
  }

  private RawBlock(
      String file,
      String header,
      int fieldCount,
      int[] columnIndex,
      Utf8Records records,
      long[] lines,
      byte[] flags) {
    this(
        file,
        header,
        fieldCount,
        columnIndex,
        StandardCharsets.UTF_8,
        records.bytes(),
        records.offsets(),
        lines,
        flags);
  }

  /** Texts as one UTF-8 array with offsets, each text encoded once. */
  private record Utf8Records(byte[] bytes, int[] offsets) {
    static Utf8Records of(String[] texts, int lines, int flags) {
      if (texts.length != lines || texts.length != flags) {
        throw new IllegalArgumentException("lines, texts and flags must have the same length");
      }
      ByteArrayOutputStream all = new ByteArrayOutputStream();
      int[] offsets = new int[texts.length + 1];
      for (int i = 0; i < texts.length; i++) {
        all.writeBytes(texts[i].getBytes(StandardCharsets.UTF_8));
        offsets[i + 1] = all.size();
      }
      return new Utf8Records(all.toByteArray(), offsets);
    }
  }

  public String file() {
    return file;
  }

  /** The file's header line as read, to recognise copies of it inside the data. */
  public String header() {
    return header;
  }

  /** Number of fields in the header: every record must have as many. */
  public int fieldCount() {
    return fieldCount;
  }

  public int columnIndex(int column) {
    return columnIndex[column];
  }

  /** The encoding of the records' bytes. */
  public Charset charset() {
    return charset;
  }

  public int size() {
    return lines.length;
  }

  public long line(int i) {
    return lines[i];
  }

  /** Record i decoded (leniently: invalid bytes become U+FFFD, see {@link #BAD_ENCODING}). */
  public String text(int i) {
    return new String(bytes, offsets[i], offsets[i + 1] - offsets[i], charset);
  }

  /** The array holding every record's bytes; shared, never to be modified. */
  public byte[] bytes() {
    return bytes;
  }

  /** Where record i starts in {@link #bytes()}. */
  public int start(int i) {
    return offsets[i];
  }

  /** Where record i ends (exclusive) in {@link #bytes()}. */
  public int end(int i) {
    return offsets[i + 1];
  }

  public byte flag(int i) {
    return flags[i];
  }

  /** Whether record i comes with where its fields end ({@link #fieldEnd}). */
  public boolean hasFieldEnds(int i) {
    return fieldEnds != null && fieldEnds[i * fieldCount] >= 0;
  }

  /**
   * Where field k of record i ends in {@link #bytes()} (exclusive); only where {@link
   * #hasFieldEnds}. The field starts at the record's start (k = 0) or one byte after the previous
   * field's end.
   */
  public int fieldEnd(int i, int k) {
    return offsets[i] + fieldEnds[i * fieldCount + k];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawBlock b)) {
      return false;
    }
    if (!(file.equals(b.file)
        && header.equals(b.header)
        && fieldCount == b.fieldCount
        && charset.equals(b.charset)
        && Arrays.equals(columnIndex, b.columnIndex)
        && Arrays.equals(lines, b.lines)
        && Arrays.equals(flags, b.flags)
        && Arrays.equals(fieldEnds, b.fieldEnds))) {
      return false;
    }
    for (int i = 0; i < size(); i++) {
      if (!Arrays.equals(bytes, start(i), end(i), b.bytes, b.start(i), b.end(i))) {
        return false;
      }
    }
    return true;
  }

  @Override
  public int hashCode() {
    return 31 * file.hashCode() + Arrays.hashCode(lines);
  }

  @Override
  public String toString() {
    return "RawBlock{"
        + file
        + ", "
        + size()
        + " records from line "
        + (size() == 0 ? "-" : String.valueOf(lines[0]))
        + "}";
  }

  /** Compact binary coder: the blocks are large, so Java serialization would dominate. */
  public static final class Coder extends AtomicCoder<RawBlock> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(RawBlock b, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      BinaryIo.writeString(out, b.file);
      BinaryIo.writeString(out, b.header);
      BinaryIo.writeString(out, b.charset.name());
      out.writeInt(b.fieldCount);
      BinaryIo.writeInts(out, b.columnIndex);
      int n = b.size();
      out.writeInt(n);
      BinaryIo.writeLongs(out, b.lines, n);
      out.write(b.flags);
      int from = b.offsets[0];
      int[] offsets = b.offsets;
      if (from != 0) { // a block that shares a larger array: write its records from 0
        offsets = new int[n + 1];
        for (int i = 0; i <= n; i++) {
          offsets[i] = b.offsets[i] - from;
        }
      }
      BinaryIo.writeIntArray(out, offsets, n + 1);
      out.write(b.bytes, from, b.offsets[n] - from);
      out.writeBoolean(b.fieldEnds != null);
      if (b.fieldEnds != null) {
        BinaryIo.writeIntArray(out, b.fieldEnds, b.fieldEnds.length);
      }
      out.flush();
    }

    @Override
    public RawBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String file = BinaryIo.readString(in);
      String header = BinaryIo.readString(in);
      Charset charset = Charset.forName(BinaryIo.readString(in));
      int fieldCount = in.readInt();
      int[] columnIndex = BinaryIo.readInts(in);
      int n = in.readInt();
      long[] lines = BinaryIo.readLongs(in, n);
      byte[] flags = new byte[n];
      in.readFully(flags);
      int[] offsets = BinaryIo.readIntArray(in, n + 1);
      byte[] bytes = new byte[offsets[n]];
      in.readFully(bytes);
      int[] fieldEnds = in.readBoolean() ? BinaryIo.readIntArray(in, n * fieldCount) : null;
      return new RawBlock(
          file, header, fieldCount, columnIndex, charset, bytes, offsets, lines, flags, fieldEnds);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
