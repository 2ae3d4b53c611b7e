// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.util.List;
import java.util.Locale;

/**
 * The logical input columns, with the header names recognised for each (Online Retail and Online
 * Retail II spellings). Header names are compared after lower-casing and dropping everything but
 * letters and digits, so "Customer ID", "customer_id" and "CustomerID" all match.
 *
 * <p>Only {@code customer_id} and {@code invoice_date} are always required; the money is {@code
 * amount} (a row total) or {@code quantity} × {@code unit_price}. The rest are optional: see {@link
 * ColumnMapping}. The words are the names a column of that kind is often given, for suggestions.
 */
public enum Column {
  INVOICE(
      "invoice_no",
      false,
      List.of("InvoiceNo", "Invoice"),
      List.of("invoice", "order", "basket", "receipt", "transaction", "ticket")),
  STOCK_CODE(
      "stock_code",
      false,
      List.of("StockCode"),
      List.of("stock", "product", "item", "sku", "article", "code")),
  DESCRIPTION("description", false, List.of("Description"), List.of("description", "name")),
  QUANTITY(
      "quantity",
      false,
      List.of("Quantity"),
      List.of("quantity", "qty", "units", "number", "items")),
  INVOICE_DATE(
      "invoice_date",
      true,
      List.of("InvoiceDate"),
      List.of("date", "time", "timestamp", "day", "datetime")),
  UNIT_PRICE("unit_price", false, List.of("UnitPrice", "Price"), List.of("price", "unit")),
  CUSTOMER_ID(
      "customer_id",
      true,
      List.of("CustomerID", "Customer ID"),
      List.of("customer", "client", "household", "member", "user", "buyer", "account")),
  COUNTRY("country", false, List.of("Country"), List.of("country", "region", "state")),
  AMOUNT(
      "amount",
      false,
      List.of("Amount"),
      List.of("amount", "total", "value", "sales", "revenue", "spend", "paid"));

  private final String key;
  private final boolean required;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: an unmodifiable list
  private final List<String> headerNames;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: an unmodifiable list
  private final List<String> words;

  Column(String key, boolean required, List<String> headerNames, List<String> words) {
    this.key = key;
    this.required = required;
    this.headerNames = headerNames;
    this.words = words;
  }

  /** Words often found in the header of a column of this kind (for suggestions). */
  List<String> words() {
    return words;
  }

  /** The name used in the config's column mapping ({@code input.columns.<key>}). */
  public String key() {
    return key;
  }

  /** Whether every input must have it ({@code customer_id}, {@code invoice_date}). */
  public boolean isRequired() {
    return required;
  }

  /** The canonical header name (Online Retail's). */
  public String headerName() {
    return headerNames.get(0);
  }

  public List<String> headerNames() {
    return headerNames;
  }

  /** Lower-case letters and digits only: the form header names are matched in. */
  public static String normalize(String name) {
    StringBuilder sb = new StringBuilder(name.length());
    for (char c : name.toLowerCase(Locale.ROOT).toCharArray()) {
      if (Character.isLetterOrDigit(c)) {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  public static Column forKey(String key) {
    for (Column c : values()) {
      if (c.key.equals(key)) {
        return c;
      }
    }
    throw new IllegalArgumentException("unknown column '" + key + "'; known: " + keys());
  }

  public static List<String> keys() {
    return java.util.Arrays.stream(values()).map(Column::key).toList();
  }
}
