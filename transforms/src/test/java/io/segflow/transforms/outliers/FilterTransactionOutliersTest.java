// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.outliers;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

public class FilterTransactionOutliersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String FILE = "/data/online_retail.csv";

  private static String row(long quantity, String price) {
    return "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,"
        + quantity
        + ",2010-12-01 08:34:00,"
        + price
        + ",13047,United Kingdom";
  }

  /** Rows with these quantities (price 1.69), split over two blocks, lines 2, 3, ... */
  private PCollection<TransactionBlock> quantities(long... q) {
    String[] records = new String[q.length];
    for (int i = 0; i < q.length; i++) {
      records[i] = row(q[i], "1.69");
    }
    int half = q.length / 2;
    TransactionBlock first =
        Fixtures.rows(
            Fixtures.raw(FILE, Fixtures.HEADER, 2, java.util.Arrays.copyOfRange(records, 0, half)));
    TransactionBlock second =
        Fixtures.rows(
            Fixtures.raw(
                FILE,
                Fixtures.HEADER,
                2 + half,
                java.util.Arrays.copyOfRange(records, half, q.length)));
    return p.apply(Create.of(first, second).withCoder(TransactionBlock.Coder.of()));
  }

  private static List<Long> lines(Iterable<TransactionBlock> blocks) {
    List<Long> out = new ArrayList<>();
    for (TransactionBlock b : blocks) {
      for (int i = 0; i < b.size(); i++) {
        out.add(b.line(i));
      }
    }
    return out;
  }

  @Test
  public void ruleNonePassesEveryRowThrough() {
    PCollection<TransactionBlock> in = quantities(1, 2, 3, 4, 100000);
    PCollectionTuple out = in.apply(FilterTransactionOutliers.create());
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(lines(blocks), containsInAnyOrder(2L, 3L, 4L, 5L, 6L));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED)).empty();
    p.run();
  }

  @Test
  public void iqrRejectsLinesOutsideFencesComputedOverAllBlocks() {
    // Quantities 1, 2 | 3, 4, 100: quartiles 2 and 4, fences [-1, 7].
    PCollectionTuple out =
        quantities(1, 2, 3, 4, 100)
            .apply(
                FilterTransactionOutliers.create()
                    .withRule(OutlierRule.of("iqr", Double.NaN, List.of("quantity"))));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(lines(blocks), containsInAnyOrder(2L, 3L, 4L, 5L));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.records(blocks),
                  containsInAnyOrder(
                      new RejectedRecord(
                          FILE,
                          6L,
                          row(100, "1.69"),
                          "transaction_outlier",
                          "quantity 100.0 outside [-1.0, 7.0]")));
              return null;
            });
    p.run();
  }

  @Test
  public void theParameterOfTheRuleTakesEffect() {
    // Quantities 2, 4, 4, 4 | 5, 5, 7, 9: mean 5, std 2. z = 1 keeps [3, 7]; z = 3 keeps [-1, 11].
    PCollection<TransactionBlock> in = quantities(2, 4, 4, 4, 5, 5, 7, 9);
    PCollectionTuple strict =
        in.apply(
            "OneSigma",
            FilterTransactionOutliers.create()
                .withRule(OutlierRule.of("zscore", 1, List.of("quantity"))));
    PCollectionTuple loose =
        in.apply(
            "ThreeSigma",
            FilterTransactionOutliers.create()
                .withRule(OutlierRule.of("zscore", Double.NaN, List.of("quantity"))));
    PAssert.that(strict.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.rejectedKeys(blocks),
                  containsInAnyOrder(
                      FILE + "|2|transaction_outlier", FILE + "|9|transaction_outlier"));
              return null;
            });
    PAssert.that(strict.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(lines(blocks), containsInAnyOrder(3L, 4L, 5L, 6L, 7L, 8L));
              return null;
            });
    PAssert.that(loose.get(RowTags.REJECTED)).empty();
    p.run();
  }

  @Test
  public void lineTotalIsQuantityTimesPrice() {
    // Totals 10, 10, 10, 10, 500: quartiles 10 and 10, so only the 500 line is outside.
    TransactionBlock rows =
        Fixtures.rows(
            FILE, row(1, "10.0"), row(2, "5.0"), row(4, "2.5"), row(5, "2.0"), row(10, "50.0"));
    PCollectionTuple out =
        p.apply(Create.of(rows).withCoder(TransactionBlock.Coder.of()))
            .apply(
                FilterTransactionOutliers.create()
                    .withRule(OutlierRule.of("iqr", 1.5, List.of("line_total"))));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(lines(blocks), containsInAnyOrder(2L, 3L, 4L, 5L));
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              List<RejectedRecord> r = Fixtures.records(blocks);
              assertThat(r.size(), is(1));
              assertThat(r.get(0).getLineNumber(), is(6L));
              assertThat(r.get(0).getMessage(), containsString("line_total 500.0"));
              return null;
            });
    p.run();
  }

  @Test
  public void keepsTheGroupedFlag() {
    TransactionBlock grouped =
        Fixtures.grouped(
            Fixtures.rows(
                FILE,
                row(1, "1.69"),
                row(2, "1.69"),
                row(3, "1.69"),
                row(4, "1.69"),
                row(100, "1.69")));
    PCollectionTuple out =
        p.apply(Create.of(grouped).withCoder(TransactionBlock.Coder.of()))
            .apply(
                FilterTransactionOutliers.create()
                    .withRule(OutlierRule.of("iqr", Double.NaN, List.of("quantity"))));
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              for (TransactionBlock b : blocks) {
                assertThat(b.isGroupedByCustomer(), is(true));
                assertThat(b.size(), is(4));
              }
              return null;
            });
    p.run();
  }

  @Test
  public void withRuleRejectsFieldsThatAreNotTransactionFields() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () ->
                FilterTransactionOutliers.create()
                    .withRule(OutlierRule.of("iqr", 1.5, List.of("quantity", "monetary"))));
    assertThat(e.getMessage(), containsString("'monetary'"));
  }

  @Test
  public void withRuleRejectsNull() {
    assertThrows(
        IllegalArgumentException.class, () -> FilterTransactionOutliers.create().withRule(null));
  }
}
