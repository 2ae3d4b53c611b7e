// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.rows;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.nullValue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

public class Utf8ColumnTest {
  private static Utf8Column column(String... values) {
    Utf8Column.Builder b = new Utf8Column.Builder(2, 4);
    for (String v : values) {
      b.add(v);
    }
    return b.build();
  }

  private static Utf8Column roundTrip(Utf8Column c) throws IOException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    c.encode(out);
    out.writeInt(0x5EF10); // a marker after the column: decode must stop exactly at its end
    out.flush();
    DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes.toByteArray()));
    Utf8Column decoded = Utf8Column.decode(in);
    assertThat(in.readInt(), is(0x5EF10));
    return decoded;
  }

  @Test
  public void keepsValuesNullsEmptyStringsAndNonAscii() {
    Utf8Column c = column(null, "17850", "", "Curaçao", null, "日本 🎁", null);
    assertThat(c.size(), is(7));
    assertThat(c.isNull(0), is(true));
    assertThat(c.get(0), is(nullValue()));
    assertThat(c.get(1), is("17850"));
    assertThat(c.isNull(2), is(false));
    assertThat(c.get(2), is(""));
    assertThat(c.get(3), is("Curaçao"));
    assertThat(c.isNull(4), is(true));
    assertThat(c.get(5), is("日本 🎁"));
    assertThat(c.isNull(6), is(true));
  }

  @Test
  public void growsPastItsInitialCapacity() {
    Utf8Column.Builder b = new Utf8Column.Builder(1, 1);
    List<String> expected = new ArrayList<>();
    for (int i = 0; i < 1000; i++) {
      String v = i % 7 == 0 ? null : "row-" + i + "-é".repeat(i % 5);
      expected.add(v);
      b.add(v);
    }
    Utf8Column c = b.build();
    assertThat(b.size(), is(1000));
    List<String> actual = new ArrayList<>();
    for (int i = 0; i < c.size(); i++) {
      actual.add(c.get(i));
    }
    assertThat(actual, is(expected));
  }

  @Test
  public void equalsAtComparesValuesAcrossColumnsAndTreatsNullAsDistinctFromEmpty() {
    Utf8Column a = column("12347", null, "", "Iceland");
    Utf8Column b = column("Iceland", "12347", null, "");
    assertThat(a.equalsAt(0, b, 1), is(true));
    assertThat(a.equalsAt(3, b, 0), is(true));
    assertThat(a.equalsAt(1, b, 2), is(true)); // null = null
    assertThat(a.equalsAt(2, b, 3), is(true)); // "" = ""
    assertThat(a.equalsAt(1, b, 3), is(false)); // null != ""
    assertThat(a.equalsAt(2, b, 2), is(false)); // "" != null
    assertThat(a.equalsAt(0, b, 0), is(false));
  }

  @Test
  public void compareAtOrdersNullsFirstThenByCodePoint() {
    // U+FF21 (fullwidth A) is below U+1F381 (a gift) in code point order but above its surrogate
    // pair in UTF-16 order, which String.compareTo uses.
    Utf8Column c = column(null, "12346", "12347", "Z", "a", "ab", "abc", "é", "\uFF21", "🎁");
    for (int i = 0; i + 1 < c.size(); i++) {
      assertThat("value " + i + " before value " + (i + 1), c.compareAt(i, c, i + 1), lessThan(0));
      assertThat(c.compareAt(i + 1, c, i), greaterThan(0));
    }
    assertThat("\uFF21".compareTo("🎁"), greaterThan(0)); // the UTF-16 order differs
    assertThat(c.compareAt(0, column((String) null), 0), is(0));
    assertThat(c.compareAt(2, column("12347"), 0), is(0));
  }

  @Test
  public void hashAtIsTheHashOfTheUtf8BytesAndZeroForNull() {
    Utf8Column c = column("17850", null, "Curaçao");
    assertThat(c.hashAt(0), is(Arrays.hashCode("17850".getBytes(StandardCharsets.UTF_8))));
    assertThat(c.hashAt(1), is(0));
    assertThat(c.hashAt(2), is(Arrays.hashCode("Curaçao".getBytes(StandardCharsets.UTF_8))));
    assertThat(column("x", "Curaçao").hashAt(1), is(c.hashAt(2)));
  }

  @Test
  public void addFromCopiesValuesIncludingNulls() {
    Utf8Column source = column("a", null, "Curaçao", "");
    Utf8Column.Builder b = new Utf8Column.Builder(1, 1);
    for (int i = source.size() - 1; i >= 0; i--) {
      b.addFrom(source, i);
    }
    assertThat(b.build(), is(column("", "Curaçao", null, "a")));
  }

  @Test
  public void encodesAndDecodesEveryShapeOfColumn() throws IOException {
    for (Utf8Column c :
        List.of(
            column(),
            column((String) null),
            column(""),
            column(null, "a", null),
            column("", null, "x".repeat(1 << 20)),
            column("Curaçao", "日本", "🎁", null))) {
      Utf8Column decoded = roundTrip(c);
      assertThat(decoded, is(c));
      assertThat(decoded.hashCode(), is(c.hashCode()));
      for (int i = 0; i < c.size(); i++) {
        assertThat(decoded.isNull(i), is(c.isNull(i)));
        assertThat(decoded.get(i), is(c.get(i)));
      }
    }
  }

  @Test
  public void equalsComparesEveryValue() {
    assertThat(column("a", null), is(column("a", null)));
    assertThat(column("a", null), is(not(column("a", ""))));
    assertThat(column("a", null), is(not(column("a"))));
    assertThat(column("a", "b"), is(not(column("a", "c"))));
  }

  @Test
  public void distinctInCountsLikeASetOfTheStrings() {
    // "Aa" and "BB" share a hash; null is a value of its own; ranges are half-open
    String[] values = {"x", "Aa", "BB", "Aa", null, "BB", "Ångström", null, "Ångström", "C2", "y"};
    Utf8Column c = column(values);
    java.util.Random random = new java.util.Random(7);
    for (int t = 0; t < 200; t++) {
      int from = random.nextInt(values.length + 1);
      int to = from + random.nextInt(values.length - from + 1);
      java.util.Set<String> set = new java.util.HashSet<>(Arrays.asList(values).subList(from, to));
      assertThat("rows " + from + ".." + to, c.distinctIn(from, to), is(set.size()));
    }
    assertThat(c.distinctIn(1, 6), is(3)); // Aa, BB, null
  }

  @Test
  public void sameInComparesEveryRowWithTheFirst() {
    Utf8Column c = column("UK", "UK", "UK", "France", null, null);
    assertThat(c.sameIn(0, 3), is(true));
    assertThat(c.sameIn(0, 4), is(false));
    assertThat(c.sameIn(4, 6), is(true));
    assertThat(c.sameIn(3, 5), is(false));
    assertThat(c.sameIn(2, 3), is(true));
  }
}
