// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.rows.RawBlock;
import java.io.IOException;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * Reads Parquet and Avro files into {@link RawBlock}s of CSV text (see {@link RecordText}), as the
 * database reader does with its rows: the field names are the header, found through the same {@link
 * ColumnMapping}, and every record then takes the CSV rows' parse and clean path. A record's "line"
 * is its 1-based position in the file.
 */
public final class RecordFiles {
  private RecordFiles() {}

  /**
   * The field names of {@code file}, after checking that the mapping finds its columns and that
   * every field has a type Segflow reads.
   *
   * @throws io.segflow.transforms.parse.MissingColumnException for a column the mapping misses
   * @throws ColumnTypeException for a nested field or a mapped field of the wrong type
   */
  public static List<String> inspect(String file, RecordFormat format, ColumnMapping columns)
      throws IOException {
    try (RecordFileReader in = RecordFileReader.open(file, format)) {
      Schema schema = in.schema();
      if (schema.getType() != Schema.Type.RECORD) {
        RecordText.of(file, schema, new int[0]); // throws, naming the type
      }
      List<String> header = RecordText.header(schema);
      RecordText.of(file, schema, columns.resolve(file, header));
      return header;
    }
  }

  /** Reads {@code file}'s records in order, {@code blockSize} to a block. */
  static void read(
      String file,
      RecordFormat format,
      ColumnMapping columns,
      int blockSize,
      Consumer<RawBlock> blocks)
      throws IOException {
    read(file, format, columns, blockSize, Long.MAX_VALUE, blocks);
  }

  /**
   * The CSV text of the records of {@code file} at the 1-based positions {@code records}, exactly
   * as {@link #read} renders them; reads the file up to the last position wanted. A position past
   * the file's end is absent from the result.
   */
  static SortedMap<Long, String> texts(
      String file, RecordFormat format, ColumnMapping columns, SortedSet<Long> records)
      throws IOException {
    SortedMap<Long, String> texts = new TreeMap<>();
    if (records.isEmpty()) {
      return texts;
    }
    try (RecordFileReader in = RecordFileReader.open(file, format)) {
      Schema schema = in.schema();
      List<String> header = RecordText.header(schema);
      RecordText text = RecordText.of(file, schema, columns.resolve(file, header));
      String[] values = new String[header.size()];
      long last = records.last();
      GenericRecord r;
      for (long record = 1; record <= last && (r = in.next()) != null; record++) {
        if (records.contains(record)) {
          text.render(r, values);
          texts.put(record, CsvLine.join(values));
        }
      }
    }
    return texts;
  }

  /** The first {@code count} records of {@code file} (fewer if it holds fewer), as one block. */
  public static RawBlock firstRecords(
      String file, RecordFormat format, ColumnMapping columns, int count) throws IOException {
    RawBlock[] first = {null};
    read(file, format, columns, count, count, b -> first[0] = b);
    return first[0];
  }

  private static void read(
      String file,
      RecordFormat format,
      ColumnMapping columns,
      int blockSize,
      long limit,
      Consumer<RawBlock> blocks)
      throws IOException {
    try (RecordFileReader in = RecordFileReader.open(file, format)) {
      Schema schema = in.schema();
      List<String> header = RecordText.header(schema);
      int[] index = columns.resolve(file, header);
      RecordText text = RecordText.of(file, schema, index);
      TableSlice slice =
          new TableSlice(
              file, CsvLine.join(header.toArray(new String[0])), header.size(), index, "", 1);
      ReadTransactionTable.BlockBuilder block =
          new ReadTransactionTable.BlockBuilder(slice, blockSize);
      String[] values = new String[header.size()];
      long line = 1;
      GenericRecord r;
      while (line <= limit && (r = in.next()) != null) {
        text.render(r, values);
        block.add(line++, CsvLine.join(values));
        if (block.isFull()) {
          blocks.accept(block.build());
        }
      }
      if (!block.isEmpty()) {
        blocks.accept(block.build());
      }
    }
  }
}
