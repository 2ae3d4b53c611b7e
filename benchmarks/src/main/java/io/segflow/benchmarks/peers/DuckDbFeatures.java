// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.peers;

import io.segflow.benchmarks.PeerCustomer;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The DuckDB peer of {@code benchmarks/peers.sh}: Segflow's default cleaning and per-customer
 * features as ONE SQL statement, run by DuckDB's in-process engine through its JDBC driver. A row
 * is used when it has a customer id and an invoice number, is not a cancellation (InvoiceNo
 * starting with C), has a whole quantity and a unit price in (0, 10^9] and a readable invoice date,
 * and is not an exact copy of an earlier used row; features are as of the day after the last used
 * invoice date. Reads files with Online Retail's column names; rows with the wrong number of fields
 * are skipped, as Segflow rejects them.
 */
public final class DuckDbFeatures {
  /** One customer's features, as in Segflow's customers/ output. */
  public record Customer(
      String customerId,
      String country,
      int recencyDays,
      int frequency,
      double monetary,
      long totalQuantity,
      double avgBasketValue,
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase,
      int tenureDays,
      int distinctProducts,
      long rowsUsed,
      LocalDate asOfDate)
      implements PeerCustomer {}

  private static final String STATEMENT =
      """
      WITH parsed AS (
        SELECT
          -- "17850.0" (a spreadsheet's float export) names customer 17850
          CASE WHEN contains(trim(CustomerID), '.')
               THEN regexp_replace(trim(CustomerID), '^([0-9]+)\\.0+$', '\\1')
               ELSE trim(CustomerID) END AS customer_id,
          trim(InvoiceNo) AS invoice,
          trim(StockCode) AS product,
          Description AS description,
          TRY_CAST(trim(Quantity) AS DOUBLE) AS quantity,
          TRY_CAST(trim(UnitPrice) AS DOUBLE) AS price,
          -- the two forms Online Retail comes in: ISO, and the workbook's 12/1/2010 8:26
          coalesce(TRY_CAST(trim(InvoiceDate) AS TIMESTAMP),
                   try_strptime(trim(InvoiceDate), '%m/%d/%Y %H:%M')) AS ts,
          nullif(trim(Country), '') AS country
        FROM read_csv(${files}, header = true, all_varchar = true, ignore_errors = true)
      ),
      clean AS MATERIALIZED (
        -- DISTINCT on the parsed values: a copy of a used row spelled differently counts once
        SELECT DISTINCT customer_id, invoice, product, description,
               CAST(quantity AS BIGINT) AS quantity, price, ts, country
        FROM parsed
        WHERE customer_id <> ''
          AND invoice <> '' AND NOT starts_with(invoice, 'C')
          AND quantity BETWEEN 1 AND 1000000000 AND quantity = floor(quantity)
          AND price > 0 AND price <= 1000000000
          AND ts IS NOT NULL
      ),
      as_of AS (SELECT CAST(max(ts) AS DATE) + 1 AS day FROM clean),
      country_rows AS (
        SELECT customer_id, country, count(*) AS n FROM clean
        WHERE country IS NOT NULL GROUP BY customer_id, country
      ),
      countries AS (  -- the most frequent; ties to the alphabetically first
        SELECT customer_id, first(country ORDER BY n DESC, country) AS country
        FROM country_rows GROUP BY customer_id
      ),
      per_customer AS (
        SELECT customer_id,
               count(DISTINCT invoice) AS frequency,
               sum(quantity * price) AS monetary,
               CAST(sum(quantity) AS BIGINT) AS total_quantity,
               min(ts) AS first_purchase,
               max(ts) AS last_purchase,
               count(DISTINCT product) AS distinct_products,
               count(*) AS rows_used
        FROM clean GROUP BY customer_id
      )
      SELECT p.customer_id, c.country,
             CAST(a.day - CAST(p.last_purchase AS DATE) AS INTEGER) AS recency_days,
             p.frequency, p.monetary, p.total_quantity, p.monetary / p.frequency AS avg_basket_value,
             p.first_purchase, p.last_purchase,
             CAST(a.day - CAST(p.first_purchase AS DATE) AS INTEGER) AS tenure_days,
             p.distinct_products, p.rows_used, a.day AS as_of_date
      FROM per_customer p CROSS JOIN as_of a LEFT JOIN countries c USING (customer_id)
      ORDER BY p.customer_id
      """;

  private DuckDbFeatures() {}

  /** The statement for these input files (paths as DuckDB string literals). */
  static String statement(List<Path> files) {
    String list =
        files.stream()
            .map(p -> "'" + p.toAbsolutePath().toString().replace("'", "''") + "'")
            .collect(Collectors.joining(", ", "[", "]"));
    return STATEMENT.replace("${files}", list);
  }

  /** Every customer's features, sorted by customer id, computed by one statement. */
  public static List<Customer> run(List<Path> files) throws SQLException {
    List<Customer> out = new ArrayList<>();
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery(statement(files))) {
      while (r.next()) {
        out.add(
            new Customer(
                r.getString(1),
                r.getString(2),
                r.getInt(3),
                r.getInt(4),
                r.getDouble(5),
                r.getLong(6),
                r.getDouble(7),
                r.getObject(8, LocalDateTime.class),
                r.getObject(9, LocalDateTime.class),
                r.getInt(10),
                r.getInt(11),
                r.getLong(12),
                r.getObject(13, LocalDate.class)));
      }
    }
    return out;
  }

  /** The DuckDB version the driver runs. */
  public static String version() throws SQLException {
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet r = s.executeQuery("SELECT version()")) {
      r.next();
      return r.getString(1);
    }
  }
}
