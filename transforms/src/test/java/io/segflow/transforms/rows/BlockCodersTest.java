// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.beam.sdk.coders.Coder;
import org.apache.beam.sdk.testing.CoderProperties;
import org.apache.beam.sdk.util.CoderUtils;
import org.junit.Test;

public class BlockCodersTest {
  private static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";

  private static <T> T roundTrip(Coder<T> coder, T value) throws Exception {
    CoderProperties.coderDecodeEncodeEqual(coder, value);
    return CoderUtils.clone(coder, value);
  }

  private static TransactionBlock.Builder twoRows() {
    return TransactionBlock.builder(1)
        .add(
            "/data/online_retail.csv",
            2,
            "536540,22968,ROSE COTTAGE KEEPSAKE BOX ,4,2010-12-01 14:05:00,9.95,14911,EIRE",
            "536540",
            "22968",
            4,
            1291212300L,
            9.95,
            "14911",
            "EIRE",
            11L,
            -12L)
        .add(
            "/data/café.csv",
            3,
            "536414,22139,,56,2010-12-01 11:52:00,0.0,,",
            "536414",
            "22139",
            56,
            1291204320L,
            0.0,
            null,
            null,
            Long.MIN_VALUE,
            Long.MAX_VALUE);
  }

  @Test
  public void rawBlockRoundTripsWithFlagsAbsentColumnsAndNonAscii() throws Exception {
    RawBlock b =
        new RawBlock(
            "/data/retail.csv",
            HEADER,
            8,
            new int[] {0, 1, -1, 3, 4, 5, 6, -1},
            new long[] {2, 3, 5, 6},
            new String[] {
              "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,"
                  + "17850,United Kingdom",
              "1,\"two\nlines\",x",
              "",
              "1,Caf\uFFFD,Curaçao"
            },
            new byte[] {
              RawBlock.OK, RawBlock.UNTERMINATED_QUOTE, RawBlock.OK, RawBlock.BAD_ENCODING
            });
    RawBlock copy = roundTrip(RawBlock.Coder.of(), b);
    assertThat(copy.columnIndex(2), is(-1));
    assertThat(copy.flag(1), is(RawBlock.UNTERMINATED_QUOTE));
    assertThat(copy.flag(3), is(RawBlock.BAD_ENCODING));
    assertThat(copy.text(3), is("1,Caf\uFFFD,Curaçao"));
    assertThat(copy.line(2), is(5L));
  }

  @Test
  public void rawBlockRoundTripsWithFieldEnds() throws Exception {
    byte[] bytes = "a,bc,\"d,e\"x,yz,".getBytes(StandardCharsets.UTF_8);
    // "a,bc," with its fields ending at 1, 4 and 5; "\"d,e\"x" to be split as text
    RawBlock b =
        new RawBlock(
            "f.parquet",
            "A,B,C",
            3,
            new int[] {0, 1, 2},
            bytes,
            new int[] {0, 5, 11},
            new long[] {1, 2},
            new int[] {1, 4, 5, -1, 0, 0});
    RawBlock copy = roundTrip(RawBlock.Coder.of(), b);
    assertThat(copy.hasFieldEnds(0), is(true));
    assertThat(copy.fieldEnd(0, 1), is(4));
    assertThat(copy.hasFieldEnds(1), is(false));
    assertThat(copy.text(1), is("\"d,e\"x"));
  }

  @Test
  public void emptyRawBlockAndMegabyteRecordRoundTrip() throws Exception {
    roundTrip(
        RawBlock.Coder.of(),
        new RawBlock("f.csv", HEADER, 8, new int[8], new long[0], new String[0], new byte[0]));
    String big = "1,\"" + "ab,c\n".repeat(200_000) + "\"";
    RawBlock copy =
        roundTrip(
            RawBlock.Coder.of(),
            new RawBlock(
                "f.csv", HEADER, 8, new int[8], new long[] {2}, new String[] {big}, new byte[1]));
    assertThat(copy.text(0), is(big));
  }

  @Test
  public void rawBlockRejectsColumnsOfDifferentLengths() {
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RawBlock(
                "f.csv",
                HEADER,
                8,
                new int[8],
                new long[] {2, 3},
                new String[] {"a"},
                new byte[1]));
    assertThrows(
        IllegalArgumentException.class,
        () ->
            new RawBlock(
                "f.csv", HEADER, 8, new int[8], new long[] {2}, new String[] {"a"}, new byte[2]));
  }

  @Test
  public void transactionBlockRoundTripsWithNullsAndNonAscii() throws Exception {
    TransactionBlock b = twoRows().build();
    TransactionBlock copy = roundTrip(TransactionBlock.Coder.of(), b);
    assertThat(copy.isGroupedByCustomer(), is(false));
    assertThat(copy.file(1), is("/data/café.csv"));
    assertThat(copy.customerId(1), is(nullValue()));
    assertThat(copy.hasCustomerId(1), is(false));
    assertThat(copy.country(1), is(nullValue()));
    assertThat(copy.unitPrice(0), is(9.95));
    assertThat(copy.time(1), is(1291204320L));
    assertThat(copy.fingerprintHi(1), is(Long.MIN_VALUE));
    assertThat(copy.fingerprintLo(1), is(Long.MAX_VALUE));
  }

  @Test
  public void transactionBlockKeepsTheGroupedFlag() throws Exception {
    TransactionBlock grouped = twoRows().buildGroupedByCustomer();
    assertThat(roundTrip(TransactionBlock.Coder.of(), grouped).isGroupedByCustomer(), is(true));
    // The flag is part of the value: a grouped and an ungrouped block are not equal.
    assertThat(grouped.equals(twoRows().build()), is(false));
  }

  @Test
  public void snappyCompressedBlocksRoundTripAndAreSmallerOnRealRows() throws Exception {
    TransactionBlock b = twoRows().buildGroupedByCustomer();
    assertThat(roundTrip(SnappyCoder.of(TransactionBlock.Coder.of()), b), is(b));
    assertThat(
        roundTrip(SnappyCoder.of(TransactionBlock.Coder.of()), TransactionBlock.builder().build())
            .size(),
        is(0));
    RawBlock raw =
        new RawBlock(
            "/data/a.csv",
            HEADER,
            8,
            new int[8],
            new long[] {2, 3},
            new String[] {"536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER", "x,\"caf\u00e9\""},
            new byte[2]);
    assertThat(roundTrip(SnappyCoder.of(RawBlock.Coder.of()), raw), is(raw));
    // 2,000 Online Retail lines of one invoice run: the raw text repeats a lot.
    String[] lines = new String[2_000];
    for (int i = 0; i < lines.length; i++) {
      lines[i] =
          "5363"
              + (65 + i / 20)
              + ",85123A,WHITE HANGING HEART T-LIGHT HOLDER,"
              + (1 + i % 12)
              + ",2010-12-01 08:26:00,2.55,"
              + (17850 + i / 40)
              + ",United Kingdom";
    }
    TransactionBlock rows =
        io.segflow.transforms.Fixtures.rows(
            io.segflow.transforms.Fixtures.raw("/data/online_retail.csv", HEADER, 2, lines));
    byte[] plain = CoderUtils.encodeToByteArray(TransactionBlock.Coder.of(), rows);
    byte[] packed = CoderUtils.encodeToByteArray(SnappyCoder.of(TransactionBlock.Coder.of()), rows);
    assertThat(roundTrip(SnappyCoder.of(TransactionBlock.Coder.of()), rows), is(rows));
    assertThat(packed.length * 2, lessThan(plain.length));
  }

  @Test
  public void emptyTransactionBlockRoundTrips() throws Exception {
    TransactionBlock copy =
        roundTrip(TransactionBlock.Coder.of(), TransactionBlock.builder().build());
    assertThat(copy.size(), is(0));
    assertThat(copy.isEmpty(), is(true));
  }

  @Test
  public void rejectedBlockRoundTripsAndMaterialisesItsRecords() throws Exception {
    RejectedBlock b =
        new RejectedBlock.Builder()
            .add("/data/a.csv", 7, "", RejectReason.BLANK_LINE, "empty line")
            .add(
                "/data/é.csv",
                9,
                "536365,85123A,…,NaN,…",
                RejectReason.BAD_QUANTITY,
                "Quantity 'NaN' is not a whole number in range")
            .build();
    RejectedBlock copy = roundTrip(RejectedBlock.Coder.of(), b);
    assertThat(copy.size(), is(2));
    assertThat(copy.reason(1), is("bad_quantity"));
    assertThat(
        copy.records(),
        is(
            List.of(
                new RejectedRecord("/data/a.csv", 7L, "", "blank_line", "empty line"),
                new RejectedRecord(
                    "/data/é.csv",
                    9L,
                    "536365,85123A,…,NaN,…",
                    "bad_quantity",
                    "Quantity 'NaN' is not a whole number in range"))));
    assertThat(RejectedBlock.of(copy.records()), is(b));
  }

  @Test
  public void emptyRejectedBlockRoundTrips() throws Exception {
    RejectedBlock empty = new RejectedBlock.Builder().build();
    assertThat(roundTrip(RejectedBlock.Coder.of(), empty).isEmpty(), is(true));
    assertThat(RejectedBlock.of(List.of()), is(empty));
  }

  @Test
  public void codersAreSerializable() throws Exception {
    CoderProperties.coderSerializable(RawBlock.Coder.of());
    CoderProperties.coderSerializable(TransactionBlock.Coder.of());
    CoderProperties.coderSerializable(RejectedBlock.Coder.of());
  }
}
