// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import io.segflow.transforms.parse.Column;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * Renders the records of a Parquet or Avro file as the CSV text the transaction parser reads, so
 * that they take exactly the path of CSV rows. Each top-level field is one column, named by the
 * field. Logical types become the text a CSV export would hold: a {@code date} {@code yyyy-MM-dd},
 * a local timestamp {@code yyyy-MM-dd HH:mm:ss}, an instant the same in UTC with a {@code Z}, a
 * decimal its exact plain digits; a double the shortest digits that read back as the same double.
 * Fractions of a second are dropped, as the date parser drops them in text.
 */
final class RecordText {
  private static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("uuuu-MM-dd HH:mm:ss");
  private static final long JULIAN_EPOCH_DAY = 2_440_588L; // Julian day of 1970-01-01
  private static final Set<Column> NUMERIC =
      EnumSet.of(Column.QUANTITY, Column.UNIT_PRICE, Column.AMOUNT);
  private static final Set<Column> IDS =
      EnumSet.of(Column.INVOICE, Column.STOCK_CODE, Column.CUSTOMER_ID);

  private final Schema[] types;

  private RecordText(Schema[] types) {
    this.types = types;
  }

  /** The top-level field names of {@code schema}: the file's header. */
  static List<String> header(Schema schema) {
    List<String> names = new ArrayList<>();
    for (Schema.Field f : schema.getFields()) {
      names.add(f.name());
    }
    return names;
  }

  /**
   * Checks every field of {@code schema} against the column it is mapped to ({@code index} as from
   * {@code ColumnMapping.resolve}) and returns the renderer.
   *
   * @throws ColumnTypeException naming the first field that is nested, or whose type cannot hold
   *     the column it is mapped to
   */
  static RecordText of(String file, Schema schema, int[] index) {
    if (schema.getType() != Schema.Type.RECORD) {
      throw new ColumnTypeException(
          file + " holds " + schema.getType() + " values, not records with named columns");
    }
    List<Schema.Field> fields = schema.getFields();
    Schema[] types = new Schema[fields.size()];
    for (int i = 0; i < types.length; i++) {
      Schema.Field f = fields.get(i);
      Schema t = nonNull(f.schema());
      types[i] = t;
      Column mapped = null;
      for (Column c : Column.values()) {
        if (index[c.ordinal()] == i) {
          mapped = c;
        }
      }
      String problem = problem(t, mapped);
      if (problem != null) {
        throw new ColumnTypeException(
            "column '"
                + f.name()
                + "' of "
                + file
                + " has type "
                + describe(t)
                + (mapped == null ? "" : " (mapped as " + mapped.key() + ")")
                + ": "
                + problem);
      }
    }
    return new RecordText(types);
  }

  /** The schema of a value, without the null branch of an optional field. */
  static Schema nonNull(Schema s) {
    if (s.getType() == Schema.Type.UNION) {
      List<Schema> branches = new ArrayList<>();
      for (Schema b : s.getTypes()) {
        if (b.getType() != Schema.Type.NULL) {
          branches.add(b);
        }
      }
      return branches.size() == 1 ? branches.get(0) : s;
    }
    return s;
  }

  static String describe(Schema t) {
    LogicalType l = t.getLogicalType();
    if (l instanceof LogicalTypes.Decimal d) {
      return "decimal(" + d.getPrecision() + "," + d.getScale() + ")";
    }
    return l != null ? l.getName() : t.getType().getName();
  }

  /** Why a value of type {@code t} cannot be read as {@code column}; null when it can. */
  private static String problem(Schema t, Column column) {
    boolean nested =
        switch (t.getType()) {
          case RECORD, ARRAY, MAP, UNION -> true;
          default -> false;
        };
    if (nested) {
      return "nested values are not read; select flat columns of plain types (for example"
          + " with a query that lists them) and run on that";
    }
    boolean binary = t.getType() == Schema.Type.BYTES || t.getType() == Schema.Type.FIXED;
    if (binary && !(t.getLogicalType() instanceof LogicalTypes.Decimal) && !isInt96(t)) {
      return "binary values are not read; store the column as text or numbers";
    }
    if (column == null) {
      return null;
    }
    boolean text = t.getType() == Schema.Type.STRING || t.getType() == Schema.Type.ENUM;
    boolean integer =
        (t.getType() == Schema.Type.INT || t.getType() == Schema.Type.LONG)
            && t.getLogicalType() == null;
    boolean number =
        integer
            || t.getType() == Schema.Type.FLOAT
            || t.getType() == Schema.Type.DOUBLE
            || t.getLogicalType() instanceof LogicalTypes.Decimal;
    boolean time = isTime(t);
    boolean ok;
    String want;
    if (NUMERIC.contains(column)) {
      ok = number || text;
      want = "a number (integer, floating point or decimal) or text";
    } else if (column == Column.INVOICE_DATE) {
      ok = time || text || integer;
      want = "a date or timestamp, text, or integer epoch seconds/milliseconds";
    } else if (IDS.contains(column)) {
      ok = text || integer;
      want = "text or an integer (cast a floating point id to an integer)";
    } else {
      ok = text || number || t.getType() == Schema.Type.BOOLEAN;
      want = "text";
    }
    if (t.getType() == Schema.Type.BOOLEAN && column != Column.DESCRIPTION) {
      ok = false;
    }
    return ok ? null : column.key() + " must be " + want;
  }

  private static boolean isTime(Schema t) {
    LogicalType l = t.getLogicalType();
    return l instanceof LogicalTypes.Date
        || l instanceof LogicalTypes.TimestampMillis
        || l instanceof LogicalTypes.TimestampMicros
        || l instanceof LogicalTypes.LocalTimestampMillis
        || l instanceof LogicalTypes.LocalTimestampMicros
        || isInt96(t);
  }

  /** Parquet's legacy INT96 timestamp, which parquet-avro gives as a 12-byte fixed. */
  static boolean isInt96(Schema t) {
    return t.getType() == Schema.Type.FIXED
        && t.getFixedSize() == 12
        && "INT96".equals(t.getName());
  }

  /** Fills {@code out} with the text of each field of {@code record} (null for a null value). */
  void render(GenericRecord record, String[] out) {
    for (int i = 0; i < types.length; i++) {
      out[i] = text(types[i], record.get(i));
    }
  }

  /**
   * The text of value {@code v} of type {@code t}, as parquet-avro or Avro gives it; null for null.
   */
  static String text(Schema t, Object v) {
    if (v == null) {
      return null;
    }
    LogicalType l = t.getLogicalType();
    if (l instanceof LogicalTypes.Decimal d) {
      byte[] bytes;
      if (v instanceof ByteBuffer b) {
        bytes = new byte[b.remaining()];
        b.duplicate().get(bytes);
      } else {
        bytes = ((GenericFixed) v).bytes();
      }
      return new BigDecimal(new BigInteger(bytes), d.getScale()).toPlainString();
    }
    if (l instanceof LogicalTypes.Date) {
      return LocalDate.ofEpochDay(((Number) v).longValue()).toString();
    }
    if (l instanceof LogicalTypes.TimestampMillis) {
      return instant(Instant.ofEpochMilli(((Number) v).longValue()));
    }
    if (l instanceof LogicalTypes.TimestampMicros) {
      return instant(micros(((Number) v).longValue()));
    }
    if (l instanceof LogicalTypes.LocalTimestampMillis) {
      return local(Instant.ofEpochMilli(((Number) v).longValue()));
    }
    if (l instanceof LogicalTypes.LocalTimestampMicros) {
      return local(micros(((Number) v).longValue()));
    }
    if (isInt96(t)) {
      ByteBuffer b = ByteBuffer.wrap(((GenericFixed) v).bytes()).order(ByteOrder.LITTLE_ENDIAN);
      long nanosOfDay = b.getLong();
      long julianDay = Integer.toUnsignedLong(b.getInt());
      return local(
          Instant.ofEpochSecond(
              Math.multiplyExact(julianDay - JULIAN_EPOCH_DAY, 86_400L), nanosOfDay));
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isNaN(d) || Double.isInfinite(d)) {
        return Double.toString(d);
      }
      // Float's own shortest digits, so that a float 2.55 reads as 2.55, as its text would.
      String digits = v instanceof Float f ? Float.toString(f) : Double.toString(d);
      // digits without an exponent are already plain (but -0.0 is written 0.0, as BigDecimal does)
      return digits.indexOf('E') < 0 && d != 0 ? digits : new BigDecimal(digits).toPlainString();
    }
    return v.toString();
  }

  private static Instant micros(long micros) {
    return Instant.ofEpochSecond(Math.floorDiv(micros, 1_000_000L))
        .plusNanos(Math.floorMod(micros, 1_000_000L) * 1000L);
  }

  private static String instant(Instant i) {
    return LOCAL.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC)) + "Z";
  }

  private static String local(Instant i) {
    return LOCAL.format(LocalDateTime.ofInstant(i, ZoneOffset.UTC));
  }
}
