// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static io.segflow.transforms.Fixtures.seconds;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures.Parsed;
import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.List;
import java.util.Map;
import org.junit.Test;

/** Inputs other than Online Retail's layout: order tables, line totals, text ids. */
public class TransactionParserInputModelTest {
  private static final String FILE = "/data/orders.csv";
  private static final String ORDERS = "customer_id,date,number_of_cds,dollar_value";
  private static final ColumnMapping ORDERS_MAPPING =
      ColumnMapping.withOverrides(
          Map.of(
              "customer_id", "customer_id",
              "invoice_date", "date",
              "quantity", "number_of_cds",
              "amount", "dollar_value"));

  private static Parsed parse(ColumnMapping mapping, String header, String... records) {
    List<String> names = CsvFields.split(header);
    long[] lines = new long[records.length];
    for (int i = 0; i < lines.length; i++) {
      lines[i] = 2L + i;
    }
    RawBlock block =
        new RawBlock(
            FILE,
            header,
            names.size(),
            mapping.resolve(FILE, names),
            lines,
            records,
            new byte[records.length]);
    TransactionBlock.Builder rows = TransactionBlock.builder();
    RejectedBlock.Builder rejected = new RejectedBlock.Builder();
    new TransactionParser("yyyyMMdd").parse(block, rows, rejected);
    return new Parsed(rows.build(), rejected.build());
  }

  @Test
  public void anAmountIsTheRowsMoneyAndTheQuantityOnlyItsQuantity() {
    Parsed p = parse(ORDERS_MAPPING, ORDERS, "00001,19970101,1,11.77", "00002,19970112,5,77.00");
    assertThat(p.rejected().size(), is(0));
    TransactionBlock b = p.rows();
    assertThat(b.hasLineTotals(), is(true));
    assertThat(b.lineValue(1), is(77.00));
    assertThat(b.quantity(1), is(5L));
    assertThat(b.customerId(0), is("00001")); // text ids are kept as written
    assertThat(b.time(1), is(seconds("1997-01-12T00:00")));
  }

  @Test
  public void withoutAnOrderIdEachDistinctRowIsItsOwnOrderAndCopiesShareOne() {
    TransactionBlock b =
        parse(
                ORDERS_MAPPING,
                ORDERS,
                "00001,19970101,1,11.77",
                "00001,19970101,1,11.77",
                "00001,19970101,2,11.77")
            .rows();
    assertThat(b.distinctInvoices(0, 3), is(2));
    assertThat(b.fingerprintLo(0), is(b.fingerprintLo(1)));
    assertThat(b.fingerprintLo(0), not(b.fingerprintLo(2)));
  }

  @Test
  public void columnsNoLogicalColumnReadsStillTellRowsApart() {
    ColumnMapping m =
        ColumnMapping.withOverrides(
            Map.of(
                "customer_id", "customer_id", "invoice_date", "order_date", "amount", "revenue"));
    String header = "customer_id,order_date,revenue,email";
    TransactionBlock b =
        parse(
                m,
                header,
                "Brion Stark,20041220,32,a@x",
                "Brion Stark,20041220,32,b@x",
                "Brion Stark,20041220,32,a@x")
            .rows();
    assertThat(b.customerId(0), is("Brion Stark"));
    assertThat(b.fingerprintLo(0), not(b.fingerprintLo(1)));
    assertThat(b.fingerprintLo(0), is(b.fingerprintLo(2)));
    assertThat(b.quantity(0), is(1L)); // no quantity column: one per row, for the rules
  }

  @Test
  public void anEmptyOrNonNumericAmountIsBadAmount() {
    Parsed p = parse(ORDERS_MAPPING, ORDERS, "00001,19970101,1,", "00001,19970101,1,12,5");
    assertThat(p.rows().size(), is(0));
    List<RejectedRecord> r = p.rejected().records();
    assertThat(r.get(0).getReason(), is(RejectReason.BAD_AMOUNT.code()));
    assertThat(r.get(0).getMessage(), containsString("amount ''"));
    assertThat(r.get(1).getReason(), is(RejectReason.MALFORMED_ROW.code()));
    Parsed words = parse(ORDERS_MAPPING, ORDERS, "00001,19970101,1,twelve");
    assertThat(words.rejected().records().get(0).getReason(), is(RejectReason.BAD_AMOUNT.code()));
  }

  @Test
  public void anIdOfOnlyWhitespaceIsAMissingCustomerAndFarDatesAreBadDates() {
    Parsed p =
        parse(
            ORDERS_MAPPING,
            ORDERS,
            "   ,19970101,1,11.77",
            "00001,22000101,1,11.77",
            "00001,19691231,1,11.77");
    TransactionBlock b = p.rows();
    assertThat(b.size(), is(1));
    assertThat(RowRules.defaults().check(b, 0), is(RejectReason.MISSING_CUSTOMER_ID));
    List<RejectedRecord> r = p.rejected().records();
    assertThat(r.get(0).getReason(), is("bad_date"));
    assertThat(r.get(0).getMessage(), containsString("after 2199"));
    assertThat(r.get(1).getReason(), is("bad_date"));
  }

  @Test
  public void aZeroAmountBreaksTheNonPositivePriceRule() {
    TransactionBlock b = parse(ORDERS_MAPPING, ORDERS, "00001,19970101,1,0.00").rows();
    assertThat(RowRules.defaults().check(b, 0), is(RejectReason.NON_POSITIVE_PRICE));
    assertThat(
        RowRules.defaults().explain(RejectReason.NON_POSITIVE_PRICE, b, 0), is("Amount 0.0 <= 0"));
  }
}
