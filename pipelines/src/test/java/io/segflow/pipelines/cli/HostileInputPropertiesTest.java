// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RetailOracle;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.RejectedRecord;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.ShrinkingMode;
import net.jqwik.api.Tuple;
import net.jqwik.api.constraints.IntRange;

/**
 * Random transaction files, some rows corrupted in known ways, through the whole CLI. Each
 * generated row carries its own expected fate, so the test knows the reason and line of every
 * rejection and computes the customer features of the good rows itself (exact decimals, one pass).
 * Properties: rows read = used + Σ rejected; every rejected row is in rejected/ with its file, line
 * and the expected reason; the customers equal the in-test computation.
 */
public class HostileInputPropertiesTest {
  private static final DateTimeFormatter DATE = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss");
  private static final LocalDateTime START = LocalDateTime.of(2011, 1, 1, 0, 0);
  private static final String[] COLUMNS = {
    "InvoiceNo",
    "StockCode",
    "Description",
    "Quantity",
    "InvoiceDate",
    "UnitPrice",
    "CustomerID",
    "Country"
  };

  /** Column orders a file may use (indexes into COLUMNS). */
  private static final int[][] LAYOUTS = {
    {0, 1, 2, 3, 4, 5, 6, 7},
    {7, 6, 5, 4, 3, 2, 1, 0},
    {6, 0, 4, 3, 5, 1, 7, 2},
    {3, 5, 0, 2, 7, 1, 6, 4}
  };

  private static final String[] COUNTRIES = {"United Kingdom", "France", "EIRE"};

  enum Corruption {
    GOOD(null),
    TOO_FEW_FIELDS("malformed_row"),
    TOO_MANY_FIELDS("malformed_row"),
    BAD_QUANTITY("bad_quantity"),
    BAD_PRICE("bad_unit_price"),
    BAD_DATE("bad_date"),
    MISSING_INVOICE("missing_invoice"),
    MISSING_CUSTOMER("missing_customer_id"),
    CANCELLATION("cancellation"),
    ZERO_PRICE("non_positive_price"),
    NEGATIVE_QUANTITY("non_positive_quantity"),
    DUPLICATE("duplicate_row"),
    BLANK("blank_line");

    final String reason;

    Corruption(String reason) {
      this.reason = reason;
    }
  }

  record RowSpec(
      int customer,
      int invoice,
      int stock,
      int quantity,
      int priceCents,
      int day,
      int minute,
      Corruption corruption) {}

  @Provide
  Arbitrary<List<RowSpec>> rows() {
    Arbitrary<Corruption> corruption =
        Arbitraries.frequencyOf(
            Tuple.of(40, Arbitraries.just(Corruption.GOOD)),
            Tuple.of(10, Arbitraries.of(Corruption.class)));
    return Combinators.combine(
            Arbitraries.integers().between(0, 4),
            Arbitraries.integers().between(0, 3),
            Arbitraries.integers().between(0, 5),
            Arbitraries.integers().between(1, 40),
            Arbitraries.integers().between(1, 2000),
            Arbitraries.integers().between(0, 200),
            Arbitraries.integers().between(0, 24 * 60 - 1),
            corruption)
        .as(RowSpec::new)
        .list()
        .ofMinSize(1)
        .ofMaxSize(60);
  }

  @Property(tries = 15, shrinking = ShrinkingMode.OFF)
  void booksBalanceAndFeaturesMatchTheGoodRows(
      @ForAll("rows") List<RowSpec> specs, @ForAll @IntRange(min = 0, max = 3) int layout)
      throws IOException {
    Path dir = Files.createTempDirectory("segflow-prop");
    try {
      check(dir, specs, LAYOUTS[layout]);
    } finally {
      deleteRecursively(dir);
    }
  }

  private record Good(
      String invoice,
      String stock,
      long quantity,
      BigDecimal price,
      LocalDateTime date,
      String customer,
      String country) {}

  private static void check(Path dir, List<RowSpec> specs, int[] layout) throws IOException {
    StringBuilder text = new StringBuilder();
    List<String> header = new ArrayList<>();
    for (int c : layout) {
      header.add(COLUMNS[c]);
    }
    text.append(String.join(",", header)).append('\n');
    Map<Long, String> expectedRejected = new TreeMap<>();
    List<Good> good = new ArrayList<>();
    String lastGoodLine = null;
    long line = 1;
    for (int i = 0; i < specs.size(); i++) {
      RowSpec s = specs.get(i);
      line++;
      Corruption k = s.corruption();
      if (k == Corruption.DUPLICATE && lastGoodLine == null) {
        k = Corruption.GOOD;
      }
      String customer = String.valueOf(12340 + s.customer());
      String invoice = String.valueOf(550000 + s.customer() * 10 + s.invoice());
      String stock = "SKU" + s.stock();
      String description = i % 4 == 0 ? "\"ITEM " + i + ", \"\"SPECIAL\"\"\"" : "ITEM " + i;
      LocalDateTime date = START.plusDays(s.day()).plusMinutes(s.minute());
      BigDecimal price = BigDecimal.valueOf(s.priceCents(), 2);
      String country = COUNTRIES[(s.customer() + s.invoice()) % COUNTRIES.length];
      String[] f = new String[8];
      f[0] = invoice;
      f[1] = stock;
      f[2] = description;
      f[3] = String.valueOf(s.quantity());
      f[4] = date.format(DATE);
      f[5] = price.toPlainString();
      f[6] = i % 3 == 0 ? customer + ".0" : customer;
      f[7] = country;
      switch (k) {
        case BAD_QUANTITY -> f[3] = pick(i, "abc", "1.5", "", "NaN", "99999999999999999999");
        case BAD_PRICE -> f[5] = pick(i, "x", "NaN", "Infinity", "", "1e400");
        case BAD_DATE ->
            f[4] = pick(i, "2011-02-30 10:00:00", "yesterday", "1969-07-20 20:17:00", "");
        case MISSING_INVOICE -> f[0] = "";
        case MISSING_CUSTOMER -> f[6] = "";
        case CANCELLATION -> f[0] = "C" + invoice;
        case ZERO_PRICE -> f[5] = "0.00";
        case NEGATIVE_QUANTITY -> f[3] = "-" + s.quantity();
        default -> {}
      }
      List<String> fields = new ArrayList<>();
      for (int c : layout) {
        fields.add(f[c]);
      }
      String record;
      switch (k) {
        case TOO_FEW_FIELDS -> record = String.join(",", fields.subList(0, 7));
        case TOO_MANY_FIELDS -> record = String.join(",", fields) + ",EXTRA";
        case DUPLICATE -> record = lastGoodLine;
        case BLANK -> record = "";
        default -> record = String.join(",", fields);
      }
      text.append(record).append('\n');
      if (k == Corruption.GOOD) {
        lastGoodLine = record;
        good.add(new Good(invoice, stock, s.quantity(), price, date, customer, country));
      } else {
        expectedRejected.put(line, k.reason);
      }
    }
    Path input = dir.resolve("random.csv");
    Files.writeString(input, text, StandardCharsets.UTF_8);
    Path output = dir.resolve("out");
    CliRun r =
        CliRun.of(
            "run", "--input", input.toString(), "--output", output.toString(), "--no-segmentation");
    String context = "input:\n" + text + "\n" + r;

    if (good.isEmpty()) {
      assertThat(context, r.exitCode(), equalTo(4));
      assertThat(context, Files.exists(output), is(false));
      return;
    }
    assertThat(context, r.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);

    // Conservation: rows read = used + Σ rejected by reason.
    long sumByReason =
        out.manifestRejectedByReason().values().stream().mapToLong(Long::longValue).sum();
    assertThat(context, out.rowsRead(), equalTo((long) specs.size()));
    assertThat(context, out.rowsRead(), equalTo(out.rowsUsed() + sumByReason));

    // Every rejected row, with its file, line and reason.
    Map<Long, String> actual = new TreeMap<>();
    for (RejectedRecord rec : out.rejected) {
      assertThat(context, rec.getSourceFile().toString(), endsWith("random.csv"));
      assertThat(context, rec.getMessage(), not(emptyOrNullString()));
      if (actual.put(rec.getLineNumber(), rec.getReason()) != null) {
        throw new AssertionError("line " + rec.getLineNumber() + " rejected twice\n" + context);
      }
    }
    assertThat(context, actual, equalTo(expectedRejected));

    // The features, from the good rows alone.
    Map<String, Long> byReason = new TreeMap<>();
    expectedRejected.values().forEach(reason -> byReason.merge(reason, 1L, Long::sum));
    LocalDate asOf =
        good.stream()
            .map(Good::date)
            .max(Comparator.naturalOrder())
            .orElseThrow()
            .toLocalDate()
            .plusDays(1);
    RetailOracle.Result expected =
        new RetailOracle.Result(specs.size(), good.size(), byReason, asOf, customers(good, asOf));
    try {
      OutputAssertions.assertMatchesOracle(out, expected);
    } catch (AssertionError e) {
      throw new AssertionError(e.getMessage() + "\n" + context, e);
    }
  }

  /** The documented features, written out plainly. */
  private static Map<String, RetailOracle.Customer> customers(List<Good> rows, LocalDate asOf) {
    Map<String, List<Good>> byCustomer = new LinkedHashMap<>();
    rows.forEach(g -> byCustomer.computeIfAbsent(g.customer(), c -> new ArrayList<>()).add(g));
    Map<String, RetailOracle.Customer> out = new TreeMap<>();
    byCustomer.forEach(
        (id, list) -> {
          Set<String> invoices = new HashSet<>();
          Set<String> products = new HashSet<>();
          Map<String, Integer> countries = new HashMap<>();
          BigDecimal monetary = BigDecimal.ZERO;
          long quantity = 0;
          LocalDateTime first = null;
          LocalDateTime last = null;
          for (Good g : list) {
            invoices.add(g.invoice());
            products.add(g.stock());
            countries.merge(g.country(), 1, Integer::sum);
            monetary = monetary.add(g.price().multiply(BigDecimal.valueOf(g.quantity())));
            quantity += g.quantity();
            first = first == null || g.date().isBefore(first) ? g.date() : first;
            last = last == null || g.date().isAfter(last) ? g.date() : last;
          }
          int top = countries.values().stream().mapToInt(Integer::intValue).max().orElseThrow();
          String country =
              countries.entrySet().stream()
                  .filter(e -> e.getValue() == top)
                  .map(Map.Entry::getKey)
                  .sorted()
                  .findFirst()
                  .orElseThrow();
          out.put(
              id,
              new RetailOracle.Customer(
                  id,
                  country,
                  (int) ChronoUnit.DAYS.between(last.toLocalDate(), asOf),
                  invoices.size(),
                  monetary,
                  quantity,
                  (int) ChronoUnit.DAYS.between(first.toLocalDate(), asOf),
                  products.size(),
                  list.size(),
                  first,
                  last));
        });
    return out;
  }

  private static String pick(int i, String... options) {
    return options[i % options.length];
  }

  private static void deleteRecursively(Path dir) {
    try (Stream<Path> s = Files.walk(dir)) {
      s.sorted(Comparator.reverseOrder())
          .forEach(
              p -> {
                try {
                  Files.delete(p);
                } catch (IOException e) {
                  throw new UncheckedIOException(e);
                }
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
