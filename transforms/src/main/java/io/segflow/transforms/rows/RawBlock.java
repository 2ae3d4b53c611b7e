// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Arrays;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * A run of consecutive CSV records of one input file, not yet split into fields. The engine moves
 * these blocks (tens of thousands of records each) instead of one element per line, because Beam's
 * cost is per element.
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
  /** The record's bytes are invalid in the declared encoding; the text was decoded leniently. */
  public static final byte BAD_ENCODING = 2;

  private final String file;
  private final String header;
  private final int fieldCount;
  private final int[] columnIndex;
  private final long[] lines;
  private final String[] texts;
  private final byte[] flags;

  public RawBlock(
      String file, String header, int fieldCount, int[] columnIndex, long[] lines, String[] texts,
      byte[] flags) {
    if (lines.length != texts.length || texts.length != flags.length) {
      throw new IllegalArgumentException("lines, texts and flags must have the same length");
    }
    this.file = file;
    this.header = header;
    this.fieldCount = fieldCount;
    this.columnIndex = columnIndex.clone();
    this.lines = lines;
    this.texts = texts;
    this.flags = flags;
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

  public int size() {
    return texts.length;
  }

  public long line(int i) {
    return lines[i];
  }

  public String text(int i) {
    return texts[i];
  }

  public byte flag(int i) {
    return flags[i];
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RawBlock)) {
      return false;
    }
    RawBlock b = (RawBlock) o;
    return file.equals(b.file) && header.equals(b.header) && fieldCount == b.fieldCount
        && Arrays.equals(columnIndex, b.columnIndex) && Arrays.equals(lines, b.lines)
        && Arrays.equals(texts, b.texts) && Arrays.equals(flags, b.flags);
  }

  @Override
  public int hashCode() {
    return 31 * file.hashCode() + Arrays.hashCode(lines);
  }

  @Override
  public String toString() {
    return "RawBlock{" + file + ", " + size() + " records from line "
        + (size() == 0 ? "-" : String.valueOf(lines[0])) + "}";
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
      out.writeInt(b.fieldCount);
      BinaryIo.writeInts(out, b.columnIndex);
      int n = b.size();
      out.writeInt(n);
      BinaryIo.writeLongs(out, b.lines, n);
      BinaryIo.writeStrings(out, b.texts, n);
      out.write(b.flags);
      out.flush();
    }

    @Override
    public RawBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      String file = BinaryIo.readString(in);
      String header = BinaryIo.readString(in);
      int fieldCount = in.readInt();
      int[] columnIndex = BinaryIo.readInts(in);
      int n = in.readInt();
      long[] lines = BinaryIo.readLongs(in, n);
      String[] texts = BinaryIo.readStrings(in, n);
      byte[] flags = new byte[n];
      in.readFully(flags);
      return new RawBlock(file, header, fieldCount, columnIndex, lines, texts, flags);
    }

    @Override
    public void verifyDeterministic() {}
  }
}
