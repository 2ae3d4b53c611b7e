// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import static io.segflow.transforms.Fixtures.HEADER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.features.GroupRowsByCustomer;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;

public class DropDuplicatesTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String Y2010 = "/data/2010.csv";
  private static final String Y2011 = "/data/2011.csv";
  // Real duplicates: lines 529 and 541 of Online Retail repeat lines 491 and 487.
  private static final String BOTTLE =
      "536409,22111,SCOTTIE DOG HOT WATER BOTTLE,1,2010-12-01 11:45:00,4.95,17908,United Kingdom";
  private static final String WARMER =
      "536409,22866,HAND WARMER SCOTTY DOG DESIGN,1,2010-12-01 11:45:00,2.1,17908,United Kingdom";
  // The same line bought by another customer is not a duplicate.
  private static final String BOTTLE_OTHER_CUSTOMER =
      "536409,22111,SCOTTIE DOG HOT WATER BOTTLE,1,2010-12-01 11:45:00,4.95,17909,United Kingdom";

  /** The later file's block first, so that arrival order differs from source order. */
  private PCollection<TransactionBlock> input() {
    TransactionBlock later =
        Fixtures.rows(Fixtures.raw(Y2011, HEADER, 5, BOTTLE, BOTTLE_OTHER_CUSTOMER));
    TransactionBlock earlier =
        Fixtures.rows(
            Fixtures.rawAt(
                Y2010, HEADER, new long[] {487, 491, 529, 541}, BOTTLE, WARMER, WARMER, BOTTLE));
    return p.apply(Create.of(later, earlier).withCoder(TransactionBlock.Coder.of()))
        .apply(GroupRowsByCustomer.create().withShards(3));
  }

  @Test
  public void keepsTheFirstCopyBySourcePositionAndRejectsTheLaterOnes() {
    PCollectionTuple out = input().apply(DropDuplicates.create());
    PAssert.that(out.get(RowTags.ROWS))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.keys(blocks),
                  containsInAnyOrder(
                      "17908|" + Y2010 + "|487",
                      "17908|" + Y2010 + "|491",
                      "17909|" + Y2011 + "|6"));
              for (TransactionBlock b : blocks) {
                assertThat(b.isGroupedByCustomer(), is(true));
              }
              return null;
            });
    PAssert.that(out.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              assertThat(
                  Fixtures.records(blocks),
                  containsInAnyOrder(
                      new RejectedRecord(
                          Y2010,
                          529L,
                          WARMER,
                          "duplicate_row",
                          "an exact copy of line 491 of " + Y2010),
                      new RejectedRecord(
                          Y2010,
                          541L,
                          BOTTLE,
                          "duplicate_row",
                          "an exact copy of line 487 of " + Y2010),
                      new RejectedRecord(
                          Y2011,
                          5L,
                          BOTTLE,
                          "duplicate_row",
                          "an exact copy of line 487 of " + Y2010)));
              return null;
            });
    p.run();
  }

  @Test
  public void withEnabledFalseKeepsEveryRow() {
    PCollectionTuple out = input().apply(DropDuplicates.create().withEnabled(false));
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
  public void refusesBlocksThatAreNotGroupedByCustomer() {
    p.apply(Create.of(Fixtures.rows(Y2010, BOTTLE, BOTTLE)).withCoder(TransactionBlock.Coder.of()))
        .apply(DropDuplicates.create());
    RuntimeException e = assertThrows(RuntimeException.class, () -> p.run());
    IllegalArgumentException cause = Fixtures.causeOfType(e, IllegalArgumentException.class);
    assertThat(cause, is(notNullValue()));
    assertThat(cause.getMessage(), containsString("GroupRowsByCustomer"));
  }
}
