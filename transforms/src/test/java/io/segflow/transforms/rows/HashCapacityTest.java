// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;

import org.junit.Test;

public class HashCapacityTest {
  @Test
  public void isAPowerOfTwoAtLeastTwiceTheEntries() {
    for (int entries : new int[] {0, 1, 5, 16, 17, 1000, 32_768, 1_000_001}) {
      int c = HashCapacity.forEntries(entries, 4);
      assertThat("power of two for " + entries, Integer.bitCount(c), equalTo(1));
      assertThat(c, greaterThanOrEqualTo(2 * Math.max(4, entries)));
    }
    assertThat(HashCapacity.forEntries(16, 16), equalTo(32));
    assertThat(HashCapacity.forEntries(17, 16), equalTo(64));
    assertThat(HashCapacity.forEntries(3, 16), equalTo(32));
  }
}
