// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.ColumnMapping;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
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

  /** Most formatted values per column whose text is kept across column chunks. */
  static final int MAX_KEPT = 1 << 16;

  private final ParquetFileReader file;
  private final MessageType schema;
  private final String createdBy;
  private final ColumnDescriptor[] descriptors;
  private final FieldText[] fields;
  private final GroupConverter dictionaries;

  /** The text of each field of the row being written (see {@link FieldText#text}). */
  private final byte[][] rowTexts;

  private final long[] groupRows;
  private int group;

  /** Rows of the row group read last, and the next of them to write. */
  private int rows;

  private int row;

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
    this.dictionaries = new DictionaryTaps(fields);
    this.rowTexts = new byte[fields.length][];
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
    if (row == rows && !nextGroup()) {
      return false;
    }
    byte[][] texts = rowTexts;
    int length = 0;
    for (int c = 0; c < fields.length; c++) {
      byte[] text = fields[c].text(row);
      if (text == null) {
        appendByField(out);
        return true;
      }
      texts[c] = text;
      length += text.length;
    }
    out.appendFields(texts, length);
    row++;
    return true;
  }

  /** Writes the next row field by field: a row with a value of a plain page. */
  private void appendByField(LineBlockBuilder out) {
    for (int c = 0; c < fields.length; c++) {
      if (c > 0) {
        out.append((byte) ',');
      }
      fields[c].append(row, out);
      out.endField();
    }
    row++;
  }

  @Override
  boolean skip() throws IOException {
    if (row == rows && !nextGroup()) {
      return false;
    }
    row++;
    return true;
  }

  @Override
  long skipBefore(long next, long wanted) throws IOException {
    long record = next;
    if (row == rows) {
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

  /**
   * Reads the next row group whole, column by column: each column chunk's values (dictionary ids,
   * or the values of plain pages) go into that column's arrays, and {@link #next} then writes rows
   * from them. A column at a time keeps each loop over the column reader short and monomorphic.
   */
  private boolean nextGroup() throws IOException {
    PageReadStore pages;
    do {
      pages = file.readNextRowGroup();
      if (pages == null) {
        return false;
      }
      group++;
    } while (pages.getRowCount() == 0);
    long count = pages.getRowCount();
    if (count > Integer.MAX_VALUE) {
      throw new IOException("a row group of " + count + " rows is more than this reader takes");
    }
    ColumnReadStoreImpl store = new ColumnReadStoreImpl(pages, dictionaries, schema, createdBy);
    for (int c = 0; c < fields.length; c++) {
      fields[c].newChunk((int) count);
      // getColumnReader hands the chunk's dictionary, if any, to the field first
      fields[c].read(store.getColumnReader(descriptors[c]), (int) count);
    }
    rows = (int) count;
    row = 0;
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
                field.useDictionary(dictionary);
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
   * One column of the row group read last, and how its values are written. A dictionary-encoded
   * chunk (most columns of a warehouse export are encoded so) is kept as the id of each row's
   * entry, and each entry's text is made once per chunk, when a row first needs it; the values of
   * plain pages are kept as they are (numbers as their bits) and written with the text of the last
   * value kept, since neighbouring rows often share an invoice, a date or a price.
   */
  private static final class FieldText {
    /** A row's id when its value is null. */
    private static final int NULL = -1;

    /** A row's id when its value is in {@link #bits} or {@link #binaries} (a plain page). */
    private static final int PLAIN = -2;

    private static final byte[] NO_TEXT = new byte[0];

    private final Kind kind;
    private final Schema type;
    private final int maxDefinition;
    private final LineBlockBuilder scratch = new LineBlockBuilder("", "", 1, new int[0], 1);

    /** Per row of the row group: its dictionary id, {@link #NULL} or {@link #PLAIN}. */
    private int[] ids = new int[0];

    /** Per row of a plain page: its number's bits (see {@link #readPlain}). */
    private long[] bits;

    /** Per row of a plain page: its bytes, for the kinds read as binary. */
    private Binary[] binaries;

    /** This chunk's dictionary, or null. */
    private Dictionary dictionary;

    /** The CSV text of each dictionary entry of this chunk made so far. */
    private byte[][] byId;

    private boolean cached;
    private long lastBits;
    private Binary lastBinary;
    private byte[] lastText = new byte[0];

    /**
     * The text of the dates, timestamps and numbers that {@link RecordText} formats, by their bits,
     * kept across the file's column chunks (up to {@link #MAX_KEPT}): formatting is the costly part
     * of making a dictionary's texts, and row groups often share such values.
     */
    private final Map<Long, byte[]> byBits = new HashMap<>();

    private final boolean formatted;

    FieldText(Kind kind, Schema type, int maxDefinition) {
      this.kind = kind;
      this.type = type;
      this.maxDefinition = maxDefinition;
      this.formatted =
          kind == Kind.INT32_VALUE
              || kind == Kind.INT64_VALUE
              || kind == Kind.DOUBLE_VALUE
              || kind == Kind.FLOAT_VALUE;
    }

    /**
     * A new column chunk of {@code rows} rows: its dictionary, if it has one, follows through
     * {@link #useDictionary}.
     */
    void newChunk(int rows) {
      dictionary = null;
      byId = null;
      if (ids.length < rows) {
        ids = new int[rows];
      }
    }

    void useDictionary(Dictionary d) {
      dictionary = d;
      byId = new byte[d.getMaxId() + 1][];
    }

    /** Reads the chunk's {@code rows} values from {@code r}. */
    void read(ColumnReader r, int rows) {
      int[] id = ids;
      int max = maxDefinition;
      int k = 0;
      if (dictionary != null) {
        try {
          for (; k < rows; k++) {
            id[k] = r.getCurrentDefinitionLevel() == max ? r.getCurrentValueDictionaryID() : NULL;
            r.consume();
          }
        } catch (UnsupportedOperationException e) {
          // a page written without the dictionary (a writer's fallback): the rest by value
        }
      }
      for (; k < rows; k++) {
        if (r.getCurrentDefinitionLevel() == max) {
          id[k] = PLAIN;
          readPlain(r, k, rows);
        } else {
          id[k] = NULL;
        }
        r.consume();
      }
    }

    /** Keeps row {@code k}'s value of a plain page. */
    private void readPlain(ColumnReader r, int k, int rows) {
      switch (kind) {
        case TEXT, DECIMAL_BYTES, INT96 -> {
          if (binaries == null || binaries.length < rows) {
            binaries = new Binary[rows];
          }
          binaries[k] = r.getBinary().copy(); // a page's value may live only as long as the page
        }
        default -> {
          if (bits == null || bits.length < rows) {
            bits = new long[rows];
          }
          bits[k] =
              switch (kind) {
                case INTEGER -> type.getType() == Schema.Type.INT ? r.getInteger() : r.getLong();
                case INT32_VALUE -> r.getInteger();
                case INT64_VALUE -> r.getLong();
                case DOUBLE_VALUE -> Double.doubleToRawLongBits(r.getDouble());
                case FLOAT_VALUE -> Float.floatToRawIntBits(r.getFloat());
                case BOOLEAN_VALUE -> r.getBoolean() ? 1 : 0;
                default -> throw new IllegalStateException(kind.toString());
              };
        }
      }
    }

    /**
     * Row {@code k}'s text when it is a dictionary entry's (made the first time it is needed) or
     * empty (a null); null when the value is of a plain page, for {@link #append} to write.
     */
    byte[] text(int k) {
      int id = ids[k];
      if (id >= 0) {
        byte[] text = byId[id];
        return text != null ? text : entryText(id);
      }
      return id == NULL ? NO_TEXT : null;
    }

    private byte[] entryText(int id) {
      Long bits = formatted ? entryBits(id) : null;
      byte[] text = bits != null ? byBits.get(bits) : null;
      if (text == null) {
        appendEntry(id, scratch);
        scratch.endRecord(1);
        text = scratch.lastBytes();
        scratch.dropLast();
        if (bits != null) {
          if (byBits.size() == MAX_KEPT) {
            byBits.clear();
          }
          byBits.put(bits, text);
        }
      }
      byId[id] = text;
      return text;
    }

    /** The bits of a dictionary entry of a kind {@link RecordText} formats. */
    private long entryBits(int id) {
      Dictionary d = dictionary;
      return switch (kind) {
        case INT32_VALUE -> d.decodeToInt(id);
        case INT64_VALUE -> d.decodeToLong(id);
        case DOUBLE_VALUE -> Double.doubleToRawLongBits(d.decodeToDouble(id));
        case FLOAT_VALUE -> Float.floatToRawIntBits(d.decodeToFloat(id));
        default -> throw new IllegalStateException(kind.toString());
      };
    }

    /** Writes row {@code k}'s text (nothing for a null). */
    void append(int k, LineBlockBuilder out) {
      int id = ids[k];
      if (id == PLAIN) {
        appendPlain(k, out);
      } else {
        byte[] text = text(k);
        out.append(text, 0, text.length);
      }
    }

    /** Writes dictionary entry {@code id} as a plain value of it would be written. */
    private void appendEntry(int id, LineBlockBuilder out) {
      Dictionary d = dictionary;
      switch (kind) {
        case TEXT -> text(d.decodeToBinary(id), out);
        case INTEGER ->
            out.appendLong(
                type.getType() == Schema.Type.INT ? d.decodeToInt(id) : d.decodeToLong(id));
        case INT32_VALUE -> rendered(d.decodeToInt(id), out);
        case INT64_VALUE -> rendered(d.decodeToLong(id), out);
        case DOUBLE_VALUE -> rendered(d.decodeToDouble(id), out);
        case FLOAT_VALUE -> rendered(d.decodeToFloat(id), out);
        case BOOLEAN_VALUE -> rendered(d.decodeToBoolean(id), out);
        case DECIMAL_BYTES -> rendered(ByteBuffer.wrap(d.decodeToBinary(id).getBytes()), out);
        case INT96 -> rendered(new GenericData.Fixed(type, d.decodeToBinary(id).getBytes()), out);
      }
    }

    private void appendPlain(int k, LineBlockBuilder out) {
      switch (kind) {
        case TEXT -> text(binaries[k], out);
        case INTEGER -> out.appendLong(bits[k]);
        case INT32_VALUE -> cachedText(bits[k], (int) bits[k], out);
        case INT64_VALUE -> cachedText(bits[k], bits[k], out);
        case DOUBLE_VALUE -> cachedText(bits[k], Double.longBitsToDouble(bits[k]), out);
        case FLOAT_VALUE -> cachedText(bits[k], Float.intBitsToFloat((int) bits[k]), out);
        case BOOLEAN_VALUE -> cachedText(bits[k], bits[k] != 0, out);
        case DECIMAL_BYTES -> rendered(ByteBuffer.wrap(binaries[k].getBytes()), out);
        case INT96 -> rendered(new GenericData.Fixed(type, binaries[k].getBytes()), out);
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
     * equal to the last one is written from the last one's bytes.
     */
    private void text(Binary v, LineBlockBuilder out) {
      if (!v.equals(lastBinary)) {
        lastBinary = v.copy();
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
