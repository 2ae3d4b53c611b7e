// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks;

import java.time.LocalDate;
import java.time.LocalDateTime;

/** One customer's features as a peer of Segflow computes them: the fields of {@code customers/}. */
public interface PeerCustomer {
  String customerId();

  String country();

  int recencyDays();

  int frequency();

  double monetary();

  long totalQuantity();

  double avgBasketValue();

  LocalDateTime firstPurchase();

  LocalDateTime lastPurchase();

  int tenureDays();

  int distinctProducts();

  long rowsUsed();

  LocalDate asOfDate();
}
