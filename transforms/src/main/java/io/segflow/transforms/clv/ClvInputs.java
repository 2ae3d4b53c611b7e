// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clv;

import io.segflow.models.clv.CustomerSummary;
import io.segflow.schemas.CustomerRecord;
import java.time.LocalDate;

/**
 * A customer record's inputs to the CLV models: first and last purchase day from tenure and recency
 * (calendar days to the as-of date), the purchase days, the first day's spend and the purchases'
 * money (gross_monetary when returns are netted: a return is not a purchase).
 */
public final class ClvInputs {
  private ClvInputs() {}

  /** The customer's (x, t_x, T, repeat spend) as of the record's own as-of date. */
  public static CustomerSummary summaryOf(CustomerRecord c) {
    Integer purchaseDays = c.getPurchaseDays();
    Double firstDaySpend = c.getFirstDaySpend();
    if (purchaseDays == null || firstDaySpend == null) {
      throw new IllegalArgumentException(
          "customer " + c.getCustomerId() + " has no purchase_days / first_day_spend");
    }
    LocalDate asOf = c.getAsOfDate();
    return CustomerSummary.fromAggregates(
        asOf.minusDays(c.getTenureDays()),
        asOf.minusDays(c.getRecencyDays()),
        purchaseDays,
        firstDaySpend,
        purchaseSpend(c),
        asOf);
  }

  /** The money of the customer's purchases: before returns when they are netted. */
  public static double purchaseSpend(CustomerRecord c) {
    return c.getGrossMonetary() != null ? c.getGrossMonetary() : c.getMonetary();
  }
}
