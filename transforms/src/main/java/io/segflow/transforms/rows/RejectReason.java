// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import java.util.EnumSet;
import java.util.Set;

/**
 * Why an input row was not used. Every row read ends up used or rejected with exactly one of these
 * codes; the first rule that applies wins, in the order the stages run (parse, row rules,
 * duplicates, outliers).
 */
public enum RejectReason {
  BLANK_LINE("blank_line", "the line is empty"),
  REPEATED_HEADER("repeated_header", "a copy of the header line inside the data"),
  MALFORMED_ROW("malformed_row", "wrong number of fields or an unterminated quote"),
  ENCODING_ERROR("encoding_error", "bytes that are invalid in the declared encoding"),
  BAD_QUANTITY("bad_quantity", "Quantity is empty, not a whole number or out of range"),
  BAD_UNIT_PRICE("bad_unit_price", "UnitPrice is empty, not a finite number"),
  BAD_AMOUNT("bad_amount", "amount (the row's total) is empty or not a finite number"),
  BAD_DATE("bad_date", "InvoiceDate does not parse or is out of range (before 1970, after 2200)"),
  MISSING_INVOICE("missing_invoice", "InvoiceNo is empty"),
  MISSING_CUSTOMER_ID("missing_customer_id", "CustomerID is empty"),
  CANCELLATION("cancellation", "InvoiceNo starts with C (a cancellation)"),
  NON_POSITIVE_QUANTITY("non_positive_quantity", "Quantity <= 0"),
  NON_POSITIVE_PRICE("non_positive_price", "the money (UnitPrice, or the amount) <= 0"),
  NON_PRODUCT_CODE(
      "non_product_code", "StockCode is postage, a fee or an adjustment (rule off by default)"),
  OUTSIDE_WINDOW("outside_window", "InvoiceDate outside the configured analysis window"),
  AFTER_AS_OF("after_as_of", "InvoiceDate on or after the as-of date"),
  DUPLICATE_ROW("duplicate_row", "an exact copy of an earlier row (all columns equal)"),
  RETURN_WITHOUT_PURCHASE(
      "return_without_purchase",
      "with cleaning.returns: net, a return of a customer without any purchase"),
  TRANSACTION_OUTLIER(
      "transaction_outlier", "the line's quantity or price is outside the outlier fences"),
  CUSTOMER_OUTLIER("customer_outlier", "the customer's features are outside the outlier fences");

  private final String code;
  private final String description;

  RejectReason(String code, String description) {
    this.code = code;
    this.description = description;
  }

  /** The reasons the parse stage gives: the first stage, so the first codes in this order. */
  public static Set<RejectReason> parseReasons() {
    return EnumSet.range(BLANK_LINE, MISSING_INVOICE);
  }

  /** The snake_case code written to rejected/ and manifest.json. */
  public String code() {
    return code;
  }

  public String description() {
    return description;
  }
}
