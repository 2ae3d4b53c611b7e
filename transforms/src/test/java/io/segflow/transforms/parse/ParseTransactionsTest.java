// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static io.segflow.transforms.Fixtures.raw;
import static io.segflow.transforms.Fixtures.seconds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.TypeDescriptors;
import org.junit.Rule;
import org.junit.Test;

public class ParseTransactionsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String A = "/data/2010.csv";
  private static final String B = "/data/2011.csv";

  private PCollection<RawBlock> input() {
    RawBlock first =
        raw(
            A,
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
            "536365,71053,WHITE METAL LANTERN,NaN,2010-12-01 08:26:00,3.39,17850,United Kingdom",
            "",
            "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom");
    RawBlock second =
        raw(
            B,
            "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "537626,85116,BLACK CANDELABRA T-LIGHT HOLDER,12,2010-12-07 14:57:00,2.1,12347,Iceland",
            "537626,22375,AIRLINE BAG VINTAGE JET SET BROWN,4,2011-02-30 14:57:00,4.25,12347,Iceland",
            "537626,71477,\"COLOUR GLASS, STAR T-LIGHT HOLDER\",12,2010-12-07 14:57:00,3.25,12347");
    return p.apply(Create.of(first, second).withCoder(RawBlock.Coder.of()));
  }

  @Test
  public void typedRowsGoOnAndUntypableRecordsAreRejectedWithTheirReason() {
    PCollectionTuple out = input().apply(ParseTransactions.create());
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              List<String> rows = new ArrayList<>();
              for (TransactionBlock b : blocks) {
                for (int i = 0; i < b.size(); i++) {
                  rows.add(
                      b.file(i)
                          + "|"
                          + b.line(i)
                          + "|"
                          + b.invoice(i)
                          + "|"
                          + b.quantity(i)
                          + "|"
                          + b.customerId(i));
                }
              }
              assertThat(
                  rows,
                  containsInAnyOrder(
                      A + "|2|536365|6|17850",
                      A + "|5|536414|56|null",
                      B + "|2|C536379|-1|14527",
                      B + "|4|537626|12|12347"));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.rejectedKeys(blocks),
                  containsInAnyOrder(
                      A + "|3|bad_quantity",
                      A + "|4|blank_line",
                      B + "|3|repeated_header",
                      B + "|5|bad_date",
                      B + "|6|malformed_row"));
              return null;
            });
    p.run();
  }

  @Test
  public void rowsAndRejectionsAddUpToTheRecordsRead() {
    PCollection<RawBlock> in = input();
    PCollectionTuple out = in.apply(ParseTransactions.create());
    PCollection<Long> read =
        in.apply(
            "RecordsIn",
            MapElements.into(TypeDescriptors.longs()).via((RawBlock b) -> (long) b.size()));
    PCollection<Long> parsed =
        out.get(RowTags.ROWS)
            .apply(
                "RowsOut",
                MapElements.into(TypeDescriptors.longs())
                    .via((TransactionBlock b) -> (long) -b.size()));
    PCollection<Long> rejected =
        out.get(RowTags.REJECTED)
            .apply(
                "RejectedOut",
                MapElements.into(TypeDescriptors.longs())
                    .via((RejectedBlock b) -> (long) -b.size()));
    PCollection<Long> all =
        PCollectionList.of(read).and(parsed).and(rejected).apply(Flatten.pCollections());
    PAssert.that(all)
        .satisfies(
            counts -> {
              long recordsIn = 0;
              long balance = 0;
              for (long c : counts) {
                recordsIn += Math.max(c, 0);
                balance += c;
              }
              assertThat(recordsIn, is(9L));
              assertThat(balance, is(0L));
              return null;
            });
    p.run();
  }

  @Test
  public void withDateFormatReadsDayFirstDates() {
    RawBlock dayFirst =
        raw(
            A,
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,1/12/2010 8:26,2.55,17850,United Kingdom",
            "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,9/12/2011 12:50,4.95,12680,France",
            "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,12/31/2011 12:50,4.95,12680,France");
    PCollectionTuple out =
        p.apply(Create.of(dayFirst).withCoder(RawBlock.Coder.of()))
            .apply(ParseTransactions.create().withDateFormat("d/M/yyyy H:mm"));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              List<Long> times = new ArrayList<>();
              for (TransactionBlock b : blocks) {
                for (int i = 0; i < b.size(); i++) {
                  times.add(b.time(i));
                }
              }
              assertThat(
                  times,
                  containsInAnyOrder(seconds("2010-12-01T08:26"), seconds("2011-12-09T12:50")));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(Fixtures.rejectedKeys(blocks), containsInAnyOrder(A + "|4|bad_date"));
              return null;
            });
    p.run();
  }

  @Test
  public void withDateFormatRejectsAnInvalidPatternAndTreatsNullAsAuto() {
    assertThrows(
        IllegalArgumentException.class,
        () -> ParseTransactions.create().withDateFormat("dd/MM/yyyy 'at"));
    assertThrows(
        IllegalArgumentException.class, () -> ParseTransactions.create().withDateFormat("{dd}"));
    ParseTransactions.create().withDateFormat(null);
    ParseTransactions.create().withDateFormat("auto");
  }
}
