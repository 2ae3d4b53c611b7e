// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.arrayContaining;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.parse.ColumnMapping;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.Test;

/**
 * How Avro values (as Avro and parquet-avro give them) become CSV text. The expected dates were
 * computed with Python's datetime, e.g. {@code datetime(1970,1,1) +
 * timedelta(microseconds=1291195560123456)} is 2010-12-01 09:26:00.123456, and Julian day 2455532
 * is {@code date(1970,1,1) + timedelta(days=2455532 - 2440588)} = 2010-12-01.
 */
public class RecordTextTest {
  private static Schema logical(org.apache.avro.LogicalType type, Schema.Type base) {
    return type.addToSchema(Schema.create(base));
  }

  private static final Schema DECIMAL = logical(LogicalTypes.decimal(12, 3), Schema.Type.BYTES);
  private static final Schema INT96 = Schema.createFixed("INT96", null, null, 12);

  private static final Schema SCHEMA =
      SchemaBuilder.record("Line")
          .fields()
          .requiredString("InvoiceNo")
          .requiredLong("CustomerID")
          .name("Quantity")
          .type()
          .intType()
          .noDefault()
          .name("UnitPrice")
          .type(DECIMAL)
          .noDefault()
          .name("InvoiceDate")
          .type(logical(LogicalTypes.timestampMicros(), Schema.Type.LONG))
          .noDefault()
          .name("Day")
          .type(logical(LogicalTypes.date(), Schema.Type.INT))
          .noDefault()
          .name("Local")
          .type(logical(LogicalTypes.localTimestampMillis(), Schema.Type.LONG))
          .noDefault()
          .name("Legacy")
          .type(INT96)
          .noDefault()
          .name("Ratio")
          .type()
          .floatType()
          .noDefault()
          .name("Big")
          .type()
          .doubleType()
          .noDefault()
          .optionalString("Country")
          .endRecord();

  private static String[] render(GenericRecord r) {
    int[] index = ColumnMapping.defaults().resolve("f", RecordText.header(r.getSchema()));
    String[] out = new String[r.getSchema().getFields().size()];
    RecordText.of("f", r.getSchema(), index).render(r, out);
    return out;
  }

  @Test
  public void logicalTypesBecomeTheTextACsvExportHolds() {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("InvoiceNo", "C536379");
    r.put("CustomerID", 17850L);
    r.put("Quantity", -1);
    r.put(
        "UnitPrice",
        new Conversions.DecimalConversion()
            .toBytes(new BigDecimal("123456.789"), DECIMAL, DECIMAL.getLogicalType()));
    r.put("InvoiceDate", 1_291_195_560_123_456L);
    r.put("Day", 14_944);
    r.put("Local", -1L);
    ByteBuffer int96 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
    int96.putLong(30_360_000_000_000L).putInt(2_455_532);
    r.put("Legacy", new GenericData.Fixed(INT96, int96.array()));
    r.put("Ratio", 2.55f);
    r.put("Big", 1.0e7);
    r.put("Country", null);
    assertThat(
        render(r),
        arrayContaining(
            "C536379",
            "17850",
            "-1",
            "123456.789",
            "2010-12-01 09:26:00Z",
            "2010-12-01",
            "1969-12-31 23:59:59",
            "2010-12-01 08:26:00",
            "2.55",
            "10000000",
            null));
  }

  @Test
  public void aNestedFieldIsRefusedByName() {
    Schema schema =
        SchemaBuilder.record("Line")
            .fields()
            .requiredString("CustomerID")
            .requiredString("InvoiceDate")
            .requiredDouble("Amount")
            .name("items")
            .type()
            .array()
            .items()
            .stringType()
            .noDefault()
            .endRecord();
    ColumnMapping columns = ColumnMapping.defaults();
    int[] index = columns.resolve("f.avro", RecordText.header(schema));
    ColumnTypeException e =
        assertThrows(ColumnTypeException.class, () -> RecordText.of("f.avro", schema, index));
    assertThat(e.getMessage(), containsString("column 'items' of f.avro has type array"));
  }

  @Test
  public void aFloatingPointCustomerIdIsRefused() {
    Schema schema =
        SchemaBuilder.record("Line")
            .fields()
            .requiredDouble("CustomerID")
            .requiredString("InvoiceDate")
            .requiredDouble("Amount")
            .endRecord();
    ColumnMapping columns = ColumnMapping.withOverrides(Map.of());
    int[] index = columns.resolve("f.avro", RecordText.header(schema));
    ColumnTypeException e =
        assertThrows(ColumnTypeException.class, () -> RecordText.of("f.avro", schema, index));
    assertThat(e.getMessage(), containsString("(mapped as customer_id)"));
  }
}
