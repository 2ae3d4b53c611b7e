// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import io.segflow.transforms.rows.RawBlock;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.avro.Schema;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;

/**
 * Reads Parquet and Avro files into {@link RawBlock}s of CSV text (see {@link RecordLines}), as the
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

  /** Reads {@code split}'s records in order, {@code blockSize} to a block. */
  static void read(
      FileSplit split,
      RecordFormat format,
      ColumnMapping columns,
      int blockSize,
      Consumer<RawBlock> blocks)
      throws IOException {
    read(split, format, columns, blockSize, Long.MAX_VALUE, blocks);
  }

  /**
   * {@code file} as splits of whole row groups of at least {@code rows} records each when it is a
   * Parquet file of more than one such run, else as one split.
   */
  static List<FileSplit> splits(String file, RecordFormat format, long rows) throws IOException {
    if (format != RecordFormat.PARQUET) {
      return List.of(FileSplit.whole(file));
    }
    List<FileSplit> splits = new ArrayList<>();
    try (ParquetFileReader footer = ParquetFileReader.open(new BeamInputFile(file))) {
      long first = 1;
      long start = -1;
      long end = 0;
      long records = 0;
      for (BlockMetaData group : footer.getFooter().getBlocks()) {
        if (start < 0) {
          start = group.getStartingPos();
        }
        end = group.getStartingPos() + group.getCompressedSize();
        records += group.getRowCount();
        if (records >= rows) {
          splits.add(new FileSplit(file, first, start, end));
          first += records;
          start = -1;
          records = 0;
        }
      }
      if (records > 0) {
        splits.add(new FileSplit(file, first, start, end));
      }
    }
    return splits.size() > 1 ? splits : List.of(FileSplit.whole(file));
  }

  /**
   * The CSV text of the records of {@code file} at the 1-based positions {@code records}, exactly
   * as {@link #read} renders them; reads the file up to the last position wanted (Parquet row
   * groups before a wanted record unread). A position past the file's end is absent from the
   * result.
   */
  static SortedMap<Long, String> texts(
      String file, RecordFormat format, ColumnMapping columns, SortedSet<Long> records)
      throws IOException {
    SortedMap<Long, String> texts = new TreeMap<>();
    if (records.isEmpty()) {
      return texts;
    }
    try (RecordLines in = RecordLines.open(FileSplit.whole(file), format, columns)) {
      LineBlockBuilder line =
          new LineBlockBuilder(file, "", in.header().size(), in.columnIndex(), 1);
      long record = 1;
      for (long wanted : records) {
        record = in.skipBefore(record, wanted);
        while (record < wanted && in.skip()) {
          record++;
        }
        if (record < wanted || !in.next(line)) {
          break; // the end of the file
        }
        line.endRecord(record);
        texts.put(record, line.lastText());
        line.dropLast();
        record++;
      }
    }
    return texts;
  }

  /** The first {@code count} records of {@code file} (fewer if it holds fewer), as one block. */
  public static RawBlock firstRecords(
      String file, RecordFormat format, ColumnMapping columns, int count) throws IOException {
    RawBlock[] first = {null};
    read(FileSplit.whole(file), format, columns, count, count, b -> first[0] = b);
    return first[0];
  }

  private static void read(
      FileSplit split,
      RecordFormat format,
      ColumnMapping columns,
      int blockSize,
      long limit,
      Consumer<RawBlock> blocks)
      throws IOException {
    try (RecordLines in = RecordLines.open(split, format, columns)) {
      LineBlockBuilder block =
          new LineBlockBuilder(
              split.file(), in.headerLine(), in.header().size(), in.columnIndex(), blockSize);
      long line = split.firstRecord();
      long last = limit == Long.MAX_VALUE ? Long.MAX_VALUE : line + limit - 1;
      while (line <= last && in.next(block)) {
        block.endRecord(line++);
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
