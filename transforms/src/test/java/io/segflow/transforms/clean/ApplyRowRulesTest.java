// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

public class ApplyRowRulesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String FILE = "/data/online_retail.csv";
  private static final String GOOD =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";
  private static final String NO_CUSTOMER =
      "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom";
  private static final String CANCELLED =
      "C536383,35004C,SET OF 3 COLOURED  FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom";
  private static final String ZERO_PRICE =
      "536381,22139,RETROSPOT TEA SET CERAMIC 11 PC ,1,2010-12-01 09:41:00,0.0,15311,United Kingdom";
  private static final String POSTAGE =
      "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583,France";

  private PCollection<TransactionBlock> input(TransactionBlock b) {
    return p.apply(Create.of(b).withCoder(TransactionBlock.Coder.of()));
  }

  private static List<String> invoices(Iterable<TransactionBlock> blocks) {
    List<String> out = new ArrayList<>();
    for (TransactionBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        out.add(b.line(i) + ":" + b.invoice(i) + ":" + b.stockCode(i));
      }
    }
    return out;
  }

  @Test
  public void passingRowsGoOnAndTheOthersAreRejectedWithReasonMessageAndProvenance() {
    PCollectionTuple out =
        input(Fixtures.rows(FILE, GOOD, NO_CUSTOMER, CANCELLED, ZERO_PRICE, POSTAGE))
            .apply(ApplyRowRules.create());
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(invoices(blocks), containsInAnyOrder("2:536365:85123A", "6:536370:POST"));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.records(blocks),
                  containsInAnyOrder(
                      new RejectedRecord(
                          FILE, 3L, NO_CUSTOMER, "missing_customer_id", "CustomerID is empty"),
                      new RejectedRecord(
                          FILE,
                          4L,
                          CANCELLED,
                          "cancellation",
                          "InvoiceNo C536383 is a cancellation"),
                      new RejectedRecord(
                          FILE, 5L, ZERO_PRICE, "non_positive_price", "UnitPrice 0.0 <= 0")));
              return null;
            });
    p.run();
  }

  @Test
  public void withRulesTakesEffect() {
    RowRules rules =
        RowRules.defaults().withCancellations(false).withNonProductCodes(true, Set.of("POST"));
    PCollectionTuple out =
        input(Fixtures.rows(FILE, GOOD, CANCELLED, POSTAGE))
            .apply(ApplyRowRules.create().withRules(rules));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(invoices(blocks), containsInAnyOrder("2:536365:85123A"));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.rejectedKeys(blocks),
                  containsInAnyOrder(
                      FILE + "|3|non_positive_quantity", FILE + "|4|non_product_code"));
              return null;
            });
    p.run();
  }

  @Test
  public void keepsTheGroupedFlagOfItsInput() {
    TransactionBlock rows = Fixtures.rows(FILE, GOOD, CANCELLED, POSTAGE);
    PCollectionTuple grouped =
        p.apply("Grouped", Create.of(Fixtures.grouped(rows)).withCoder(TransactionBlock.Coder.of()))
            .apply("RulesOnGrouped", ApplyRowRules.create());
    PCollectionTuple ungrouped =
        p.apply("Ungrouped", Create.of(rows).withCoder(TransactionBlock.Coder.of()))
            .apply("RulesOnUngrouped", ApplyRowRules.create());
    PAssert.that(grouped.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              for (TransactionBlock b : blocks) {
                assertThat(b.isGroupedByCustomer(), is(true));
                assertThat(b.size(), is(2));
              }
              return null;
            });
    PAssert.that(ungrouped.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              for (TransactionBlock b : blocks) {
                assertThat(b.isGroupedByCustomer(), is(false));
              }
              return null;
            });
    p.run();
  }

  @Test
  public void aBlockWhoseRowsAreAllRejectedLeavesNoEmptyBlock() {
    PCollectionTuple out =
        input(Fixtures.rows(FILE, NO_CUSTOMER, CANCELLED)).apply(ApplyRowRules.create());
    PAssert.that(out.get(RowTags.ROWS)).empty();
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(Fixtures.records(blocks).size(), is(2));
              return null;
            });
    p.run();
  }

  @Test
  public void withRulesRejectsNull() {
    assertThrows(IllegalArgumentException.class, () -> ApplyRowRules.create().withRules(null));
  }
}
