// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static io.segflow.transforms.Fixtures.HEADER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
import java.time.LocalDateTime;

/**
 * Three customers whose features are worked out by hand below, spread over two files and given out
 * of source order. As of 2011-12-10 (epoch day 15,318; derived: the day after the last invoice,
 * 2011-12-09).
 */
final class CustomerFixture {
  private CustomerFixture() {}

  static final String A = "/data/2010.csv";
  static final String B = "/data/2011.csv";
  static final LocalDate AS_OF = LocalDate.of(2011, 12, 10);
  static final long AS_OF_DAY = 15_318L;

  /** File A: customer 14911 then 12347's first invoice. */
  static TransactionBlock fileA() {
    return Fixtures.rows(
        Fixtures.raw(
            A,
            HEADER,
            2,
            // 14911, line 2: 4 x 9.95 = 39.80, EIRE
            "536540,22968,ROSE COTTAGE KEEPSAKE BOX ,4,2010-12-01 14:05:00,9.95,14911,EIRE",
            // 12347, line 3: 12 x 2.10 = 25.20
            "537626,85116,BLACK CANDELABRA T-LIGHT HOLDER,12,2010-12-07 14:57:00,2.1,12347,Iceland",
            // 14911, line 4: 6 x 2.95 = 17.70, United Kingdom
            "536541,85071A,BLUE CHARLIE+LOLA PERSONAL DOORSIGN,6,2010-12-01 14:10:00,2.95,14911,"
                + "United Kingdom",
            // 12347, line 5: 4 x 4.25 = 17.00
            "537626,22375,AIRLINE BAG VINTAGE JET SET BROWN,4,2010-12-07 14:57:00,4.25,12347,Iceland",
            // 14911, line 6: 2 x 9.95 = 19.90, United Kingdom
            "536541,22968,ROSE COTTAGE KEEPSAKE BOX ,2,2010-12-01 14:10:00,9.95,14911,United Kingdom"));
  }

  /** File B: 12347's second invoice and customer 12680. */
  static TransactionBlock fileB() {
    return Fixtures.rows(
        Fixtures.raw(
            B,
            HEADER,
            2,
            // 12680, line 2: 4 x 4.15 = 16.60, France
            "581587,23254,CHILDRENS CUTLERY DOLLY GIRL ,4,2011-12-09 12:50:00,4.15,12680,France",
            // 12347, line 3: 6 x 2.10 = 12.60
            "542237,85116,BLACK CANDELABRA T-LIGHT HOLDER,6,2011-01-26 14:30:00,2.1,12347,Iceland",
            // 12680, line 4: 4 x 4.15 = 16.60, Belgium (ties with France: Belgium comes first)
            "581588,23255,CHILDRENS CUTLERY CIRCUS PARADE,4,2011-12-09 12:55:00,4.15,12680,Belgium",
            // 12680, line 5: 3 x 4.95 = 14.85, no country (not counted)
            "581588,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 12:55:00,4.95,12680,"));
  }

  /**
   * 12347: invoices 537626, 542237; monetary 25.2 + 17.0 + 12.6 = 54.8; quantity 22; basket 27.4;
   * first 2010-12-07 14:57 (day 14,950), last 2011-01-26 14:30 (day 15,000): recency 318, tenure
   * 368; products 85116, 22375.
   */
  static void assertCustomer12347(CustomerRecord c) {
    assertCustomer(
        c,
        "12347",
        "Iceland",
        318,
        2,
        54.8,
        22,
        27.4,
        LocalDateTime.of(2010, 12, 7, 14, 57),
        LocalDateTime.of(2011, 1, 26, 14, 30),
        368,
        2,
        3);
  }

  /**
   * 12680: invoices 581587, 581588; monetary 16.6 + 16.6 + 14.85 = 48.05; quantity 11; basket
   * 24.025; all on 2011-12-09 (day 15,317): recency 1, tenure 1; 3 products; France 1, Belgium 1.
   */
  static void assertCustomer12680(CustomerRecord c) {
    assertCustomer(
        c,
        "12680",
        "Belgium",
        1,
        2,
        48.05,
        11,
        24.025,
        LocalDateTime.of(2011, 12, 9, 12, 50),
        LocalDateTime.of(2011, 12, 9, 12, 55),
        1,
        3,
        3);
  }

  /**
   * 14911: invoices 536540, 536541; monetary 39.8 + 17.7 + 19.9 = 77.4; quantity 12; basket 38.7;
   * all on 2010-12-01 (day 14,944): recency = tenure = 374; products 22968, 85071A; United Kingdom
   * twice beats EIRE once although EIRE sorts first.
   */
  static void assertCustomer14911(CustomerRecord c) {
    assertCustomer(
        c,
        "14911",
        "United Kingdom",
        374,
        2,
        77.4,
        12,
        38.7,
        LocalDateTime.of(2010, 12, 1, 14, 5),
        LocalDateTime.of(2010, 12, 1, 14, 10),
        374,
        2,
        3);
  }

  static void assertCustomer(
      CustomerRecord c,
      String id,
      String country,
      int recency,
      int frequency,
      double monetary,
      long quantity,
      double basket,
      LocalDateTime first,
      LocalDateTime last,
      int tenure,
      int products,
      long rows) {
    assertThat(c.getCustomerId(), is(id));
    assertThat(id + " country", c.getCountry(), is(country));
    assertThat(id + " recency", c.getRecencyDays(), is(recency));
    assertThat(id + " frequency", c.getFrequency(), is(frequency));
    assertThat(id + " monetary", c.getMonetary(), closeTo(monetary, 1e-9));
    assertThat(id + " quantity", c.getTotalQuantity(), is(quantity));
    assertThat(id + " basket", c.getAvgBasketValue(), closeTo(basket, 1e-9));
    assertThat(id + " first", c.getFirstPurchase(), is(first));
    assertThat(id + " last", c.getLastPurchase(), is(last));
    assertThat(id + " tenure", c.getTenureDays(), is(tenure));
    assertThat(id + " products", c.getDistinctProducts(), is(products));
    assertThat(id + " rows", c.getRowsUsed(), is(rows));
    assertThat(id + " as of", c.getAsOfDate(), is(AS_OF));
    assertThat(c.getSegmentId() == null, is(true));
  }
}
