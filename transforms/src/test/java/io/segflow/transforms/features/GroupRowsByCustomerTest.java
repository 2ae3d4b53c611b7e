// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static io.segflow.transforms.Fixtures.HEADER;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class GroupRowsByCustomerTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private static final String A = CustomerFixture.A;
  private static final String B = CustomerFixture.B;
  private static final String ROW_12347 =
      "542237,85116,BLACK CANDELABRA T-LIGHT HOLDER,6,2011-01-26 14:30:00,2.1,12347,Iceland";

  /** Every row in customer, file, line order, worked out by hand from the fixture. */
  private static final List<String> EXPECTED =
      List.of(
          "12347|" + A + "|3",
          "12347|" + A + "|5",
          "12347|" + B + "|3",
          "12347|" + B + "|9",
          "12347|" + B + "|10",
          "12347|" + B + "|100",
          "12680|" + B + "|2",
          "12680|" + B + "|4",
          "12680|" + B + "|5",
          "14911|" + A + "|2",
          "14911|" + A + "|4",
          "14911|" + A + "|6");

  private PCollection<TransactionBlock> input(String name) {
    // Blocks arrive out of source order; lines 9 and 10 must sort before 100.
    TransactionBlock line100 = Fixtures.rows(Fixtures.raw(B, HEADER, 100, ROW_12347));
    TransactionBlock lines9and10 = Fixtures.rows(Fixtures.raw(B, HEADER, 9, ROW_12347, ROW_12347));
    return p.apply(
        name,
        Create.of(line100, CustomerFixture.fileB(), lines9and10, CustomerFixture.fileA())
            .withCoder(TransactionBlock.Coder.of()));
  }

  /** Checks the grouping property and returns nothing; {@code maxBlocks} bounds the block count. */
  private static SerializableFunction<Iterable<TransactionBlock>, Void> groupedAs(
      List<String> expected, int maxBlocks) {
    return blocks -> {
      List<TransactionBlock> sorted = new ArrayList<>();
      Set<String> customersSeen = new HashSet<>();
      for (TransactionBlock b : blocks) {
        assertThat(b.isGroupedByCustomer(), is(true));
        assertThat(b.size(), greaterThan(0));
        Set<String> customers = new HashSet<>();
        for (int i = 0; i < b.size(); i++) {
          customers.add(b.customerId(i));
          if (i > 0) {
            assertThat("rows sorted in their block", b.compareRows(i - 1, b, i), lessThan(0));
          }
        }
        for (String c : customers) {
          assertThat("customer " + c + " in one block only", customersSeen.add(c), is(true));
        }
        sorted.add(b);
      }
      assertThat(sorted.size(), lessThanOrEqualTo(maxBlocks));
      // Each customer's rows as they sit in their block, customers in id order.
      Map<String, List<String>> byCustomer = new TreeMap<>();
      for (TransactionBlock b : sorted) {
        for (int i = 0; i < b.size(); i++) {
          byCustomer
              .computeIfAbsent(b.customerId(i), c -> new ArrayList<>())
              .add(Fixtures.key(b, i));
        }
      }
      List<String> all = new ArrayList<>();
      byCustomer.values().forEach(all::addAll);
      assertThat(all, is(expected));
      return null;
    };
  }

  @Test
  public void everyCustomersRowsEndUpInOneBlockSortedByCustomerFileAndLine() {
    PAssert.that(input("Rows").apply(GroupRowsByCustomer.create()))
        .satisfies(groupedAs(EXPECTED, 16));
    p.run();
  }

  @Test
  public void theResultDoesNotDependOnTheShardCount() {
    PAssert.that(input("ForOne").apply("OneShard", GroupRowsByCustomer.create().withShards(1)))
        .satisfies(groupedAs(EXPECTED, 1));
    PAssert.that(input("ForTwo").apply("TwoShards", GroupRowsByCustomer.create().withShards(2)))
        .satisfies(groupedAs(EXPECTED, 2));
    PAssert.that(input("ForSeven").apply("SevenShards", GroupRowsByCustomer.create().withShards(7)))
        .satisfies(groupedAs(EXPECTED, 7));
    p.run();
  }

  @Test
  public void withShardsSpreadsCustomersOverThatManyBlocksAtMost() {
    // 60 customers: with one shard they share one block, with eight they spread over several.
    String[] records = new String[60];
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < records.length; k++) {
      String id = String.valueOf(13000 + k);
      records[k] =
          "536367,84879,ASSORTED COLOUR BIRD ORNAMENT,32,2010-12-01 08:34:00,1.69,"
              + id
              + ",United Kingdom";
      expected.add(id + "|" + A + "|" + (k + 2));
    }
    PCollection<TransactionBlock> rows =
        p.apply(Create.of(Fixtures.rows(A, records)).withCoder(TransactionBlock.Coder.of()));
    PAssert.that(rows.apply("OneShard", GroupRowsByCustomer.create().withShards(1)))
        .satisfies(groupedAs(expected, 1));
    PAssert.that(rows.apply("EightShards", GroupRowsByCustomer.create().withShards(8)))
        .satisfies(
            blocks -> {
              int n = 0;
              for (var unused : blocks) {
                n++;
              }
              assertThat(n, greaterThan(1));
              assertThat(n, lessThanOrEqualTo(8));
              return null;
            });
    p.run();
  }

  @Test
  public void mergeSortedSortsRowsOfAnyBlocksIncludingRowsWithoutCustomer() {
    TransactionBlock noCustomer =
        Fixtures.rows(
            Fixtures.raw(A, HEADER, 7, "536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom"));
    TransactionBlock merged =
        GroupRowsByCustomer.mergeSorted(
            List.of(CustomerFixture.fileB(), noCustomer, CustomerFixture.fileA()));
    assertThat(merged.isGroupedByCustomer(), is(true));
    assertThat(
        Fixtures.keys(List.of(merged)),
        contains(
            "null|" + A + "|7",
            "12347|" + A + "|3",
            "12347|" + A + "|5",
            "12347|" + B + "|3",
            "12680|" + B + "|2",
            "12680|" + B + "|4",
            "12680|" + B + "|5",
            "14911|" + A + "|2",
            "14911|" + A + "|4",
            "14911|" + A + "|6"));
    assertThat(GroupRowsByCustomer.mergeSorted(List.of()).size(), is(0));
  }

  /** Splits blocks by customer shard as the pipeline does (each part keeps its rows' order). */
  private static List<TransactionBlock> shardParts(
      List<TransactionBlock> blocks, int shard, int shards) {
    List<TransactionBlock> parts = new ArrayList<>();
    for (TransactionBlock b : blocks) {
      TransactionBlock.Builder part = TransactionBlock.builder();
      for (int i = 0; i < b.size(); i++) {
        if (GroupRowsByCustomer.shardOf(b, i, shards) == shard) {
          part.addRow(b, i);
        }
      }
      parts.add(part.build());
    }
    return parts;
  }

  @Test
  public void mergeSortedGivesTheSameBlockForPartsInSourceOrderAndForShuffledRows()
      throws Exception {
    List<TransactionBlock> blocks = new ArrayList<>(Fixtures.sampleBlocks("b.csv", 3_000));
    blocks.addAll(Fixtures.sampleBlocks("a.csv", 5_000)); // a second file whose name sorts first
    for (int shard = 0; shard < 3; shard++) {
      List<TransactionBlock> parts = shardParts(blocks, shard, 3);
      java.util.Collections.reverse(parts); // arrival order is arbitrary
      TransactionBlock merged = GroupRowsByCustomer.mergeSorted(parts);

      // The same rows with each part's rows reversed: not in source order, so the general sort.
      List<TransactionBlock> reversed = new ArrayList<>();
      for (TransactionBlock part : parts) {
        TransactionBlock.Builder r = TransactionBlock.builder();
        for (int i = part.size() - 1; i >= 0; i--) {
          r.addRow(part, i);
        }
        reversed.add(r.build());
      }
      assertThat(GroupRowsByCustomer.mergeSorted(reversed), is(merged));

      // And the order is customer, then file, then line, by an independent sort of the keys.
      List<String[]> expected = new ArrayList<>();
      for (TransactionBlock part : parts) {
        for (int i = 0; i < part.size(); i++) {
          expected.add(
              new String[] {part.customerId(i), part.file(i), Long.toString(part.line(i))});
        }
      }
      expected.sort(
          java.util.Comparator.<String[], String>comparing(
                  k -> k[0], java.util.Comparator.nullsFirst(java.util.Comparator.naturalOrder()))
              .thenComparing(k -> k[1])
              .thenComparingLong(k -> Long.parseLong(k[2])));
      List<String> expectedKeys = expected.stream().map(k -> String.join("|", k)).toList();
      assertThat(merged.size(), greaterThan(5_000));
      assertThat(Fixtures.keys(List.of(merged)), is(expectedKeys));
    }
  }

  @Test
  public void withShardsMustBePositive() {
    assertThrows(IllegalArgumentException.class, () -> GroupRowsByCustomer.create().withShards(0));
    assertThrows(IllegalArgumentException.class, () -> GroupRowsByCustomer.create().withShards(-4));
  }
}
