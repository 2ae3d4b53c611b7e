// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.io.Serializable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds each logical column's position in a file's header. Columns may come in any order; names are
 * matched through {@link Column}'s aliases, and {@code overrides} (from the config's {@code
 * input.columns}) name the header of any column whose name is not recognised.
 *
 * <p>The input model: {@code customer_id} and {@code invoice_date} are required; the money is
 * {@code amount} (each row's total) when found, else {@code quantity} × {@code unit_price}, which
 * are then both required. {@code invoice_no}, {@code stock_code}, {@code description}, {@code
 * country} and (with an amount) {@code quantity} are optional.
 */
public final class ColumnMapping implements Serializable {
  private final Map<String, String> overrides;

  private ColumnMapping(Map<String, String> overrides) {
    this.overrides = new TreeMap<>(overrides);
  }

  public static ColumnMapping defaults() {
    return new ColumnMapping(Map.of());
  }

  /**
   * A mapping that finds the columns named in {@code overrides} under those headers.
   *
   * @param overrides column key (e.g. {@code customer_id}) to the header name used in the files
   */
  public static ColumnMapping withOverrides(Map<String, String> overrides) {
    for (String key : overrides.keySet()) {
      Column.forKey(key); // fails on unknown keys, naming the known ones
    }
    return new ColumnMapping(overrides);
  }

  public Map<String, String> overrides() {
    return overrides;
  }

  /**
   * Returns, for each {@link Column} by ordinal, its field index in {@code header}, or -1 for a
   * column that is absent. When both {@code amount} and {@code unit_price} are found, the amount is
   * the money and {@code unit_price} is reported absent (see {@link #notes}).
   *
   * @throws MissingColumnException naming the column, the header found, the closest names and how
   *     to map it
   */
  public int[] resolve(String file, List<String> header) {
    int[] index = new int[Column.values().length];
    for (Column column : Column.values()) {
      index[column.ordinal()] = find(column, header);
    }
    for (Column column : Column.values()) { // a wrong mapping first: it is the likeliest cause
      if (index[column.ordinal()] < 0 && overrides.containsKey(column.key())) {
        throw missing(
            header,
            column,
            "Column '"
                + overrides.get(column.key())
                + "' (mapped as "
                + column.key()
                + ") not found in "
                + file);
      }
    }
    for (Column column : Column.values()) {
      if (index[column.ordinal()] < 0 && column.isRequired()) {
        throw missing(
            header,
            column,
            "Required column "
                + column.key()
                + " ("
                + column.headerName()
                + ", also recognised: "
                + column.headerNames()
                + ") not found in "
                + file);
      }
    }
    if (index[Column.AMOUNT.ordinal()] >= 0) {
      index[Column.UNIT_PRICE.ordinal()] = -1;
    } else {
      for (Column c : List.of(Column.UNIT_PRICE, Column.QUANTITY)) {
        if (index[c.ordinal()] < 0) {
          throw missing(
              header,
              c,
              "No money column in "
                  + file
                  + ": map amount to the column holding each row's total (--column"
                  + " amount=<header name>), or map quantity and unit_price; "
                  + c.key()
                  + " ("
                  + c.headerName()
                  + ") was not found");
        }
      }
    }
    return index;
  }

  /**
   * What a user should know about how {@code header} is read: the money rule when both amount and
   * unit_price exist, and the defaults that stand in for absent optional columns.
   */
  public List<String> notes(List<String> header) {
    List<String> notes = new ArrayList<>();
    if (find(Column.AMOUNT, header) >= 0 && find(Column.UNIT_PRICE, header) >= 0) {
      notes.add(
          "both amount ('"
              + header.get(find(Column.AMOUNT, header))
              + "') and unit_price ('"
              + header.get(find(Column.UNIT_PRICE, header))
              + "') are mapped: amount is the money (the row's total); unit_price is not used");
    }
    if (find(Column.INVOICE, header) < 0) {
      notes.add("no invoice_no column: each row is one order (frequency counts rows)");
    }
    if (find(Column.QUANTITY, header) < 0) {
      notes.add("no quantity column: total_quantity is null and quantity rules do not apply");
    }
    if (find(Column.STOCK_CODE, header) < 0) {
      notes.add("no stock_code column: distinct_products is null");
    }
    return notes;
  }

  /** Each logical column found in {@code header}, by key, with the header name it is read from. */
  public Map<String, String> mapped(List<String> header) {
    Map<String, String> mapped = new LinkedHashMap<>();
    int[] index = resolve("the input", header);
    for (Column c : Column.values()) {
      if (index[c.ordinal()] >= 0) {
        mapped.put(c.key(), header.get(index[c.ordinal()]));
      }
    }
    return mapped;
  }

  private static MissingColumnException missing(List<String> header, Column column, String what) {
    List<String> close = closestNames(column, header);
    return new MissingColumnException(
        what
            + ". Header found: "
            + shortened(header)
            + "."
            + (close.isEmpty() ? "" : " Closest names: " + close + ".")
            + " Map the column in the run config: input.columns."
            + column.key()
            + ": \"<header name>\" (or --column "
            + column.key()
            + "=<header name>).");
  }

  /**
   * Up to three header names most like {@code column}: those containing one of its usual words
   * first, then by edit distance to its key, among names not too far from it.
   */
  static List<String> closestNames(Column column, List<String> header) {
    String key = Column.normalize(column.key());
    List<String> ranked = new ArrayList<>();
    List<Integer> score = new ArrayList<>();
    for (String h : header) {
      String n = Column.normalize(h);
      if (n.isEmpty()) {
        continue;
      }
      int s = editDistance(key, n);
      for (String w : column.words()) {
        if (n.contains(w)) {
          s = Math.min(s, 1);
        }
      }
      if (s <= Math.max(2, key.length() / 3)) {
        int at = 0;
        while (at < score.size() && score.get(at) <= s) {
          at++;
        }
        ranked.add(at, h);
        score.add(at, s);
      }
    }
    return ranked.subList(0, Math.min(3, ranked.size()));
  }

  private static int editDistance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    int[] cur = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int sub = prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        cur[j] = Math.min(sub, Math.min(prev[j], cur[j - 1]) + 1);
      }
      int[] t = prev;
      prev = cur;
      cur = t;
    }
    return prev[b.length()];
  }

  /** The header for a message: at most 30 names of at most 40 characters. */
  private static String shortened(List<String> header) {
    List<String> names = new ArrayList<>();
    for (String h : header.subList(0, Math.min(30, header.size()))) {
      names.add(h.length() <= 40 ? h : h.substring(0, 40) + "…");
    }
    return names + (header.size() > 30 ? " and " + (header.size() - 30) + " more" : "");
  }

  private int find(Column column, List<String> header) {
    List<String> names =
        overrides.containsKey(column.key())
            ? List.of(overrides.get(column.key()))
            : column.headerNames();
    for (String name : names) {
      String wanted = Column.normalize(name);
      for (int i = 0; i < header.size(); i++) {
        if (Column.normalize(header.get(i)).equals(wanted)) {
          return i;
        }
      }
    }
    return -1;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof ColumnMapping m && overrides.equals(m.overrides);
  }

  @Override
  public int hashCode() {
    return overrides.hashCode();
  }

  @Override
  public String toString() {
    return "ColumnMapping" + overrides + " " + Arrays.toString(Column.values());
  }
}
