// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static io.segflow.transforms.write.AvroFiles.customer;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;

import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.rows.RejectedBlock;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class SegflowOutputsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static List<CustomerRecord> customers() {
    List<CustomerRecord> out = new ArrayList<>();
    for (int k = 0; k < 25; k++) {
      out.add(customer(String.valueOf(12346 + 37 * k), 100.5 + k));
    }
    out.add(customer("9999", 3.0)); // sorts after "18234" as text
    return out;
  }

  private PCollection<CustomerRecord> create(String name, List<CustomerRecord> records) {
    return p.apply(name, Create.of(records).withCoder(AvroCoder.specific(CustomerRecord.class)));
  }

  private static List<CustomerRecord> readAll(File dir, int shards) throws IOException {
    List<CustomerRecord> all = new ArrayList<>();
    for (String name : AvroFiles.names(dir)) {
      assertThat(
          name, matchesPattern("part-0000[0-" + (shards - 1) + "]-of-0000" + shards + "\\.avro"));
      List<CustomerRecord> part = AvroFiles.read(new File(dir, name), CustomerRecord.class);
      for (int i = 1; i < part.size(); i++) {
        assertThat(
            "sorted by id in " + name,
            part.get(i - 1).getCustomerId().compareTo(part.get(i).getCustomerId()),
            lessThan(0));
      }
      all.addAll(part);
    }
    return all;
  }

  @Test
  public void customersGoToSortedPartFilesThatAvroCanRead() throws IOException {
    File dir = new File(tmp.getRoot(), "customers");
    String dirPath = dir.getPath();
    PCollection<String> written =
        create("Customers", customers()).apply(SegflowOutputs.customers(dirPath, 3));
    PAssert.that(written)
        .satisfies(
            paths -> {
              List<String> list = new ArrayList<>();
              paths.forEach(list::add);
              assertThat(list, everyItem(matchesPattern(".*/part-0000[0-2]-of-00003\\.avro")));
              assertThat(list.size(), is(new java.util.HashSet<>(list).size()));
              return null;
            });
    p.run();
    List<CustomerRecord> all = readAll(dir, 3);
    assertThat(all, containsInAnyOrder(customers().toArray()));
  }

  @Test
  public void oneShardHoldsEveryCustomerInIdOrder() throws IOException {
    File dir = new File(tmp.getRoot(), "one");
    List<CustomerRecord> shuffled = new ArrayList<>(customers());
    Collections.shuffle(shuffled, new java.util.Random(7));
    PCollection<String> written =
        create("Customers", shuffled).apply(SegflowOutputs.customers(dir.getPath(), 1));
    PAssert.that(written)
        .satisfies(
            paths -> {
              List<String> list = new ArrayList<>();
              paths.forEach(list::add);
              assertThat(list.size(), is(1));
              assertThat(list.get(0), endsWith("/part-00000-of-00001.avro"));
              return null;
            });
    p.run();
    assertThat(AvroFiles.names(dir), is(List.of("part-00000-of-00001.avro")));
    List<String> ids = new ArrayList<>();
    for (CustomerRecord c :
        AvroFiles.read(new File(dir, "part-00000-of-00001.avro"), CustomerRecord.class)) {
      ids.add(c.getCustomerId());
    }
    List<String> expected = new ArrayList<>();
    for (CustomerRecord c : customers()) {
      expected.add(c.getCustomerId());
    }
    Collections.sort(expected);
    assertThat(ids, is(expected));
    assertThat(ids.get(ids.size() - 1), is("9999"));
  }

  @Test
  public void theSameCustomersInAnotherOrderGiveByteIdenticalFiles() throws IOException {
    File first = new File(tmp.getRoot(), "first");
    File second = new File(tmp.getRoot(), "second");
    List<CustomerRecord> reversed = new ArrayList<>(customers());
    Collections.reverse(reversed);
    create("InOrder", customers())
        .apply("WriteFirst", SegflowOutputs.customers(first.getPath(), 4));
    create("Reversed", reversed)
        .apply("WriteSecond", SegflowOutputs.customers(second.getPath(), 4));
    p.run();
    assertThat(AvroFiles.names(first).isEmpty(), is(false));
    assertThat(AvroFiles.names(second), is(AvroFiles.names(first)));
    for (String name : AvroFiles.names(first)) {
      assertThat(
          name,
          Files.readAllBytes(new File(second, name).toPath()),
          is(Files.readAllBytes(new File(first, name).toPath())));
    }
  }

  @Test
  public void rejectedRowsGoToPartFilesSortedByFileAndLine() throws IOException {
    File dir = new File(tmp.getRoot(), "rejected");
    RejectedBlock one =
        new RejectedBlock.Builder()
            .add(
                "/data/b.csv",
                10,
                "",
                io.segflow.transforms.rows.RejectReason.BLANK_LINE,
                "empty line")
            .add(
                "/data/a.csv",
                100,
                "x",
                io.segflow.transforms.rows.RejectReason.MALFORMED_ROW,
                "expected 8 fields as in the header, found 1")
            .build();
    RejectedBlock two =
        new RejectedBlock.Builder()
            .add(
                "/data/a.csv",
                9,
                "536365,85123A,…,NaN",
                io.segflow.transforms.rows.RejectReason.BAD_QUANTITY,
                "Quantity 'NaN' is not a whole number in range")
            .add(
                "/data/b.csv",
                2,
                "",
                io.segflow.transforms.rows.RejectReason.BLANK_LINE,
                "empty line")
            .build();
    p.apply(Create.of(one, two).withCoder(RejectedBlock.Coder.of()))
        .apply(SegflowOutputs.rejected(dir.getPath(), 1));
    p.run();
    List<String> order = new ArrayList<>();
    for (RejectedRecord r :
        AvroFiles.read(new File(dir, "part-00000-of-00001.avro"), RejectedRecord.class)) {
      order.add(r.getSourceFile() + ":" + r.getLineNumber() + ":" + r.getReason());
    }
    assertThat(
        order,
        is(
            List.of(
                "/data/a.csv:9:bad_quantity",
                "/data/a.csv:100:malformed_row",
                "/data/b.csv:2:blank_line",
                "/data/b.csv:10:blank_line")));
  }

  @Test
  public void rejectedRowsSpreadOverShardsLoseNothing() throws IOException {
    File dir = new File(tmp.getRoot(), "rejected3");
    RejectedBlock.Builder b = new RejectedBlock.Builder();
    List<String> expected = new ArrayList<>();
    for (int k = 0; k < 40; k++) {
      String file = "/data/part" + (k % 4) + ".csv";
      long line = 2 + 70_000L * k; // far apart, so that several shards get rows
      b.add(file, line, "", io.segflow.transforms.rows.RejectReason.BLANK_LINE, "empty line");
      expected.add(file + ":" + line);
    }
    p.apply(Create.of(b.build()).withCoder(RejectedBlock.Coder.of()))
        .apply(SegflowOutputs.rejected(dir.getPath(), 3));
    p.run();
    List<String> all = new ArrayList<>();
    for (String name : AvroFiles.names(dir)) {
      assertThat(name, matchesPattern("part-0000[0-2]-of-00003\\.avro"));
      List<RejectedRecord> part = AvroFiles.read(new File(dir, name), RejectedRecord.class);
      for (int i = 1; i < part.size(); i++) {
        RejectedRecord x = part.get(i - 1);
        RejectedRecord y = part.get(i);
        int c = x.getSourceFile().compareTo(y.getSourceFile());
        assertThat(
            "sorted in " + name,
            c < 0 || (c == 0 && x.getLineNumber() < y.getLineNumber()),
            is(true));
      }
      for (RejectedRecord r : part) {
        all.add(r.getSourceFile() + ":" + r.getLineNumber());
      }
    }
    assertThat(all, containsInAnyOrder(expected.toArray()));
  }
}
