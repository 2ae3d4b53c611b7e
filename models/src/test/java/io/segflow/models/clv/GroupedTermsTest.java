// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.models.clv;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.is;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.Test;

/**
 * Grouping customers with equal histories into weighted terms changes nothing: the likelihood over
 * the groups equals the sum of the customers' own likelihoods, and counts survive buffering and
 * merging.
 */
public class GroupedTermsTest {
  static List<CustomerSummary> customers(int n, long seed) {
    Random random = new Random(seed);
    List<CustomerSummary> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      int age = random.nextInt(60);
      int x = random.nextInt(4) == 0 ? 0 : random.nextInt(age / 10 + 1);
      int recency = x == 0 ? 0 : x + random.nextInt(age - x + 1);
      out.add(new CustomerSummary(x, recency, age, x * (1 + random.nextInt(5000)) / 100.0));
    }
    return out;
  }

  @Test
  public void groupedLikelihoodsEqualTheSumOverCustomers() {
    List<CustomerSummary> all = customers(3000, 7);
    BgNbdTerms bg = new BgNbdTerms();
    GammaGammaTerms gg = new GammaGammaTerms();
    all.forEach(bg::add);
    all.forEach(gg::add);
    assertThat(bg.customers(), is(3000L));
    double[] bgParams = {0.3, 5, 0.8, 2.5};
    double[] ggParams = {6, 3.7, 15};
    double bgSum = 0;
    double ggSum = 0;
    for (CustomerSummary c : all) {
      bgSum += new BgNbdTerms().add(c).likelihood(ClvTimeUnit.WEEK).value(bgParams);
      GammaGammaTerms one = new GammaGammaTerms().add(c);
      ggSum += one.customers() == 0 ? 0 : one.likelihood().value(ggParams);
    }
    assertThat(bg.distinctTerms() < 3000, is(true));
    assertThat(bg.likelihood(ClvTimeUnit.WEEK).value(bgParams), closeTo(bgSum, 1e-9 * -bgSum));
    assertThat(gg.likelihood().value(ggParams), closeTo(ggSum, 1e-9 * -ggSum));
  }

  @Test
  public void termsSurviveSerialization() throws Exception {
    ClvTerms terms = new ClvTerms();
    customers(5000, 3).forEach(terms::add);
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(terms);
    }
    ClvTerms copy;
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      copy = (ClvTerms) in.readObject();
    }
    copy.add(new CustomerSummary(1, 3, 9, 12.5));
    terms.add(new CustomerSummary(1, 3, 9, 12.5));
    double[] params = {0.3, 5, 0.8, 2.5};
    assertThat(copy.bgNbd().customers(), is(5001L));
    assertThat(
        copy.bgNbd().likelihood(ClvTimeUnit.DAY).value(params),
        is(terms.bgNbd().likelihood(ClvTimeUnit.DAY).value(params)));
    assertThat(copy.gammaGamma().customers(), is(terms.gammaGamma().customers()));
  }

  @Test
  public void countsSurviveBufferingAndMerging() {
    Random random = new Random(11);
    KeyCounts left = new KeyCounts();
    KeyCounts right = new KeyCounts();
    Map<Long, Long> expected = new HashMap<>();
    for (int i = 0; i < 300_000; i++) {
      long key = random.nextInt(20_000) * 1_000_003L;
      (i % 3 == 0 ? left : right).add(key);
      expected.merge(key, 1L, Long::sum);
    }
    left.addAll(right);
    long[] keys = left.keys();
    long[] counts = left.counts();
    assertThat(keys.length, is(expected.size()));
    for (int i = 0; i < keys.length; i++) {
      assertThat(counts[i], is(expected.get(keys[i])));
      if (i > 0) {
        assertThat(keys[i] > keys[i - 1], is(true));
      }
    }
    assertThat(left.total(), is(300_000L));
  }
}
