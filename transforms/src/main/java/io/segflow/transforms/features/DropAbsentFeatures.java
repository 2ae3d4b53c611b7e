// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import io.segflow.schemas.CustomerRecord;
import java.util.Set;
import java.util.TreeSet;
import org.apache.beam.sdk.transforms.MapElements;
import org.apache.beam.sdk.transforms.PTransform;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.TypeDescriptor;

/**
 * Sets to null the features the input has no column for (see {@link InputFeatures}), so that a
 * total that only counts placeholders (a quantity of 1 per row, one empty product) is not published
 * as if it were data.
 */
public final class DropAbsentFeatures
    extends PTransform<PCollection<CustomerRecord>, PCollection<CustomerRecord>> {
  private final TreeSet<String> absent;

  private DropAbsentFeatures(Set<String> absent) {
    this.absent = new TreeSet<>(absent);
  }

  public static DropAbsentFeatures create() {
    return new DropAbsentFeatures(Set.of());
  }

  /** The features to set to null. */
  public DropAbsentFeatures withAbsent(Set<String> absent) {
    return new DropAbsentFeatures(absent);
  }

  @Override
  public PCollection<CustomerRecord> expand(PCollection<CustomerRecord> customers) {
    if (absent.isEmpty()) {
      return customers;
    }
    TreeSet<String> fields = absent;
    return customers
        .apply(
            "NullAbsentFeatures",
            MapElements.into(TypeDescriptor.of(CustomerRecord.class))
                .via(c -> InputFeatures.withoutAbsent(c, fields)))
        .setCoder(customers.getCoder());
  }
}
