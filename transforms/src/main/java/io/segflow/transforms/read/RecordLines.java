// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * The records of a Parquet or Avro file (or of a split of one) as the CSV text the transaction
 * parser reads, one after another, written straight into a {@link LineBlockBuilder}. The file's
 * columns are checked against the mapping when it is opened.
 *
 * <p>A flat Parquet file of the plain types is read column by column ({@link ParquetColumnLines});
 * anything else (Avro files, and Parquet types that only parquet-avro converts) goes through
 * parquet-avro's or Avro's records and {@link RecordText}. Both write the same text for the same
 * values.
 */
abstract class RecordLines implements AutoCloseable {
  private final List<String> header;
  private final int[] columnIndex;

  RecordLines(List<String> header, int[] columnIndex) {
    this.header = List.copyOf(header);
    this.columnIndex = columnIndex.clone();
  }

  /** The field names: the file's header. */
  final List<String> header() {
    return header;
  }

  /** The header as one CSV line. */
  final String headerLine() {
    return CsvLine.join(header.toArray(new String[0]));
  }

  /** Position of each logical column in the header, as {@link ColumnMapping#resolve} gives it. */
  final int[] columnIndex() {
    return columnIndex.clone();
  }

  /** Appends the next record's CSV text to {@code out} (without ending it); false at the end. */
  abstract boolean next(LineBlockBuilder out) throws IOException;

  /** Passes over the next record without writing it; false at the end. */
  abstract boolean skip() throws IOException;

  /**
   * Passes over records without reading them where the format allows (whole Parquet row groups)
   * while the next record's 1-based number, {@code next}, is below {@code wanted}; returns the next
   * record's number then.
   */
  long skipBefore(long next, long wanted) throws IOException {
    return next;
  }

  @Override
  public abstract void close() throws IOException;

  /**
   * Opens {@code split}, after checking that the mapping finds its columns and that every field has
   * a type Segflow reads.
   *
   * @throws io.segflow.transforms.parse.MissingColumnException for a column the mapping misses
   * @throws ColumnTypeException for a nested field or a mapped field of the wrong type
   */
  static RecordLines open(FileSplit split, RecordFormat format, ColumnMapping columns)
      throws IOException {
    if (format == RecordFormat.PARQUET) {
      RecordLines columnar = ParquetColumnLines.openIfFlat(split, columns);
      if (columnar != null) {
        return columnar;
      }
    }
    return rendered(split, format, columns);
  }

  /** {@code split} read through parquet-avro's or Avro's records, whatever the file's columns. */
  static RecordLines rendered(FileSplit split, RecordFormat format, ColumnMapping columns)
      throws IOException {
    RecordFileReader in = RecordFileReader.open(split, format);
    try {
      Schema schema = in.schema();
      List<String> header = RecordText.header(schema);
      int[] index = columns.resolve(split.file(), header);
      return new Rendered(in, header, index, RecordText.of(split.file(), schema, index));
    } catch (RuntimeException e) {
      in.close();
      throw e;
    }
  }

  /** Records as Avro {@link GenericRecord}s, rendered by {@link RecordText}. */
  private static final class Rendered extends RecordLines {
    private final RecordFileReader in;
    private final RecordText text;
    private final String[] values;

    Rendered(RecordFileReader in, List<String> header, int[] index, RecordText text) {
      super(header, index);
      this.in = in;
      this.text = text;
      this.values = new String[header.size()];
    }

    @Override
    boolean next(LineBlockBuilder out) throws IOException {
      GenericRecord r = in.next();
      if (r == null) {
        return false;
      }
      text.render(r, values);
      byte[] utf8 = CsvLine.join(values).getBytes(StandardCharsets.UTF_8);
      out.append(utf8, 0, utf8.length);
      return true;
    }

    @Override
    boolean skip() throws IOException {
      return in.next() != null;
    }

    @Override
    public void close() throws IOException {
      in.close();
    }
  }
}
