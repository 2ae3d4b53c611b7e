// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.startsWith;

import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.clean.ApplyRowRules;
import io.segflow.transforms.clean.DropDuplicates;
import io.segflow.transforms.clean.RowRules;
import io.segflow.transforms.parse.ParseTransactions;
import io.segflow.transforms.read.ReadTransactionFiles;
import io.segflow.transforms.rows.CustomerPartials;
import io.segflow.transforms.rows.KeptRows;
import io.segflow.transforms.rows.RowTags;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FileInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.values.PCollectionTuple;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The per-block summaries must give exactly what grouping every row by customer gives: the same
 * customer records (to the last bit of every sum) and the same rejected copies. Checked on the
 * shipped Online Retail sample cut into small blocks, so that most customers and a number of
 * duplicate pairs span blocks.
 */
public class SummarizeCustomersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final int SHARDS = 3;

  /** The sample's rows that pass the default row rules, in blocks of {@code blockSize} lines. */
  private static List<TransactionBlock> cleanedSample(int blockSize) throws Exception {
    List<TransactionBlock> out = new ArrayList<>();
    RowRules rules = RowRules.defaults();
    for (TransactionBlock b : Fixtures.sampleBlocks("sample.csv", blockSize)) {
      KeptRows kept = new KeptRows(b);
      for (int i = 0; i < b.size(); i++) {
        if (rules.check(b, i) != null) {
          kept.drop(i);
        }
      }
      out.add(kept.build());
    }
    return out;
  }

  private static List<CustomerRecord> featuresOf(TransactionBlock grouped) {
    List<CustomerRecord> customers = new ArrayList<>();
    grouped.forEachCustomerRun(
        (from, to) -> customers.add(CustomerFeatures.withoutAsOf(grouped, from, to)));
    return customers;
  }

  /** Summaries per block, merged per shard with the blocks in reverse arrival order. */
  private static List<CustomerRecord> bySummaries(
      List<TransactionBlock> blocks,
      boolean dropCopies,
      List<String> dropped,
      List<String> droppedAcrossBlocks) {
    List<List<CustomerPartials>> shards = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      shards.add(new ArrayList<>());
    }
    for (TransactionBlock b : blocks) {
      SummarizeCustomers.Summary summary = SummarizeCustomers.summarize(b, SHARDS, dropCopies);
      for (int s = 0; s < SHARDS; s++) {
        if (summary.shards()[s] != null) {
          shards.get(s).add(roundTrip(summary.shards()[s]));
        }
      }
      for (RejectedRecord r : summary.copies().records()) {
        dropped.add(r.getSourceFile() + "|" + r.getLineNumber());
      }
    }
    List<CustomerRecord> customers = new ArrayList<>();
    for (List<CustomerPartials> shard : shards) {
      Collections.reverse(shard);
      new CustomerPartialsMerge(dropCopies)
          .merge(
              shard,
              customers::add,
              (file, line, firstFile, firstLine) -> {
                dropped.add(file + "|" + line);
                droppedAcrossBlocks.add(file + "|" + line);
              });
    }
    return customers;
  }

  /** Through the coder, as a runner's shuffle would. */
  private static CustomerPartials roundTrip(CustomerPartials partials) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      CustomerPartials.Coder.of().encode(partials, bytes);
      CustomerPartials back =
          CustomerPartials.Coder.of().decode(new ByteArrayInputStream(bytes.toByteArray()));
      assertThat(back, is(partials));
      return back;
    } catch (java.io.IOException e) {
      throw new AssertionError(e);
    }
  }

  @Test
  public void summariesGiveTheCustomersAndCopiesOfGroupingAllRows() throws Exception {
    List<TransactionBlock> blocks = cleanedSample(400);
    List<String> expectedDropped = new ArrayList<>();
    List<CustomerRecord> expected =
        featuresOf(dropCopies(GroupRowsByCustomer.mergeSorted(blocks), expectedDropped));
    List<String> dropped = new ArrayList<>();
    List<String> acrossBlocks = new ArrayList<>();
    List<CustomerRecord> actual = bySummaries(blocks, true, dropped, acrossBlocks);

    assertThat(expected.size(), greaterThan(100));
    // The CLV inputs are part of the comparison: customers with several purchase days, whose
    // first day's spend is a part of their money, span blocks here.
    assertThat(
        expected.stream()
            .filter(c -> c.getPurchaseDays() > 1 && c.getFirstDaySpend() < c.getMonetary())
            .count(),
        greaterThan(10L));
    assertThat(actual, containsInAnyOrder(expected.toArray()));
    assertThat(dropped, containsInAnyOrder(expectedDropped.toArray()));
    // The case this test is about: copies whose first copy sits in another block.
    assertThat(acrossBlocks.size(), greaterThan(0));
    assertThat(acrossBlocks.size(), org.hamcrest.Matchers.lessThan(expectedDropped.size()));
  }

  /**
   * Blocks whose rows interleave in the file (each block of the sample split into its even and its
   * odd rows): a customer's summaries from two blocks then overlap in source position, and the
   * merge must still sum every customer's rows in file order and keep the first copy of a row.
   */
  @Test
  public void summariesOfInterleavedBlocksGiveTheCustomersOfGroupingAllRows() throws Exception {
    List<TransactionBlock> blocks = cleanedSample(400);
    List<TransactionBlock> interleaved = new ArrayList<>();
    for (TransactionBlock b : blocks) {
      for (int parity = 0; parity < 2; parity++) {
        KeptRows kept = new KeptRows(b);
        for (int i = 0; i < b.size(); i++) {
          if (i % 2 != parity) {
            kept.drop(i);
          }
        }
        interleaved.add(kept.build());
      }
    }
    List<String> expectedDropped = new ArrayList<>();
    List<CustomerRecord> expected =
        featuresOf(dropCopies(GroupRowsByCustomer.mergeSorted(blocks), expectedDropped));
    List<String> dropped = new ArrayList<>();
    List<String> acrossBlocks = new ArrayList<>();
    List<CustomerRecord> actual = bySummaries(interleaved, true, dropped, acrossBlocks);

    assertThat(actual, containsInAnyOrder(expected.toArray()));
    assertThat(dropped, containsInAnyOrder(expectedDropped.toArray()));
    assertThat(acrossBlocks.size(), greaterThan(0));
  }

  @Test
  public void withDuplicatesKeptEveryRowCounts() throws Exception {
    List<TransactionBlock> blocks = cleanedSample(400);
    List<String> dropped = new ArrayList<>();
    List<CustomerRecord> actual = bySummaries(blocks, false, dropped, new ArrayList<>());
    List<CustomerRecord> expected = featuresOf(GroupRowsByCustomer.mergeSorted(blocks));
    assertThat(dropped, hasSize(0));
    assertThat(actual, containsInAnyOrder(expected.toArray()));
    assertThat(
        actual.stream().mapToLong(CustomerRecord::getRowsUsed).sum(),
        is((long) Fixtures.rowCount(blocks)));
  }

  /**
   * The CLV holdout's per-customer day lists: the same (days and each day's money to the bit) from
   * the summaries as from the grouped rows, and consistent with each customer's purchase_days and
   * first_day_spend; a cut at any date gives what {@code CustomerSummary.fromAggregates} gives.
   */
  @Test
  public void dayListsAreTheSameOnBothRowPaths() throws Exception {
    List<TransactionBlock> blocks = cleanedSample(400);
    TransactionBlock grouped =
        dropCopies(GroupRowsByCustomer.mergeSorted(blocks), new ArrayList<>());
    java.util.Map<String, PurchaseDayList> expected = new java.util.HashMap<>();
    grouped.forEachCustomerRun(
        (from, to) -> {
          PurchaseDayList l = CustomerFeatures.purchaseDayList(grouped, from, to, false);
          expected.put(l.customerId(), l);
        });
    java.util.Map<String, PurchaseDayList> actual = new java.util.HashMap<>();
    java.util.Map<String, CustomerRecord> records = new java.util.HashMap<>();
    List<List<CustomerPartials>> shards = new ArrayList<>();
    for (int s = 0; s < SHARDS; s++) {
      shards.add(new ArrayList<>());
    }
    for (TransactionBlock b : blocks) {
      SummarizeCustomers.Summary summary = SummarizeCustomers.summarize(b, SHARDS, true);
      for (int s = 0; s < SHARDS; s++) {
        if (summary.shards()[s] != null) {
          shards.get(s).add(roundTrip(summary.shards()[s]));
        }
      }
    }
    for (List<CustomerPartials> shard : shards) {
      Collections.reverse(shard);
      new CustomerPartialsMerge(true, l -> actual.put(l.customerId(), l))
          .merge(shard, c -> records.put(c.getCustomerId(), c), (f, l, ff, fl) -> {});
    }
    assertThat(actual, is(expected));
    java.time.LocalDate cut = java.time.LocalDate.of(2011, 10, 1);
    int multiDay = 0;
    for (CustomerRecord c : records.values()) {
      PurchaseDayList l = actual.get(c.getCustomerId());
      assertThat(l.size(), is(c.getPurchaseDays()));
      multiDay += l.size() > 1 ? 1 : 0;
      java.time.LocalDate last = c.getLastPurchase().toLocalDate();
      java.time.LocalDate first = c.getFirstPurchase().toLocalDate();
      // cut after the last purchase: the record's own aggregates
      java.time.LocalDate after = last.plusDays(1);
      io.segflow.models.clv.CustomerSummary got = l.summaryBefore(after).orElseThrow();
      io.segflow.models.clv.CustomerSummary ref =
          io.segflow.models.clv.CustomerSummary.fromAggregates(
              first, last, c.getPurchaseDays(), c.getFirstDaySpend(), c.getMonetary(), after);
      assertThat(got.frequency(), is(ref.frequency()));
      assertThat(got.recencyDays(), is(ref.recencyDays()));
      assertThat(got.ageDays(), is(ref.ageDays()));
      // the same money, summed per day instead of in row order: equal up to rounding
      assertThat(
          got.repeatSpend(), closeTo(ref.repeatSpend(), 1e-9 * (1 + Math.abs(c.getMonetary()))));
      assertThat(l.summaryBefore(first).isPresent(), is(false));
      assertThat(l.purchaseDaysBetween(first, after), is(c.getPurchaseDays()));
      int before = l.summaryBefore(cut).map(s -> s.frequency() + 1).orElse(0);
      assertThat(before + l.purchaseDaysBetween(cut, after.plusDays(1)), is(l.size()));
    }
    assertThat(multiDay, greaterThan(100));
  }

  /** The rows of a grouped block without their copies; "file|line" of each copy to dropped. */
  private static TransactionBlock dropCopies(TransactionBlock grouped, List<String> dropped) {
    int[] firstCopy = DropDuplicates.firstCopies(grouped);
    KeptRows kept = new KeptRows(grouped);
    for (int i = 0; firstCopy != null && i < grouped.size(); i++) {
      if (firstCopy[i] >= 0) {
        kept.drop(i);
        dropped.add(grouped.file(i) + "|" + grouped.line(i));
      }
    }
    return kept.build();
  }

  @Test
  public void inAPipelineCopiesAcrossBlocksAreRejectedWithTheirTextLikeAllOthers()
      throws Exception {
    List<String> lines;
    try (GZIPInputStream in =
        new GZIPInputStream(
            new FileInputStream("../run-configs/sample/online_retail_sample.csv.gz"))) {
      lines = new String(in.readAllBytes(), StandardCharsets.UTF_8).lines().toList();
    }
    Path file = tmp.getRoot().toPath().resolve("sample.csv");
    Files.write(file, lines);
    List<String> dropped = new ArrayList<>();
    List<CustomerRecord> expected =
        featuresOf(dropCopies(GroupRowsByCustomer.mergeSorted(cleanedSample(400)), dropped));
    List<String> expectedRejected = new ArrayList<>();
    for (String d : dropped) {
      int line = Integer.parseInt(d.substring(d.indexOf('|') + 1));
      expectedRejected.add(file + "|" + line + "|" + lines.get(line - 1) + "|duplicate_row");
    }

    PCollectionTuple parsed =
        p.apply(ReadTransactionFiles.create().from(List.of(file.toString())).withBlockSize(400))
            .apply(ParseTransactions.create());
    PCollectionTuple summarized =
        parsed
            .get(RowTags.ROWS)
            .apply(ApplyRowRules.create())
            .get(RowTags.ROWS)
            .apply(SummarizeCustomers.create().withShards(SHARDS));

    // Dated as of the day after the last purchase of all.
    long asOfDay =
        expected.stream()
                .mapToLong(c -> c.getLastPurchase().toLocalDate().toEpochDay())
                .max()
                .getAsLong()
            + 1;
    expected.forEach(c -> CustomerFeatures.asOf(c, asOfDay));
    PAssert.that(summarized.get(SummarizeCustomers.CUSTOMERS))
        .containsInAnyOrder(expected.toArray(new CustomerRecord[0]));
    PAssert.that(summarized.get(SummarizeCustomers.AS_OF_DAY)).containsInAnyOrder(asOfDay);
    PAssert.that(summarized.get(RowTags.REJECTED))
        .satisfies(
            blocks -> {
              List<String> actual = new ArrayList<>();
              for (RejectedRecord r : Fixtures.records(blocks)) {
                actual.add(
                    r.getSourceFile()
                        + "|"
                        + r.getLineNumber()
                        + "|"
                        + r.getRawLine()
                        + "|"
                        + r.getReason());
                assertThat(r.getMessage().toString(), startsWith("an exact copy of line "));
              }
              assertThat(actual, containsInAnyOrder(expectedRejected.toArray()));
              return null;
            });
    p.run().waitUntilFinish();
  }
}
