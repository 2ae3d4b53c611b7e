// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.parse.Column;
import io.segflow.transforms.parse.ColumnMapping;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Which customer features an input can give: a feature whose column is absent from the input is
 * null in customers/ and cannot be clustered on. Frequency, monetary, recency and the dates need
 * only the required columns.
 */
public final class InputFeatures {
  /** The features that need an optional column, with that column. */
  private static final Map<String, Column> NEEDS = new LinkedHashMap<>();

  static {
    NEEDS.put("total_quantity", Column.QUANTITY);
    NEEDS.put("distinct_products", Column.STOCK_CODE);
  }

  private InputFeatures() {}

  /** The features some file lacks the column for (files given by their header lines). */
  public static Set<String> absent(ColumnMapping columns, List<List<String>> headers) {
    Set<String> absent = new TreeSet<>();
    for (List<String> header : headers) {
      int[] index = columns.resolve("the input", header);
      NEEDS.forEach(
          (feature, column) -> {
            if (index[column.ordinal()] < 0) {
              absent.add(feature);
            }
          });
    }
    return absent;
  }

  /** Why each absent feature is absent, for the manifest and the summary. */
  public static Map<String, String> reasons(Set<String> absent) {
    Map<String, String> why = new LinkedHashMap<>();
    for (String f : absent) {
      why.put(f, "the input has no " + NEEDS.get(f).key() + " column");
    }
    return why;
  }

  /**
   * The default features without the absent ones; explicitly chosen features must all exist.
   *
   * @throws IllegalArgumentException naming a chosen feature the input cannot give
   */
  public static List<String> usable(
      List<String> chosen, boolean chosenByDefault, Set<String> absent) {
    List<String> out = new ArrayList<>();
    for (String f : chosen) {
      if (!absent.contains(f)) {
        out.add(f);
      } else if (!chosenByDefault) {
        throw new IllegalArgumentException(
            "segmentation feature '"
                + f
                + "' cannot be computed: "
                + reasons(Set.of(f)).get(f)
                + ". Map that column (--column "
                + NEEDS.get(f).key()
                + "=<header name>) or leave the feature out of segmentation.features (--features)");
      }
    }
    return out;
  }

  /** The customer with the absent features set to null (a copy; {@code c} is not changed). */
  public static CustomerRecord withoutAbsent(CustomerRecord c, Set<String> absent) {
    CustomerRecord copy = CustomerFeatures.copyOf(c);
    for (String f : absent) {
      copy.put(f, null);
    }
    return copy;
  }
}
