// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.segment;

import io.segflow.schemas.CustomerRecord;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;

/**
 * 100 synthetic customers whose RFM quintiles are known by hand, and the expected scores and
 * default segments written out independently of the models library.
 *
 * <p>Customer i = 1..100:
 *
 * <ul>
 *   <li>recency_days = i (distinct);
 *   <li>frequency: a permutation of the multiset 35 × 1, 20 × 2, 15 × 3, 10 × 4, 10 × 5, 10 × 8
 *       (rank (37·i) mod 100 into that sorted list), so one-order customers are a heavy tie;
 *   <li>monetary = 10 · (1 + (71·i + 3) mod 100): the distinct values 10, 20, …, 1000 in a
 *       different order.
 * </ul>
 *
 * With 100 values Beam's quantile picks are order statistics: the 20th, 40th, 60th and 80th
 * smallest. So the cut points are recency 20/40/60/80, frequency 1/2/3/4 (the 20th smallest is
 * still a one-order customer) and monetary 200/400/600/800.
 */
final class RfmCustomers {
  private RfmCustomers() {}

  static final int N = 100;
  static final LocalDate AS_OF = LocalDate.of(2011, 12, 10);

  /** The default rule table's segment names, in rule order (id = position + 1). */
  static final List<String> DEFAULT_SEGMENTS =
      List.of(
          "Champions",
          "New customers",
          "Promising",
          "Loyal",
          "Potential loyalist",
          "Cannot lose them",
          "At risk",
          "Needs attention",
          "About to sleep",
          "Hibernating",
          "Lost");

  /** The sorted frequency multiset, by rank 0..99. */
  static int frequencyOfRank(int rank) {
    if (rank < 35) {
      return 1;
    } else if (rank < 55) {
      return 2;
    } else if (rank < 70) {
      return 3;
    } else if (rank < 80) {
      return 4;
    } else if (rank < 90) {
      return 5;
    }
    return 8;
  }

  static int recency(int i) {
    return i;
  }

  static int frequency(int i) {
    return frequencyOfRank((37 * i) % 100);
  }

  static double monetary(int i) {
    return 10.0 * (1 + (71 * i + 3) % 100);
  }

  static String id(int i) {
    return String.format("%05d", 10_000 + i);
  }

  static CustomerRecord customer(int i) {
    return customer(id(i), recency(i), frequency(i), monetary(i));
  }

  static CustomerRecord customer(String id, int recency, int frequency, double monetary) {
    return CustomerRecord.newBuilder()
        .setCustomerId(id)
        .setCountry("United Kingdom")
        .setRecencyDays(recency)
        .setFrequency(frequency)
        .setMonetary(monetary)
        .setTotalQuantity(Math.round(monetary / 2))
        .setAvgBasketValue(monetary / frequency)
        .setFirstPurchase(LocalDateTime.of(2010, 12, 1, 9, 0))
        .setLastPurchase(AS_OF.minusDays(recency).atTime(12, 0))
        .setTenureDays(374)
        .setDistinctProducts(10)
        .setRowsUsed(frequency * 3L)
        .setAsOfDate(AS_OF)
        .build();
  }

  static List<CustomerRecord> all() {
    List<CustomerRecord> out = new ArrayList<>();
    for (int i = 1; i <= N; i++) {
      out.add(customer(i));
    }
    return out;
  }

  /** Index i back from a customer id. */
  static int index(CustomerRecord c) {
    return Integer.parseInt(c.getCustomerId()) - 10_000;
  }

  /**
   * Score against ascending cut points: 1 + cuts strictly below (a value on a cut scores lower).
   */
  static int score(double value, double... cuts) {
    int below = 0;
    for (double c : cuts) {
      if (c < value) {
        below++;
      }
    }
    return 1 + below;
  }

  /** The hand-known quintile scores of customer i: {R, F, M}. */
  static int[] expectedScores(int i) {
    return new int[] {
      6 - score(recency(i), 20, 40, 60, 80), // reversed: recent = 5
      score(frequency(i), 1, 2, 3, 4),
      score(monetary(i), 200, 400, 600, 800)
    };
  }

  /**
   * The default rule table (RfmSegmentRules' documentation) written out as plain conditions, first
   * match wins; FM = (F + M) / 2.
   */
  static String defaultSegment(int r, int f, int m) {
    double fm = (f + m) / 2.0;
    if (r >= 4 && fm >= 4) {
      return "Champions";
    }
    if (r == 5 && f == 1) {
      return "New customers";
    }
    if ((r == 3 || r == 4) && f == 1) {
      return "Promising";
    }
    if (r >= 3 && fm >= 3) {
      return "Loyal";
    }
    if (r >= 4 && fm <= 3) {
      return "Potential loyalist";
    }
    if (r == 1 && fm >= 4) {
      return "Cannot lose them";
    }
    if (r <= 2 && fm >= 3) {
      return "At risk";
    }
    if ((r == 2 || r == 3) && fm >= 2 && fm <= 3) {
      return "Needs attention";
    }
    if ((r == 2 || r == 3) && fm <= 2) {
      return "About to sleep";
    }
    if (r == 1 && fm >= 2 && fm <= 3) {
      return "Hibernating";
    }
    if (r == 1 && fm <= 1.5) {
      return "Lost";
    }
    throw new AssertionError("the default table covers every score: " + r + f + m);
  }
}
