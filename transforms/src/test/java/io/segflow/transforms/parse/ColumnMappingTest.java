// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import java.util.List;
import java.util.Map;
import org.apache.beam.sdk.util.SerializableUtils;
import org.junit.Test;

public class ColumnMappingTest {
  private static int[] resolve(ColumnMapping m, String header) {
    return m.resolve("/data/in.csv", CsvFields.split(header));
  }

  private static int at(int[] index, Column c) {
    return index[c.ordinal()];
  }

  @Test
  public void findsTheOnlineRetailColumns() {
    int[] index =
        resolve(
            ColumnMapping.defaults(),
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country");
    assertThat(index, is(new int[] {0, 1, 2, 3, 4, 5, 6, 7, -1}));
    assertThat(
        List.of(Column.values()),
        is(
            List.of(
                Column.INVOICE,
                Column.STOCK_CODE,
                Column.DESCRIPTION,
                Column.QUANTITY,
                Column.INVOICE_DATE,
                Column.UNIT_PRICE,
                Column.CUSTOMER_ID,
                Column.COUNTRY,
                Column.AMOUNT)));
  }

  @Test
  public void findsTheOnlineRetailIiAliases() {
    int[] index =
        resolve(
            ColumnMapping.defaults(),
            "Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country");
    assertThat(index, is(new int[] {0, 1, 2, 3, 4, 5, 6, 7, -1}));
  }

  @Test
  public void ignoresCaseSpacesAndPunctuationInNames() {
    int[] index =
        resolve(
            ColumnMapping.defaults(),
            "invoice_no, stock code ,DESCRIPTION,quantity,invoice-date,Unit Price,customer_id,COUNTRY");
    assertThat(index, is(new int[] {0, 1, 2, 3, 4, 5, 6, 7, -1}));
  }

  @Test
  public void findsColumnsInAnyOrder() {
    int[] index =
        resolve(
            ColumnMapping.defaults(),
            "Country,CustomerID,UnitPrice,InvoiceDate,Quantity,Description,StockCode,InvoiceNo");
    assertThat(index, is(new int[] {7, 6, 5, 4, 3, 2, 1, 0, -1}));
    int[] withExtra =
        resolve(
            ColumnMapping.defaults(),
            "Row,StockCode,Country,Quantity,Notes,InvoiceNo,CustomerID,InvoiceDate,UnitPrice");
    assertThat(at(withExtra, Column.INVOICE), is(5));
    assertThat(at(withExtra, Column.STOCK_CODE), is(1));
    assertThat(at(withExtra, Column.DESCRIPTION), is(-1));
    assertThat(at(withExtra, Column.QUANTITY), is(3));
    assertThat(at(withExtra, Column.INVOICE_DATE), is(7));
    assertThat(at(withExtra, Column.UNIT_PRICE), is(8));
    assertThat(at(withExtra, Column.CUSTOMER_ID), is(6));
    assertThat(at(withExtra, Column.COUNTRY), is(2));
  }

  @Test
  public void optionalColumnsMayBeAbsent() {
    int[] index =
        resolve(
            ColumnMapping.defaults(),
            "InvoiceNo,StockCode,Quantity,InvoiceDate,UnitPrice,CustomerID");
    assertThat(at(index, Column.DESCRIPTION), is(-1));
    assertThat(at(index, Column.COUNTRY), is(-1));
    assertThat(at(index, Column.CUSTOMER_ID), is(5));
  }

  @Test
  public void aMissingRequiredColumnIsNamedWithTheHeaderFoundAndHowToMapIt() {
    MissingColumnException e =
        assertThrows(
            MissingColumnException.class,
            () ->
                resolve(
                    ColumnMapping.defaults(),
                    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Client,Country"));
    assertThat(e.getMessage(), containsString("CustomerID"));
    assertThat(e.getMessage(), containsString("/data/in.csv"));
    assertThat(
        e.getMessage(),
        containsString(
            "[InvoiceNo, StockCode, Description, Quantity, InvoiceDate, UnitPrice, Client, Country]"));
    assertThat(e.getMessage(), containsString("input.columns.customer_id"));
  }

  @Test
  public void everyRequiredColumnIsChecked() {
    String full =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    for (Column c : Column.values()) {
      if (c == Column.AMOUNT) {
        continue;
      }
      String header = full.replace(c.headerName(), "Other");
      boolean money = c == Column.QUANTITY || c == Column.UNIT_PRICE;
      if (c.isRequired() || money) {
        MissingColumnException e =
            assertThrows(
                MissingColumnException.class, () -> resolve(ColumnMapping.defaults(), header));
        assertThat(e.getMessage(), containsString("input.columns." + c.key()));
      } else {
        assertThat(at(resolve(ColumnMapping.defaults(), header), c), is(-1));
      }
    }
  }

  @Test
  public void anOrderTableNeedsOnlyACustomerADateAndAnAmount() {
    ColumnMapping m =
        ColumnMapping.withOverrides(
            Map.of("customer_id", "customer_id", "invoice_date", "date", "amount", "dollar_value"));
    int[] index = resolve(m, "customer_id,date,number_of_cds,dollar_value");
    assertThat(at(index, Column.CUSTOMER_ID), is(0));
    assertThat(at(index, Column.INVOICE_DATE), is(1));
    assertThat(at(index, Column.AMOUNT), is(3));
    for (Column absent :
        List.of(
            Column.INVOICE,
            Column.STOCK_CODE,
            Column.DESCRIPTION,
            Column.QUANTITY,
            Column.UNIT_PRICE,
            Column.COUNTRY)) {
      assertThat(absent.key(), at(index, absent), is(-1));
    }
    assertThat(
        m.notes(CsvFields.split("customer_id,date,number_of_cds,dollar_value")),
        hasItem(containsString("each row is one order")));
  }

  @Test
  public void anAmountWinsOverAUnitPriceAndTheNotesSaySo() {
    ColumnMapping m = ColumnMapping.withOverrides(Map.of("amount", "sales_value"));
    String header = "household_key,BASKET_ID,DAY,PRODUCT_ID,QUANTITY,sales_value,UnitPrice,date";
    ColumnMapping withIds =
        ColumnMapping.withOverrides(
            Map.of(
                "amount", "sales_value",
                "customer_id", "household_key",
                "invoice_no", "BASKET_ID",
                "invoice_date", "date"));
    int[] index = resolve(withIds, header);
    assertThat(at(index, Column.AMOUNT), is(5));
    assertThat(at(index, Column.UNIT_PRICE), is(-1));
    assertThat(at(index, Column.QUANTITY), is(4));
    assertThat(
        withIds.notes(CsvFields.split(header)),
        hasItem(containsString("amount is the money (the row's total); unit_price is not used")));
    assertThat(m.overrides(), is(Map.of("amount", "sales_value")));
  }

  @Test
  public void withoutAnAmountAQuantityAndAUnitPriceAreNeeded() {
    MissingColumnException e =
        assertThrows(
            MissingColumnException.class,
            () -> resolve(ColumnMapping.defaults(), "CustomerID,InvoiceDate,Quantity,Revenue"));
    assertThat(e.getMessage(), containsString("No money column"));
    assertThat(e.getMessage(), containsString("--column amount=<header name>"));
    assertThat(e.getMessage(), containsString("unit_price (UnitPrice) was not found"));
  }

  @Test
  public void aMissingColumnSuggestsTheClosestNames() {
    MissingColumnException e =
        assertThrows(
            MissingColumnException.class,
            () ->
                resolve(
                    ColumnMapping.defaults(),
                    "order_id,CustomerID,order_date,ship_mode,Quantity,UnitPrice"));
    assertThat(e.getMessage(), containsString("Required column invoice_date"));
    assertThat(e.getMessage(), containsString("Closest names: [order_date]"));
    MissingColumnException mapped =
        assertThrows(
            MissingColumnException.class,
            () ->
                resolve(
                    ColumnMapping.withOverrides(Map.of("customer_id", "customer")),
                    "customer_name,order_date,revenue,Quantity,UnitPrice"));
    assertThat(mapped.getMessage(), containsString("Column 'customer' (mapped as customer_id)"));
    assertThat(mapped.getMessage(), containsString("Closest names: [customer_name]"));
  }

  @Test
  public void anOverrideNamesTheHeaderOfAColumnAndWinsOverTheAliases() {
    ColumnMapping m = ColumnMapping.withOverrides(Map.of("customer_id", "Client Ref"));
    int[] index =
        resolve(
            m,
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Client Ref");
    assertThat(at(index, Column.CUSTOMER_ID), is(7));
    assertThat(at(index, Column.INVOICE), is(0));
    assertThat(m.overrides(), is(Map.of("customer_id", "Client Ref")));
  }

  @Test
  public void anOverriddenColumnThatIsAbsentFailsEvenWhenOptional() {
    ColumnMapping m = ColumnMapping.withOverrides(Map.of("customer_id", "Client Ref"));
    MissingColumnException e =
        assertThrows(
            MissingColumnException.class,
            () ->
                resolve(
                    m,
                    "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"));
    assertThat(e.getMessage(), containsString("'Client Ref'"));
    assertThat(e.getMessage(), containsString("input.columns.customer_id"));
    ColumnMapping country = ColumnMapping.withOverrides(Map.of("country", "Land"));
    assertThrows(
        MissingColumnException.class,
        () ->
            resolve(
                country,
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country"));
  }

  @Test
  public void anUnknownOverrideKeyIsRejectedNamingTheKnownKeys() {
    IllegalArgumentException e =
        assertThrows(
            IllegalArgumentException.class,
            () -> ColumnMapping.withOverrides(Map.of("customer", "Client")));
    assertThat(e.getMessage(), containsString("customer_id"));
    assertThat(e.getMessage(), containsString("'customer'"));
  }

  @Test
  public void survivesSerialization() {
    ColumnMapping m = ColumnMapping.withOverrides(Map.of("unit_price", "Preis"));
    ColumnMapping copy = SerializableUtils.ensureSerializable(m);
    assertThat(copy, is(m));
    assertThat(
        at(
            resolve(
                copy,
                "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,Preis,CustomerID,Country"),
            Column.UNIT_PRICE),
        is(5));
  }
}
