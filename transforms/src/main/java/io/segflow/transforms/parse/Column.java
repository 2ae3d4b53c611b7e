// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.util.List;
import java.util.Locale;

/**
 * The logical input columns, with the header names recognised for each (Online Retail and Online
 * Retail II spellings). Header names are compared after lower-casing and dropping everything but
 * letters and digits, so "Customer ID", "customer_id" and "CustomerID" all match.
 */
public enum Column {
  INVOICE("invoice_no", true, "InvoiceNo", "Invoice"),
  STOCK_CODE("stock_code", true, "StockCode"),
  DESCRIPTION("description", false, "Description"),
  QUANTITY("quantity", true, "Quantity"),
  INVOICE_DATE("invoice_date", true, "InvoiceDate"),
  UNIT_PRICE("unit_price", true, "UnitPrice", "Price"),
  CUSTOMER_ID("customer_id", true, "CustomerID", "Customer ID"),
  COUNTRY("country", false, "Country");

  private final String key;
  private final boolean required;

  @SuppressWarnings("ImmutableEnumChecker") // List.of: an unmodifiable list
  private final List<String> headerNames;

  Column(String key, boolean required, String... headerNames) {
    this.key = key;
    this.required = required;
    this.headerNames = List.of(headerNames);
  }

  /** The name used in the config's column mapping ({@code input.columns.<key>}). */
  public String key() {
    return key;
  }

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
