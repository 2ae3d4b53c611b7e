// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import io.segflow.benchmarks.PeerCustomer;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * One customer's features as the baseline computes them: the numeric fields of Segflow's
 * CustomerRecord (customers/), with the purchase times in seconds since 1970 on the input's clock.
 */
public record BaselineCustomer(
    String customerId,
    String country,
    int recencyDays,
    int frequency,
    double monetary,
    long totalQuantity,
    double avgBasketValue,
    long firstPurchaseSecond,
    long lastPurchaseSecond,
    int tenureDays,
    int distinctProducts,
    long rowsUsed,
    LocalDate asOfDate)
    implements PeerCustomer {

  static final String CSV_HEADER =
      "customer_id,country,recency_days,frequency,monetary,"
          + "total_quantity,avg_basket_value,first_purchase,last_purchase,tenure_days,"
          + "distinct_products,rows_used,as_of_date";

  @Override
  public LocalDateTime firstPurchase() {
    return LocalDateTime.ofEpochSecond(firstPurchaseSecond, 0, ZoneOffset.UTC);
  }

  @Override
  public LocalDateTime lastPurchase() {
    return LocalDateTime.ofEpochSecond(lastPurchaseSecond, 0, ZoneOffset.UTC);
  }

  /** One CSV line (ids and countries of the generator and Online Retail need no quoting). */
  String csv() {
    return String.join(
        ",",
        customerId,
        country == null ? "" : country,
        String.valueOf(recencyDays),
        String.valueOf(frequency),
        String.valueOf(monetary),
        String.valueOf(totalQuantity),
        String.valueOf(avgBasketValue),
        firstPurchase().toString(),
        lastPurchase().toString(),
        String.valueOf(tenureDays),
        String.valueOf(distinctProducts),
        String.valueOf(rowsUsed),
        asOfDate.toString());
  }
}
