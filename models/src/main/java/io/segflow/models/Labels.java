// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models;

import java.util.Arrays;

/**
 * Arbitrary integer labels (e.g. DBSCAN's {@code -1} noise) recoded to dense codes {@code 0..m-1}
 * in ascending label order, like sklearn's LabelEncoder, so metrics can index arrays by cluster.
 */
record Labels(int[] codes, int[] values) {

  static Labels encode(int[] labels) {
    int[] values = Arrays.stream(labels).distinct().sorted().toArray();
    int[] codes = new int[labels.length];
    for (int i = 0; i < labels.length; i++) {
      codes[i] = Arrays.binarySearch(values, labels[i]);
    }
    return new Labels(codes, values);
  }

  int count() {
    return values.length;
  }

  int[] sizes() {
    int[] sizes = new int[values.length];
    for (int c : codes) {
      sizes[c]++;
    }
    return sizes;
  }
}
