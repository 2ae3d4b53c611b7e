// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.junit.Assert.assertThrows;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class TransactionBlockTest {
  private static TransactionBlock.Builder add(
      TransactionBlock.Builder b, String customer, String file, long line) {
    return b.add(
        file,
        line,
        "raw " + line,
        "536365",
        "85123A",
        6,
        1291191960L,
        2.55,
        customer,
        "United Kingdom",
        line,
        -line);
  }

  @Test
  public void forEachCustomerRunWalksOneRangePerCustomer() {
    TransactionBlock.Builder b = TransactionBlock.builder();
    add(b, "12347", "a.csv", 2);
    add(b, "12347", "a.csv", 9);
    add(b, "12583", "a.csv", 4);
    add(b, "17850", "a.csv", 3);
    add(b, "17850", "b.csv", 2);
    List<String> runs = new ArrayList<>();
    b.buildGroupedByCustomer().forEachCustomerRun((from, to) -> runs.add(from + ".." + to));
    assertThat(runs, contains("0..2", "2..3", "3..5"));
  }

  @Test
  public void forEachCustomerRunRefusesABlockNotGroupedByCustomer() {
    TransactionBlock ungrouped = add(TransactionBlock.builder(), "12347", "a.csv", 2).build();
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class, () -> ungrouped.forEachCustomerRun((from, to) -> {}));
    assertThat(e.getMessage().contains("GroupRowsByCustomer"), is(true));
  }

  @Test
  public void compareRowsOrdersByCustomerThenFileThenLineNumber() {
    TransactionBlock.Builder b = TransactionBlock.builder();
    add(b, null, "z.csv", 1);
    add(b, "12347", "b.csv", 1);
    add(b, "12583", "a.csv", 9);
    add(b, "12583", "a.csv", 10); // numeric, not text, order of lines
    add(b, "12583", "b.csv", 2);
    TransactionBlock t = b.build();
    for (int i = 0; i + 1 < t.size(); i++) {
      assertThat(t.compareRows(i, t, i + 1), lessThan(0));
      assertThat(t.compareRows(i + 1, t, i), greaterThan(0));
      assertThat(t.compareRows(i, t, i), is(0));
    }
  }

  @Test
  public void addRowCopiesEveryColumn() {
    TransactionBlock source =
        TransactionBlock.builder()
            .add(
                "/data/é.csv",
                17,
                "536540,22968,…",
                "536540",
                "22968",
                4,
                1291212300L,
                9.95,
                "14911",
                "EIRE",
                123L,
                456L)
            .add("/data/b.csv", 18, "x", "C1", "POST", -1, 0L, 0.0, null, null, 0L, 0L)
            .build();
    TransactionBlock.Builder copy = TransactionBlock.builder(1);
    copy.addRow(source, 0).addRow(source, 1);
    assertThat(copy.size(), is(2));
    assertThat(copy.build(), is(source));
    assertThat(source.sameCustomer(0, 1), is(false));
  }
}
