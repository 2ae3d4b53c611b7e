// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.clean;

import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.Serializable;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * The row-by-row cleaning rules, checked in this order: missing customer id (always on: a row
 * without a customer cannot be attributed), cancellation, quantity ≤ 0, unit price ≤ 0, non-product
 * stock code, analysis window, as-of date. Immutable; {@code withX} returns a changed copy.
 */
public final class RowRules implements Serializable {
  /** Online Retail's codes for postage, fees, discounts and manual adjustments. */
  public static final List<String> DEFAULT_NON_PRODUCT_CODES =
      List.of(
          "POST",
          "DOT",
          "M",
          "m",
          "C2",
          "BANK CHARGES",
          "PADS",
          "D",
          "CRUK",
          "AMAZONFEE",
          "S",
          "B");

  private final boolean dropCancellations;
  private final boolean dropNonPositiveQuantity;
  private final boolean dropNonPositivePrice;
  private final boolean dropNonProductCodes;
  private final TreeSet<String> nonProductCodes;
  private final Long windowStart; // inclusive, seconds
  private final Long windowEnd; // exclusive, seconds
  private final Long asOf; // exclusive, seconds

  /** Whether returns (see {@link TransactionBlock#isReturn}) are kept to be netted. */
  private final boolean netReturns;

  private RowRules(
      boolean dropCancellations,
      boolean dropNonPositiveQuantity,
      boolean dropNonPositivePrice,
      boolean dropNonProductCodes,
      Set<String> nonProductCodes,
      Long windowStart,
      Long windowEnd,
      Long asOf,
      boolean netReturns) {
    this.dropCancellations = dropCancellations;
    this.dropNonPositiveQuantity = dropNonPositiveQuantity;
    this.dropNonPositivePrice = dropNonPositivePrice;
    this.dropNonProductCodes = dropNonProductCodes;
    this.nonProductCodes = new TreeSet<>(nonProductCodes);
    this.windowStart = windowStart;
    this.windowEnd = windowEnd;
    this.asOf = asOf;
    this.netReturns = netReturns;
  }

  /** The default cleaning: cancellations, quantity ≤ 0 and price ≤ 0 dropped; nothing else. */
  public static RowRules defaults() {
    return new RowRules(
        true, true, true, false, Set.copyOf(DEFAULT_NON_PRODUCT_CODES), null, null, null, false);
  }

  public RowRules withCancellations(boolean drop) {
    return new RowRules(
        drop,
        dropNonPositiveQuantity,
        dropNonPositivePrice,
        dropNonProductCodes,
        nonProductCodes,
        windowStart,
        windowEnd,
        asOf,
        netReturns);
  }

  public RowRules withNonPositiveQuantity(boolean drop) {
    return new RowRules(
        dropCancellations,
        drop,
        dropNonPositivePrice,
        dropNonProductCodes,
        nonProductCodes,
        windowStart,
        windowEnd,
        asOf,
        netReturns);
  }

  public RowRules withNonPositivePrice(boolean drop) {
    return new RowRules(
        dropCancellations,
        dropNonPositiveQuantity,
        drop,
        dropNonProductCodes,
        nonProductCodes,
        windowStart,
        windowEnd,
        asOf,
        netReturns);
  }

  /** Drops rows whose StockCode is in {@code codes} (exact, after trimming). */
  public RowRules withNonProductCodes(boolean drop, Set<String> codes) {
    if (codes == null) {
      throw new IllegalArgumentException("the non-product codes must not be null");
    }
    return new RowRules(
        dropCancellations,
        dropNonPositiveQuantity,
        dropNonPositivePrice,
        drop,
        codes,
        windowStart,
        windowEnd,
        asOf,
        netReturns);
  }

  /** Keeps only rows with start ≤ InvoiceDate < end; either bound may be null. */
  public RowRules withWindow(LocalDateTime start, LocalDateTime end) {
    if (start != null && end != null && !start.isBefore(end)) {
      throw new IllegalArgumentException("window start " + start + " must be before end " + end);
    }
    return new RowRules(
        dropCancellations,
        dropNonPositiveQuantity,
        dropNonPositivePrice,
        dropNonProductCodes,
        nonProductCodes,
        seconds(start),
        seconds(end),
        asOf,
        netReturns);
  }

  /** Features as of the start of this moment: later rows are rejected as after_as_of. */
  public RowRules withAsOf(LocalDateTime asOfStart) {
    return new RowRules(
        dropCancellations,
        dropNonPositiveQuantity,
        dropNonPositivePrice,
        dropNonProductCodes,
        nonProductCodes,
        windowStart,
        windowEnd,
        seconds(asOfStart),
        netReturns);
  }

  /**
   * With true, returns (cancellations and negative quantities) are not rejected by the cancellation
   * and quantity rules: they are kept to reduce their customer's money and quantity.
   */
  public RowRules withReturnsNetted(boolean net) {
    return new RowRules(
        dropCancellations,
        dropNonPositiveQuantity,
        dropNonPositivePrice,
        dropNonProductCodes,
        nonProductCodes,
        windowStart,
        windowEnd,
        asOf,
        net);
  }

  public boolean netsReturns() {
    return netReturns;
  }

  private static Long seconds(LocalDateTime t) {
    return t == null ? null : t.toEpochSecond(ZoneOffset.UTC);
  }

  /** The first rule row {@code i} breaks, or null when it passes them all. */
  public RejectReason check(TransactionBlock b, int i) {
    if (!b.hasCustomerId(i)) {
      return RejectReason.MISSING_CUSTOMER_ID;
    }
    boolean netted = netReturns && b.isReturn(i);
    if (dropCancellations && !netted && b.invoiceStartsWith(i, 'C')) {
      return RejectReason.CANCELLATION;
    }
    if (dropNonPositiveQuantity && !netted && b.quantity(i) <= 0) {
      return RejectReason.NON_POSITIVE_QUANTITY;
    }
    if (dropNonPositivePrice && b.unitPrice(i) <= 0) {
      return RejectReason.NON_POSITIVE_PRICE;
    }
    if (dropNonProductCodes && nonProductCodes.contains(b.stockCode(i))) {
      return RejectReason.NON_PRODUCT_CODE;
    }
    long t = b.time(i);
    if ((windowStart != null && t < windowStart) || (windowEnd != null && t >= windowEnd)) {
      return RejectReason.OUTSIDE_WINDOW;
    }
    if (asOf != null && t >= asOf) {
      return RejectReason.AFTER_AS_OF;
    }
    return null;
  }

  /** A one-line explanation for the rejected output. */
  public String explain(RejectReason reason, TransactionBlock b, int i) {
    return switch (reason) {
      case CANCELLATION -> "InvoiceNo " + b.invoice(i) + " is a cancellation";
      case NON_POSITIVE_QUANTITY -> "Quantity " + b.quantity(i) + " <= 0";
      case NON_POSITIVE_PRICE ->
          (b.hasLineTotals() ? "Amount " : "UnitPrice ") + b.unitPrice(i) + " <= 0";
      case NON_PRODUCT_CODE -> "StockCode " + b.stockCode(i) + " is not a product";
      case OUTSIDE_WINDOW ->
          "InvoiceDate "
              + LocalDateTime.ofEpochSecond(b.time(i), 0, ZoneOffset.UTC)
              + " is outside the analysis window";
      case AFTER_AS_OF ->
          "InvoiceDate "
              + LocalDateTime.ofEpochSecond(b.time(i), 0, ZoneOffset.UTC)
              + " is on or after the as-of date";
      default -> reason.description();
    };
  }

  @Override
  public String toString() {
    return "RowRules{cancellations="
        + dropCancellations
        + ", nonPositiveQuantity="
        + dropNonPositiveQuantity
        + ", nonPositivePrice="
        + dropNonPositivePrice
        + ", nonProductCodes="
        + (dropNonProductCodes ? nonProductCodes : "off")
        + ", window=["
        + windowStart
        + ", "
        + windowEnd
        + "), asOf="
        + asOf
        + "}";
  }
}
