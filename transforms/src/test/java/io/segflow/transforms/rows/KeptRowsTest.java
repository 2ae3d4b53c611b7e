// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static io.segflow.transforms.Fixtures.HEADER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.sameInstance;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.Test;

public class KeptRowsTest {
  /** Online Retail lines, with empty customer ids and countries (null values) among them. */
  private static final TransactionBlock BLOCK =
      Fixtures.rows(
          Fixtures.raw(
              "/data/a.csv",
              HEADER,
              2,
              "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom",
              "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom",
              "536365,71053,WHITE METAL LANTERN,6,2010-12-01 08:26:00,3.39,17850,",
              "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527,United Kingdom",
              "536544,21773,DECORATIVE ROSE BATHROOM BOTTLE,1,2010-12-01 14:32:00,2.51,,United Kingdom",
              "536370,22728,ALARM CLOCK BAKELIKE PINK,24,2010-12-01 08:45:00,3.75,12583,France",
              "536370,POST,POSTAGE,3,2010-12-01 08:45:00,18.0,12583,France",
              "536381,22719,GUMBALL MONOCHROME COAT RACK,36,2010-12-01 09:41:00,1.06,15311,"));

  /** The block without the given rows, copied row by row: what KeptRows must equal. */
  private static TransactionBlock rowByRow(Set<Integer> dropped) {
    TransactionBlock.Builder b = TransactionBlock.builder();
    for (int i = 0; i < BLOCK.size(); i++) {
      if (!dropped.contains(i)) {
        b.addRow(BLOCK, i);
      }
    }
    return b.build();
  }

  private static TransactionBlock keep(Set<Integer> dropped) {
    KeptRows kept = new KeptRows(BLOCK);
    dropped.forEach(kept::drop);
    return kept.build();
  }

  @Test
  public void aBlockThatLosesNoRowIsPassedOnAsItIs() {
    assertThat(new KeptRows(BLOCK).build(), sameInstance(BLOCK));
  }

  @Test
  public void runsOfKeptRowsEqualRowByRowCopiesWhateverIsDropped() {
    assertThat(BLOCK.hasCustomerId(1), is(false)); // nulls inside copied runs
    for (Set<Integer> dropped :
        List.of(
            Set.of(0),
            Set.of(7),
            Set.of(1, 4),
            Set.of(0, 1, 2),
            Set.of(3, 4, 5, 6, 7),
            Set.of(0, 1, 2, 3, 4, 5, 6, 7))) {
      assertThat(dropped.toString(), keep(new TreeSet<>(dropped)), is(rowByRow(dropped)));
    }
    Random random = new Random(7);
    for (int trial = 0; trial < 200; trial++) {
      Set<Integer> dropped = new TreeSet<>();
      for (int i = 0; i < BLOCK.size(); i++) {
        if (random.nextInt(3) == 0) {
          dropped.add(i);
        }
      }
      TransactionBlock kept = keep(dropped);
      assertThat(dropped.toString(), kept, is(rowByRow(dropped)));
      for (int i = 0, k = 0; i < BLOCK.size(); i++) {
        if (!dropped.contains(i)) {
          assertThat(kept.raw(k), is(BLOCK.raw(i)));
          assertThat(kept.customerId(k), is(BLOCK.customerId(i)));
          assertThat(kept.country(k), is(BLOCK.country(i)));
          assertThat(kept.file(k++), is("/data/a.csv"));
        }
      }
    }
  }

  @Test
  public void rowsMustBeDroppedInOrder() {
    KeptRows kept = new KeptRows(BLOCK);
    kept.drop(5);
    assertThrows(IllegalArgumentException.class, () -> kept.drop(2));
  }

  @Test
  public void theGroupedPropertySurvives() {
    TransactionBlock grouped = Fixtures.grouped(BLOCK);
    KeptRows kept = new KeptRows(grouped);
    kept.drop(0);
    assertThat(kept.build().isGroupedByCustomer(), is(true));
  }
}
