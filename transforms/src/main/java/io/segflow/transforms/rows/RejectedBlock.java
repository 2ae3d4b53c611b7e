// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import io.segflow.schemas.RejectedRecord;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.coders.AtomicCoder;

/**
 * Rejected rows travelling together, column by column like {@link TransactionBlock}: source file,
 * line, raw text, reason code and message. {@link #records()} materialises them as Avro records.
 */
public final class RejectedBlock {
  private final int n;
  private final Utf8Column file;
  private final long[] line;
  private final Utf8Column raw;
  private final Utf8Column reason;
  private final Utf8Column message;

  private RejectedBlock(
      int n, Utf8Column file, long[] line, Utf8Column raw, Utf8Column reason, Utf8Column message) {
    this.n = n;
    this.file = file;
    this.line = line;
    this.raw = raw;
    this.reason = reason;
    this.message = message;
  }

  public int size() {
    return n;
  }

  public boolean isEmpty() {
    return n == 0;
  }

  /** The reason code of row i. */
  public String reason(int i) {
    return reason.get(i);
  }

  /** The source file of row i. */
  public String file(int i) {
    return file.get(i);
  }

  public long line(int i) {
    return line[i];
  }

  /** Whether rows i and j came from the same file (without decoding either). */
  public boolean sameFile(int i, int j) {
    return file.equalsAt(i, j);
  }

  /** How many rows each reason code has, without a string per row. */
  public Map<String, Long> countByReason() {
    Map<String, Long> counts = new HashMap<>();
    int from = 0;
    while (from < n) { // rows of one stage come in runs of one reason
      int to = from + 1;
      while (to < n && reason.equalsAt(to, from)) {
        to++;
      }
      counts.merge(reason.get(from), (long) (to - from), Long::sum);
      from = to;
    }
    return counts;
  }

  /**
   * Appends row i to {@code out} in Avro's binary encoding of a {@link RejectedRecord}: the bytes a
   * {@code SpecificDatumWriter} writes for {@code records().get(i)}.
   */
  public void writeAvro(int i, AvroBuffer out) {
    file.writeAvroString(i, out);
    out.writeLong(line[i]);
    raw.writeAvroString(i, out);
    reason.writeAvroString(i, out);
    message.writeAvroString(i, out);
  }

  public List<RejectedRecord> records() {
    List<RejectedRecord> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(new RejectedRecord(file.get(i), line[i], raw.get(i), reason.get(i), message.get(i)));
    }
    return out;
  }

  public static RejectedBlock of(List<RejectedRecord> records) {
    Builder b = new Builder();
    for (RejectedRecord r : records) {
      b.add(r.getSourceFile(), r.getLineNumber(), r.getRawLine(), r.getReason(), r.getMessage());
    }
    return b.build();
  }

  /** Collects rejected rows while a stage walks a block. */
  public static final class Builder {
    private int n;
    private final Utf8Column.Builder file = new Utf8Column.Builder(64, 1024);
    private long[] line = new long[64];
    private final Utf8Column.Builder raw = new Utf8Column.Builder(64, 4096);
    private final Utf8Column.Builder reason = new Utf8Column.Builder(64, 1024);
    private final Utf8Column.Builder message = new Utf8Column.Builder(64, 2048);

    public Builder add(String file, long line, String raw, RejectReason reason, String message) {
      return add(file, line, raw, reason.code(), message);
    }

    /**
     * Rejects row {@code i} of a parsed block, copying its file and raw text as bytes (no decoding:
     * stages reject many rows, e.g. every row without a customer id).
     */
    public Builder addRow(TransactionBlock rows, int i, RejectReason reason, String message) {
      rows.copySourceTo(i, this.file, this.raw);
      return addRest(rows.line(i), reason.code(), message);
    }

    /** Copies row i of another rejected block, as bytes. */
    public Builder addFrom(RejectedBlock b, int i) {
      file.addFrom(b.file, i);
      raw.addFrom(b.raw, i);
      if (n == this.line.length) {
        this.line = Arrays.copyOf(this.line, n * 2);
      }
      this.line[n++] = b.line[i];
      reason.addFrom(b.reason, i);
      message.addFrom(b.message, i);
      return this;
    }

    private Builder add(String file, long line, String raw, String reason, String message) {
      this.file.add(file);
      this.raw.add(raw);
      return addRest(line, reason, message);
    }

    /** The line, reason and message of a row whose file and raw text were just added. */
    private Builder addRest(long line, String reason, String message) {
      if (n == this.line.length) {
        this.line = Arrays.copyOf(this.line, n * 2);
      }
      this.line[n++] = line;
      this.reason.add(reason);
      this.message.add(message);
      return this;
    }

    public boolean isEmpty() {
      return n == 0;
    }

    public RejectedBlock build() {
      return new RejectedBlock(
          n, file.build(), Arrays.copyOf(line, n), raw.build(), reason.build(), message.build());
    }
  }

  @Override
  public boolean equals(Object o) {
    if (!(o instanceof RejectedBlock b)) {
      return false;
    }
    return n == b.n
        && file.equals(b.file)
        && Arrays.equals(line, b.line)
        && raw.equals(b.raw)
        && reason.equals(b.reason)
        && message.equals(b.message);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(line) + n;
  }

  @Override
  public String toString() {
    return "RejectedBlock{" + n + " rows}";
  }

  /** Binary coder: a few bulk array writes per block. */
  public static final class Coder extends AtomicCoder<RejectedBlock> {
    private static final Coder INSTANCE = new Coder();

    public static Coder of() {
      return INSTANCE;
    }

    @Override
    public void encode(RejectedBlock b, OutputStream os) throws IOException {
      DataOutputStream out = new DataOutputStream(os);
      out.writeInt(b.n);
      b.file.encode(out);
      BinaryIo.writeLongs(out, b.line, b.n);
      b.raw.encode(out);
      b.reason.encode(out);
      b.message.encode(out);
      out.flush();
    }

    @Override
    public RejectedBlock decode(InputStream is) throws IOException {
      DataInputStream in = new DataInputStream(is);
      int n = in.readInt();
      Utf8Column file = Utf8Column.decode(in);
      long[] line = BinaryIo.readLongs(in, n);
      return new RejectedBlock(
          n, file, line, Utf8Column.decode(in), Utf8Column.decode(in), Utf8Column.decode(in));
    }

    @Override
    public void verifyDeterministic() {}
  }
}
