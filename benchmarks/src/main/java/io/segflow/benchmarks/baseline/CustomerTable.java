// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.benchmarks.baseline;

import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Every customer's running sums, in columns indexed by customer number ({@link CustomerIds}); the
 * distinct rows (for exact duplicates), invoices and products live in {@link KeySets}. Objects per
 * customer would make the garbage collector copy every customer at least once: at millions of
 * customers that is a good part of the run.
 */
final class CustomerTable {
  private static final long ROW = 0x526f775f6b657921L;
  private static final long INVOICE = 0x496e766f69636521L;
  private static final long PRODUCT = 0x50726f6475637421L;
  private static final long SECONDS_PER_DAY = 86_400L;

  private final CustomerIds ids = new CustomerIds();
  private final KeySets keys = new KeySets();
  private int[] frequency = new int[0];
  private int[] products = new int[0];
  private long[] rows = new long[0];
  private long[] quantity = new long[0];
  private double[] monetary = new double[0];
  private long[] first = new long[0];
  private long[] last = new long[0];

  /** The first country seen and its rows; a second country goes to {@link #otherCountries}. */
  private int[] country = new int[0];

  private int[] countryRows = new int[0];

  /** Pairs (country, rows) of the rare customer with several countries. */
  private final Map<Integer, int[]> otherCountries = new HashMap<>();

  int size() {
    return ids.size();
  }

  /** The number of the customer with id {@code b[from, to)}, added when new. */
  int customer(byte[] b, int from, int to) {
    int before = ids.size();
    int c = ids.numberOf(b, from, to);
    if (c == before) {
      if (c == first.length) {
        grow(Math.max(1024, c * 2));
      }
      first[c] = Long.MAX_VALUE;
      last[c] = Long.MIN_VALUE;
      country[c] = -1;
    }
    return c;
  }

  /**
   * Adds a clean row of customer c; false (and nothing added) when it is an exact copy of a row
   * added before.
   *
   * @param rowHash hash of every column but the customer id
   * @param countryIndex the row's country, -1 for none
   */
  boolean add(
      int c,
      long rowHash,
      long invoiceHash,
      long productHash,
      long qty,
      double unitPrice,
      long time,
      int countryIndex) {
    if (!keys.add(c, ByteHash.mix(rowHash ^ ROW))) {
      return false;
    }
    if (keys.add(c, ByteHash.mix(invoiceHash ^ INVOICE))) {
      frequency[c]++;
    }
    if (keys.add(c, ByteHash.mix(productHash ^ PRODUCT))) {
      products[c]++;
    }
    rows[c]++;
    quantity[c] += qty;
    monetary[c] += qty * unitPrice; // in file order, as Segflow sums a customer's rows
    first[c] = Math.min(first[c], time);
    last[c] = Math.max(last[c], time);
    if (countryIndex >= 0) {
      countRow(c, countryIndex);
    }
    return true;
  }

  /** Customer c's features as of the start of {@code asOfEpochDay}. */
  BaselineCustomer features(int c, long asOfEpochDay, List<String> countryNames) {
    return new BaselineCustomer(
        ids.id(c),
        mostFrequentCountry(c, countryNames),
        (int) (asOfEpochDay - Math.floorDiv(last[c], SECONDS_PER_DAY)),
        frequency[c],
        monetary[c],
        quantity[c],
        monetary[c] / frequency[c],
        first[c],
        last[c],
        (int) (asOfEpochDay - Math.floorDiv(first[c], SECONDS_PER_DAY)),
        products[c],
        rows[c],
        LocalDate.ofEpochDay(asOfEpochDay));
  }

  /**
   * Whether customer c has at least one used row (a customer whose rows were all copies has none).
   */
  boolean hasRows(int c) {
    return rows[c] > 0;
  }

  private void countRow(int c, int countryIndex) {
    if (country[c] == countryIndex || country[c] == -1) {
      country[c] = countryIndex;
      countryRows[c]++;
      return;
    }
    int[] pairs = otherCountries.getOrDefault(c, new int[0]);
    for (int i = 0; i < pairs.length; i += 2) {
      if (pairs[i] == countryIndex) {
        pairs[i + 1]++;
        return;
      }
    }
    pairs = Arrays.copyOf(pairs, pairs.length + 2);
    pairs[pairs.length - 2] = countryIndex;
    pairs[pairs.length - 1] = 1;
    otherCountries.put(c, pairs);
  }

  /** Ties go to the alphabetically first name, as in Segflow. */
  private String mostFrequentCountry(int c, List<String> names) {
    if (country[c] == -1) {
      return null;
    }
    String best = names.get(country[c]);
    int bestRows = countryRows[c];
    int[] pairs = otherCountries.getOrDefault(c, new int[0]);
    for (int i = 0; i < pairs.length; i += 2) {
      String name = names.get(pairs[i]);
      int n = pairs[i + 1];
      if (n > bestRows || (n == bestRows && name.compareTo(best) < 0)) {
        best = name;
        bestRows = n;
      }
    }
    return best;
  }

  private void grow(int n) {
    frequency = Arrays.copyOf(frequency, n);
    products = Arrays.copyOf(products, n);
    rows = Arrays.copyOf(rows, n);
    quantity = Arrays.copyOf(quantity, n);
    monetary = Arrays.copyOf(monetary, n);
    first = Arrays.copyOf(first, n);
    last = Arrays.copyOf(last, n);
    country = Arrays.copyOf(country, n);
    countryRows = Arrays.copyOf(countryRows, n);
  }

  /** Every customer with rows, in order of first appearance. */
  List<BaselineCustomer> features(long asOfEpochDay, List<String> countryNames) {
    List<BaselineCustomer> out = new ArrayList<>(size());
    for (int c = 0; c < size(); c++) {
      if (hasRows(c)) {
        out.add(features(c, asOfEpochDay, countryNames));
      }
    }
    return out;
  }
}
