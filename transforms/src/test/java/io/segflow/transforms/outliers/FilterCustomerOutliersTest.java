// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.features.ComputeAsOfDate;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;

public class FilterCustomerOutliersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String FILE = "/data/online_retail.csv";
  private static final OutlierRule IQR_ON_MONETARY =
      OutlierRule.of("iqr", Double.NaN, List.of("monetary"));

  private static String row(String invoice, long quantity, String customer) {
    return invoice
        + ",84879,ASSORTED COLOUR BIRD ORNAMENT,"
        + quantity
        + ",2010-12-01 08:34:00,10.0,"
        + customer
        + ",United Kingdom";
  }

  /**
   * Monetary per customer: 12001 = 10, 12002 = 20, 12003 = 30, 12004 = 40, 12005 = 500 + 500 = 1000
   * (two lines). Quartiles 20 and 40, IQR 20: fences [-10, 70].
   */
  private static PCollection<TransactionBlock> grouped(Pipeline pipeline) {
    TransactionBlock first =
        Fixtures.rows(
            Fixtures.raw(
                FILE,
                Fixtures.HEADER,
                2,
                row("536367", 1, "12001"),
                row("536368", 50, "12005"),
                row("536369", 2, "12002")));
    TransactionBlock second =
        Fixtures.rows(
            Fixtures.raw(
                FILE,
                Fixtures.HEADER,
                5,
                row("536370", 3, "12003"),
                row("536371", 50, "12005"),
                row("536372", 4, "12004")));
    return pipeline
        .apply(Create.of(first, second).withCoder(TransactionBlock.Coder.of()))
        .apply(GroupRowsByCustomer.create().withShards(3));
  }

  private static PCollectionView<Long> asOf(PCollection<TransactionBlock> rows) {
    return rows.apply(ComputeAsOfDate.create().withFixedDate(LocalDate.of(2011, 12, 10)));
  }

  @Test
  public void ruleNonePassesEveryRowThroughWithoutAnAsOfDate() {
    PCollectionTuple out = grouped(p).apply(FilterCustomerOutliers.create());
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(Fixtures.rowCount(blocks), is(6));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED)).empty();
    p.run();
  }

  @Test
  public void iqrRejectsEveryRowOfAnOutlierCustomerAndKeepsTheRest() {
    PCollection<TransactionBlock> rows = grouped(p);
    PCollectionTuple out =
        rows.apply(FilterCustomerOutliers.create().withRule(IQR_ON_MONETARY).withAsOf(asOf(rows)));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.keys(blocks),
                  containsInAnyOrder(
                      "12001|" + FILE + "|2",
                      "12002|" + FILE + "|4",
                      "12003|" + FILE + "|5",
                      "12004|" + FILE + "|7"));
              for (TransactionBlock b : blocks) {
                assertThat(b.isGroupedByCustomer(), is(true));
              }
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              String why = "customer 12005: monetary 1000.0 outside [-10.0, 70.0]";
              assertThat(
                  Fixtures.records(blocks),
                  containsInAnyOrder(
                      new RejectedRecord(
                          FILE, 3L, row("536368", 50, "12005"), "customer_outlier", why),
                      new RejectedRecord(
                          FILE, 6L, row("536371", 50, "12005"), "customer_outlier", why)));
              return null;
            });
    p.run();
  }

  @Test
  public void theFieldsOfTheRuleTakeEffect() {
    // Frequencies 1, 1, 1, 1, 2: quartiles 1 and 1, so the two-invoice customer is outside.
    // Distinct products are 1 for everyone: nobody is outside.
    PCollection<TransactionBlock> rows = grouped(p);
    PCollectionView<Long> asOf = asOf(rows);
    PCollectionTuple byFrequency =
        rows.apply(
            "ByFrequency",
            FilterCustomerOutliers.create()
                .withRule(OutlierRule.of("iqr", Double.NaN, List.of("frequency")))
                .withAsOf(asOf));
    PCollectionTuple byProducts =
        rows.apply(
            "ByProducts",
            FilterCustomerOutliers.create()
                .withRule(OutlierRule.of("iqr", Double.NaN, List.of("distinct_products")))
                .withAsOf(asOf));
    PAssert.that(byFrequency.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              List<RejectedRecord> r = Fixtures.records(blocks);
              assertThat(r.size(), is(2));
              assertThat(r.get(0).getMessage(), containsString("frequency 2.0 outside [1.0, 1.0]"));
              return null;
            });
    PAssert.that(byProducts.get(RowTags.REJECTED)).empty();
    PAssert.that(byProducts.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(Fixtures.rowCount(blocks), is(6));
              return null;
            });
    p.run();
  }

  @Test
  public void aRuleNeedsTheAsOfDate() {
    PCollection<TransactionBlock> rows = grouped(Pipeline.create());
    assertThrows(
        IllegalStateException.class,
        () -> rows.apply(FilterCustomerOutliers.create().withRule(IQR_ON_MONETARY)));
  }

  @Test
  public void withRuleRejectsFieldsThatAreNotCustomerFeatures() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FilterCustomerOutliers.create()
                    .withRule(OutlierRule.of("iqr", 1.5, List.of("quantity"))));
    assertThat(e.getMessage(), containsString("'quantity'"));
  }

  @Test
  public void withAsOfAndWithRuleRejectNull() {
    assertThrows(
        IllegalArgumentException.class, () -> FilterCustomerOutliers.create().withAsOf(null));
    assertThrows(
        IllegalArgumentException.class, () -> FilterCustomerOutliers.create().withRule(null));
  }
}
