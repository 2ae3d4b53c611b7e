// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Finds each logical column's position in a file's header. Columns may come in any order; names are
 * matched through {@link Column}'s aliases, and {@code overrides} (from the config's {@code
 * input.columns}) name the header of any column whose name is not recognised.
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
   * Returns, for each {@link Column} by ordinal, its field index in {@code header}, or -1 for an
   * optional column that is absent.
   *
   * @throws MissingColumnException naming the column, the header found and how to map it
   */
  public int[] resolve(String file, List<String> header) {
    int[] index = new int[Column.values().length];
    for (Column column : Column.values()) {
      index[column.ordinal()] = find(column, header);
      if (index[column.ordinal()] < 0
          && (column.isRequired() || overrides.containsKey(column.key()))) {
        String wanted =
            overrides.containsKey(column.key())
                ? "'"
                    + overrides.get(column.key())
                    + "' (mapped in the config as input.columns."
                    + column.key()
                    + ")"
                : column.headerName() + " (also recognised: " + column.headerNames() + ")";
        throw new MissingColumnException(
            "Required column "
                + wanted
                + " not found in "
                + file
                + ". Header found: "
                + shortened(header)
                + ". If the column has another name, map it in the run config: "
                + "input.columns."
                + column.key()
                + ": \"<header name>\" (or --column "
                + column.key()
                + "=<header name>).");
      }
    }
    return index;
  }

  /** The header for a message: at most 30 names of at most 40 characters. */
  private static String shortened(List<String> header) {
    List<String> names = new java.util.ArrayList<>();
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
