// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.zip.GZIPInputStream;

/**
 * The default cleaning and the feature definitions written as the plainest possible Java loop, to
 * check the pipeline against. It shares no code with segflow: its own CSV splitting, exact decimal
 * arithmetic, one pass in file order.
 *
 * <p>It handles what the Online Retail files contain: UTF-8, the original header, dates written
 * {@code yyyy-MM-dd HH:mm:ss}, quoted fields without line breaks. Rules, in the pipeline's
 * documented order: missing CustomerID, cancellation (InvoiceNo starting with C), Quantity ≤ 0,
 * UnitPrice ≤ 0, on or after the as-of date (only when one is given), then exact duplicates among
 * the remaining rows (first one kept).
 */
public final class RetailOracle {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");

  private RetailOracle() {}

  /** One customer's expected features; monetary is exact. */
  public record Customer(
      String customerId,
      String country,
      int recencyDays,
      int frequency,
      BigDecimal monetary,
      long totalQuantity,
      int tenureDays,
      int distinctProducts,
      long rowsUsed,
      LocalDateTime firstPurchase,
      LocalDateTime lastPurchase) {
    public double avgBasketValue() {
      return monetary.divide(BigDecimal.valueOf(frequency), MathContext.DECIMAL128).doubleValue();
    }
  }

  /** Expected counts and customers of one run. */
  public record Result(
      long rowsRead,
      long rowsUsed,
      Map<String, Long> rejectedByReason,
      LocalDate asOf,
      Map<String, Customer> customers) {}

  private record Row(
      String invoice,
      String stockCode,
      long quantity,
      LocalDateTime date,
      BigDecimal price,
      String customerId,
      String country) {}

  /**
   * Cleans and aggregates {@code csv} the documented way, independently of the pipeline.
   *
   * @param asOf a fixed as-of date, or null for the day after the last used invoice date
   */
  public static Result compute(Path csv, LocalDate asOf) {
    long read = 0;
    Map<String, Long> rejected = new TreeMap<>();
    List<Row> used = new ArrayList<>();
    Set<List<String>> seen = new HashSet<>();
    try (BufferedReader in = open(csv)) {
      List<String> header = split(in.readLine());
      int invoiceCol = header.indexOf("InvoiceNo");
      int stockCol = header.indexOf("StockCode");
      int quantityCol = header.indexOf("Quantity");
      int dateCol = header.indexOf("InvoiceDate");
      int priceCol = header.indexOf("UnitPrice");
      int customerCol = header.indexOf("CustomerID");
      int countryCol = header.indexOf("Country");
      String line;
      while ((line = in.readLine()) != null) {
        read++;
        List<String> f = split(line);
        if (f.size() != header.size()) {
          throw new IllegalArgumentException(
              "the oracle cannot read line " + (read + 1) + ": " + line);
        }
        String customer = f.get(customerCol).trim();
        if (customer.endsWith(".0")) {
          customer = customer.substring(0, customer.length() - 2);
        }
        Row row =
            new Row(
                f.get(invoiceCol).trim(),
                f.get(stockCol).trim(),
                Long.parseLong(f.get(quantityCol).trim()),
                LocalDateTime.parse(f.get(dateCol).trim(), DATE),
                new BigDecimal(f.get(priceCol).trim()),
                customer,
                f.get(countryCol).trim());
        String reason = null;
        if (row.customerId.isEmpty()) {
          reason = "missing_customer_id";
        } else if (row.invoice.startsWith("C")) {
          reason = "cancellation";
        } else if (row.quantity <= 0) {
          reason = "non_positive_quantity";
        } else if (row.price.signum() <= 0) {
          reason = "non_positive_price";
        } else if (asOf != null && !row.date.isBefore(asOf.atStartOfDay())) {
          reason = "after_as_of";
        } else if (!seen.add(f)) {
          reason = "duplicate_row";
        }
        if (reason == null) {
          used.add(row);
        } else {
          rejected.merge(reason, 1L, Long::sum);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    LocalDate effectiveAsOf = asOf;
    if (effectiveAsOf == null) {
      LocalDateTime last = used.stream().map(Row::date).max(LocalDateTime::compareTo).orElseThrow();
      effectiveAsOf = last.toLocalDate().plusDays(1);
    }
    return new Result(read, used.size(), rejected, effectiveAsOf, customers(used, effectiveAsOf));
  }

  private static Map<String, Customer> customers(List<Row> used, LocalDate asOf) {
    Map<String, List<Row>> byCustomer = new LinkedHashMap<>();
    for (Row r : used) {
      byCustomer.computeIfAbsent(r.customerId, k -> new ArrayList<>()).add(r);
    }
    Map<String, Customer> out = new TreeMap<>();
    byCustomer.forEach(
        (id, rows) -> {
          Set<String> invoices = new HashSet<>();
          Set<String> products = new HashSet<>();
          Map<String, Integer> countries = new HashMap<>();
          BigDecimal monetary = BigDecimal.ZERO;
          long quantity = 0;
          LocalDateTime first = null;
          LocalDateTime last = null;
          for (Row r : rows) {
            invoices.add(r.invoice);
            products.add(r.stockCode);
            if (!r.country.isEmpty()) {
              countries.merge(r.country, 1, Integer::sum);
            }
            monetary = monetary.add(r.price.multiply(BigDecimal.valueOf(r.quantity)));
            quantity += r.quantity;
            first = first == null || r.date.isBefore(first) ? r.date : first;
            last = last == null || r.date.isAfter(last) ? r.date : last;
          }
          String country =
              countries.entrySet().stream()
                  .sorted(
                      Map.Entry.<String, Integer>comparingByValue()
                          .reversed()
                          .thenComparing(Map.Entry.comparingByKey()))
                  .map(Map.Entry::getKey)
                  .findFirst()
                  .orElse(null);
          out.put(
              id,
              new Customer(
                  id,
                  country,
                  (int) ChronoUnit.DAYS.between(last.toLocalDate(), asOf),
                  invoices.size(),
                  monetary,
                  quantity,
                  (int) ChronoUnit.DAYS.between(first.toLocalDate(), asOf),
                  products.size(),
                  rows.size(),
                  first,
                  last));
        });
    return out;
  }

  private static BufferedReader open(Path csv) throws IOException {
    InputStream in = Files.newInputStream(csv);
    if (csv.getFileName().toString().endsWith(".gz")) {
      in = new GZIPInputStream(in, 1 << 16);
    }
    return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
  }

  /** RFC 4180 fields of one line ({@code ""} is a quote inside a quoted field). */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          "the oracle cannot read a line with an open quote: " + line);
    }
    fields.add(field.toString());
    return fields;
  }
}
