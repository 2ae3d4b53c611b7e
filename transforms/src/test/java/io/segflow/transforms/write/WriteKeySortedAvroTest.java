// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.is;

import io.segflow.schemas.CustomerRecord;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteKeySortedAvroTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  /** Enough customers for several runs per part, in an order that is not the id order. */
  private static List<CustomerRecord> customers() {
    List<CustomerRecord> out = new ArrayList<>();
    for (int k = 0; k < 3_000; k++) {
      out.add(AvroFiles.customer(String.valueOf((k * 7_919L) % 100_003), 10.25 + k % 97));
    }
    return out;
  }

  @Test
  public void mergedRunsGiveTheBytesOfTheGeneralSortedWriter() throws IOException {
    File merged = new File(tmp.getRoot(), "merged");
    File general = new File(tmp.getRoot(), "general");
    PCollection<CustomerRecord> input =
        p.apply(Create.of(customers()).withCoder(AvroCoder.specific(CustomerRecord.class)));
    input.apply(
        "ByRuns",
        WriteKeySortedAvro.of(CustomerRecord.class, CustomerRecord::getCustomerId)
            .to(merged.getPath())
            .withShards(3)
            .withRunSize(250));
    input.apply(
        "General",
        SegflowOutputs.sortedRecords(
            CustomerRecord.class,
            general.getPath(),
            3,
            c -> c.getCustomerId().hashCode(),
            (a, b) -> a.getCustomerId().compareTo(b.getCustomerId())));
    p.run();

    List<String> names = AvroFiles.names(general);
    assertThat(names.size(), is(3));
    assertThat(AvroFiles.names(merged), is(names));
    int records = 0;
    for (String name : names) {
      assertThat(
          name,
          Files.readAllBytes(new File(merged, name).toPath()),
          is(Files.readAllBytes(new File(general, name).toPath())));
      records += AvroFiles.read(new File(merged, name), CustomerRecord.class).size();
    }
    assertThat(records, is(customers().size()));
    assertThat(records, greaterThan(3 * 250)); // so each part merged several runs
  }
}
