// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.parquet.HadoopReadOptions;
import org.apache.parquet.ParquetReadOptions;
import org.apache.parquet.column.ColumnDescriptor;
import org.apache.parquet.column.ColumnReader;
import org.apache.parquet.column.Dictionary;
import org.apache.parquet.column.impl.ColumnReadStoreImpl;
import org.apache.parquet.column.page.PageReadStore;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.metadata.BlockMetaData;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.io.api.Converter;
import org.apache.parquet.io.api.GroupConverter;
import org.apache.parquet.io.api.PrimitiveConverter;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.PrimitiveType;
import org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName;
import org.apache.parquet.schema.Type;

/**
 * Reads a flat Parquet file with parquet-column's column readers, a row group at a time, and writes
 * each record's CSV text straight from the column values: no Avro record, no String per field. The
 * text is the one {@link RecordText} gives parquet-avro's record of the same row (a column's type
 * is decided from the Avro schema parquet-avro gives it; dates, timestamps and numbers other than
 * integers are rendered by {@link RecordText} itself). On a dictionary-encoded column chunk each
 * entry's text is made once and kept by its id; on plain pages the last value's text is kept, since
 * neighbouring rows often share a date or a price. Each field's end is handed to the block ({@link
 * LineBlockBuilder#endField}), so that the parser need not split the text again.
 *
 * <p>Only files of top-level, non-repeated columns of the types below take this path; the rest (and
 * a file that carries its own Avro schema, which parquet-avro would follow) are read through
 * parquet-avro.
 */
final class ParquetColumnLines extends RecordLines {
  /** Keys under which parquet-avro finds an Avro schema in a file's metadata. */
  private static final List<String> AVRO_SCHEMA_KEYS =
      List.of("parquet.avro.schema", "avro.schema");

  private final ParquetFileReader file;
  private final MessageType schema;
  private final String createdBy;
  private final ColumnDescriptor[] descriptors;
  private final FieldText[] fields;
  private final ColumnReader[] readers;
  private final GroupConverter dictionaries;
  private final long[] groupRows;
  private int group;
  private long left;

  private ParquetColumnLines(
      ParquetFileReader file,
      MessageType schema,
      List<String> header,
      int[] index,
      FieldText[] fields) {
    super(header, index);
    this.file = file;
    this.schema = schema;
    this.createdBy = file.getFileMetaData().getCreatedBy();
    this.descriptors = schema.getColumns().toArray(new ColumnDescriptor[0]);
    this.fields = fields;
    this.readers = new ColumnReader[fields.length];
    this.dictionaries = new DictionaryTaps(fields);
    List<BlockMetaData> groups = file.getRowGroups();
    this.groupRows = new long[groups.size()];
    for (int g = 0; g < groupRows.length; g++) {
      groupRows[g] = groups.get(g).getRowCount();
    }
  }

  /**
   * The split's reader when the file is flat and of the types this class reads; null when it is to
   * be read through parquet-avro.
   *
   * @throws io.segflow.transforms.parse.MissingColumnException for a column the mapping misses
   * @throws ColumnTypeException for a field of a type Segflow does not read
   */
  static ParquetColumnLines openIfFlat(FileSplit split, ColumnMapping columns) throws IOException {
    ParquetReadOptions.Builder options = HadoopReadOptions.builder(RecordFileReader.parquetConf());
    if (!split.isWhole()) {
      options.withRange(split.startByte(), split.endByte()); // the same row groups as parquet-avro
    }
    ParquetFileReader file =
        ParquetFileReader.open(new BeamInputFile(split.file()), options.build());
    try {
      MessageType schema = file.getFileMetaData().getSchema();
      Schema avro = RecordFileReader.avroSchema(schema);
      List<String> header = RecordText.header(avro);
      int[] index = columns.resolve(split.file(), header);
      RecordText.of(split.file(), avro, index); // the checks, and their messages, of every path
      FieldText[] fields = fields(schema, avro, file.getFileMetaData().getKeyValueMetaData());
      if (fields != null) {
        return new ParquetColumnLines(file, schema, header, index, fields);
      }
    } catch (RuntimeException e) {
      file.close();
      throw e;
    }
    file.close();
    return null;
  }

  /** How each column is written, or null when one of them is not read here. */
  private static FieldText[] fields(MessageType schema, Schema avro, Map<String, String> metadata) {
    for (String key : AVRO_SCHEMA_KEYS) {
      if (metadata.containsKey(key)) {
        return null;
      }
    }
    List<ColumnDescriptor> columns = schema.getColumns();
    List<Schema.Field> avroFields = avro.getFields();
    if (columns.size() != schema.getFieldCount() || avroFields.size() != columns.size()) {
      return null;
    }
    FieldText[] fields = new FieldText[columns.size()];
    for (int i = 0; i < fields.length; i++) {
      Type field = schema.getType(i);
      ColumnDescriptor column = columns.get(i);
      if (!field.isPrimitive()
          || field.isRepetition(Type.Repetition.REPEATED)
          || column.getPath().length != 1
          || !field.getName().equals(avroFields.get(i).name())) {
        return null;
      }
      Kind kind = kind(field.asPrimitiveType(), RecordText.nonNull(avroFields.get(i).schema()));
      if (kind == null) {
        return null;
      }
      fields[i] =
          new FieldText(
              kind, RecordText.nonNull(avroFields.get(i).schema()), column.getMaxDefinitionLevel());
    }
    return fields;
  }

  /** How a value is taken from the column and written. */
  private enum Kind {
    /** UTF-8 text, written as it is (quoted where needed). */
    TEXT,
    /** A 32- or 64-bit integer, written as its digits. */
    INTEGER,
    /** A number, date or timestamp, boxed as parquet-avro would and rendered by RecordText. */
    INT32_VALUE,
    INT64_VALUE,
    DOUBLE_VALUE,
    FLOAT_VALUE,
    BOOLEAN_VALUE,
    /** A decimal of bytes, as the ByteBuffer parquet-avro gives; rendered by RecordText. */
    DECIMAL_BYTES,
    /**
     * Parquet's legacy INT96 timestamp, as the fixed parquet-avro gives; rendered by RecordText.
     */
    INT96
  }

  /** The kind for a Parquet column whose Avro type (as parquet-avro converts it) is {@code t}. */
  private static Kind kind(PrimitiveType p, Schema t) {
    PrimitiveTypeName physical = p.getPrimitiveTypeName();
    LogicalTypeAnnotation parquetType = p.getLogicalTypeAnnotation();
    LogicalType avroType = t.getLogicalType();
    boolean plainInteger =
        parquetType == null
            || (parquetType instanceof LogicalTypeAnnotation.IntLogicalTypeAnnotation i
                && i.isSigned());
    return switch (t.getType()) {
      case STRING, ENUM ->
          physical == PrimitiveTypeName.BINARY
                  && avroType == null
                  && (parquetType == null
                      || parquetType instanceof LogicalTypeAnnotation.StringLogicalTypeAnnotation
                      || parquetType instanceof LogicalTypeAnnotation.EnumLogicalTypeAnnotation)
              ? Kind.TEXT
              : null;
      case INT -> {
        if (physical != PrimitiveTypeName.INT32) {
          yield null;
        }
        if (avroType == null) {
          yield plainInteger ? Kind.INTEGER : null;
        }
        yield avroType instanceof LogicalTypes.Date
                && parquetType instanceof LogicalTypeAnnotation.DateLogicalTypeAnnotation
            ? Kind.INT32_VALUE
            : null;
      }
      case LONG -> {
        if (physical != PrimitiveTypeName.INT64) {
          yield null;
        }
        if (avroType == null) {
          yield plainInteger ? Kind.INTEGER : null;
        }
        boolean timestamp =
            avroType instanceof LogicalTypes.TimestampMillis
                || avroType instanceof LogicalTypes.TimestampMicros
                || avroType instanceof LogicalTypes.LocalTimestampMillis
                || avroType instanceof LogicalTypes.LocalTimestampMicros;
        yield timestamp
                && parquetType instanceof LogicalTypeAnnotation.TimestampLogicalTypeAnnotation
            ? Kind.INT64_VALUE
            : null;
      }
      case DOUBLE ->
          physical == PrimitiveTypeName.DOUBLE && avroType == null ? Kind.DOUBLE_VALUE : null;
      case FLOAT ->
          physical == PrimitiveTypeName.FLOAT && avroType == null ? Kind.FLOAT_VALUE : null;
      case BOOLEAN -> physical == PrimitiveTypeName.BOOLEAN ? Kind.BOOLEAN_VALUE : null;
      case BYTES, FIXED -> {
        boolean binary =
            physical == PrimitiveTypeName.BINARY
                || physical == PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
        if (binary
            && avroType instanceof LogicalTypes.Decimal
            && parquetType instanceof LogicalTypeAnnotation.DecimalLogicalTypeAnnotation) {
          yield Kind.DECIMAL_BYTES;
        }
        yield physical == PrimitiveTypeName.INT96 && RecordText.isInt96(t) ? Kind.INT96 : null;
      }
      default -> null;
    };
  }

  @Override
  boolean next(LineBlockBuilder out) throws IOException {
    if (left == 0 && !nextGroup()) {
      return false;
    }
    left--;
    for (int c = 0; c < readers.length; c++) {
      if (c > 0) {
        out.append((byte) ',');
      }
      ColumnReader r = readers[c];
      if (r.getCurrentDefinitionLevel() == fields[c].maxDefinition) {
        fields[c].append(r, out);
      }
      out.endField();
      r.consume();
    }
    return true;
  }

  @Override
  boolean skip() throws IOException {
    if (left == 0 && !nextGroup()) {
      return false;
    }
    left--;
    for (int c = 0; c < readers.length; c++) {
      ColumnReader r = readers[c];
      if (r.getCurrentDefinitionLevel() == fields[c].maxDefinition) {
        r.skip();
      }
      r.consume();
    }
    return true;
  }

  @Override
  long skipBefore(long next, long wanted) throws IOException {
    long record = next;
    if (left == 0) {
      // between row groups: pass over those that end before the wanted record unread
      while (group < groupRows.length && record + groupRows[group] <= wanted) {
        if (!file.skipNextRowGroup()) {
          break;
        }
        record += groupRows[group++];
      }
    }
    return record;
  }

  private boolean nextGroup() throws IOException {
    PageReadStore pages;
    do {
      pages = file.readNextRowGroup();
      if (pages == null) {
        return false;
      }
      group++;
    } while (pages.getRowCount() == 0);
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, dictionaries, schema, createdBy);
    for (int c = 0; c < readers.length; c++) {
      fields[c].newChunk();
      readers[c] = store.getColumnReader(descriptors[c]); // hands the chunk's dictionary, if any
    }
    left = pages.getRowCount();
    return true;
  }

  @Override
  public void close() throws IOException {
    file.close();
  }

  /**
   * The converters the column readers are built with: values are taken with the readers' getters,
   * so each converter only receives its column chunk's dictionary, for {@link FieldText} to keep
   * the text of each dictionary entry.
   */
  private static final class DictionaryTaps extends GroupConverter {
    private final PrimitiveConverter[] columns;

    DictionaryTaps(FieldText[] fields) {
      columns = new PrimitiveConverter[fields.length];
      for (int c = 0; c < fields.length; c++) {
        FieldText field = fields[c];
        columns[c] =
            new PrimitiveConverter() {
              @Override
              public boolean hasDictionarySupport() {
                return true;
              }

              @Override
              public void setDictionary(Dictionary dictionary) {
                field.useDictionary(dictionary.getMaxId() + 1);
              }
            };
      }
    }

    @Override
    public Converter getConverter(int fieldIndex) {
      return columns[fieldIndex];
    }

    @Override
    public void start() {}

    @Override
    public void end() {}
  }

  /**
   * Writes one column's values. On dictionary-encoded pages each dictionary entry's text is made
   * once per column chunk and kept by its id (most columns of a warehouse export are encoded so);
   * on other pages the text of the last number, date or timestamp is kept.
   */
  private static final class FieldText {
    private final Kind kind;
    private final Schema type;
    final int maxDefinition;

    /** The CSV text of each dictionary entry of this chunk made so far; null: no dictionary. */
    private byte[][] byId;

    private boolean cached;
    private long lastBits;
    private Binary lastBinary;
    private byte[] lastText = new byte[0];

    FieldText(Kind kind, Schema type, int maxDefinition) {
      this.kind = kind;
      this.type = type;
      this.maxDefinition = maxDefinition;
    }

    /**
     * A new column chunk: its dictionary, if it has one, follows through {@link #useDictionary}.
     */
    void newChunk() {
      byId = null;
    }

    void useDictionary(int entries) {
      byId = new byte[entries][];
    }

    void append(ColumnReader r, LineBlockBuilder out) {
      if (byId != null) {
        int id;
        try {
          id = r.getCurrentValueDictionaryID();
        } catch (UnsupportedOperationException e) {
          byId = null; // a page written without the dictionary (a writer's fallback): by value
          appendValue(r, out);
          return;
        }
        byte[] text = byId[id];
        if (text == null) {
          LineBlockBuilder one = new LineBlockBuilder("", "", 1, new int[0], 1);
          appendValue(r, one);
          one.endRecord(1);
          text = byId[id] = one.lastBytes();
        }
        out.append(text, 0, text.length);
        return;
      }
      appendValue(r, out);
    }

    private void appendValue(ColumnReader r, LineBlockBuilder out) {
      switch (kind) {
        case TEXT -> text(r.getBinary(), out);
        case INTEGER ->
            out.appendLong(
                r.getDescriptor().getPrimitiveType().getPrimitiveTypeName()
                        == PrimitiveTypeName.INT32
                    ? r.getInteger()
                    : r.getLong());
        case INT32_VALUE -> {
          int v = r.getInteger();
          cachedText(v, v, out);
        }
        case INT64_VALUE -> {
          long v = r.getLong();
          cachedText(v, v, out);
        }
        case DOUBLE_VALUE -> {
          double v = r.getDouble();
          cachedText(Double.doubleToRawLongBits(v), v, out);
        }
        case FLOAT_VALUE -> {
          float v = r.getFloat();
          cachedText(Float.floatToRawIntBits(v), v, out);
        }
        case BOOLEAN_VALUE -> {
          boolean v = r.getBoolean();
          cachedText(v ? 1 : 0, v, out);
        }
        case DECIMAL_BYTES -> rendered(ByteBuffer.wrap(r.getBinary().getBytes()), out);
        case INT96 -> rendered(new GenericData.Fixed(type, r.getBinary().getBytes()), out);
      }
    }

    private void cachedText(long bits, Object value, LineBlockBuilder out) {
      if (!cached || bits != lastBits) {
        lastText = RecordText.text(type, value).getBytes(StandardCharsets.UTF_8);
        lastBits = bits;
        cached = true;
      }
      out.appendField(lastText, 0, lastText.length);
    }

    private void rendered(Object value, LineBlockBuilder out) {
      byte[] text = RecordText.text(type, value).getBytes(StandardCharsets.UTF_8);
      out.appendField(text, 0, text.length);
    }

    /**
     * Text as parquet-avro gives it: ASCII as it is, anything else decoded as UTF-8 first. A value
     * equal to the last one (neighbouring rows often share an invoice, a customer, a country) is
     * written from the last one's bytes.
     */
    private void text(Binary v, LineBlockBuilder out) {
      if (!v.equals(lastBinary)) {
        lastBinary = v.copy(); // a value of a page may live only as long as the page
        byte[] bytes = lastBinary.getBytesUnsafe();
        lastText = bytes;
        for (byte b : bytes) {
          if (b < 0) {
            // invalid UTF-8 becomes U+FFFD, as in the String parquet-avro makes of it
            lastText = new String(bytes, StandardCharsets.UTF_8).getBytes(StandardCharsets.UTF_8);
            break;
          }
        }
      }
      out.appendField(lastText, 0, lastText.length);
    }
  }
}
