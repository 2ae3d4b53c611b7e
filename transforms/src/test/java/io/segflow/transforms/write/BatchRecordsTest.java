// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static io.segflow.transforms.write.AvroFiles.customer;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;

import io.segflow.schemas.CustomerRecord;
import java.util.ArrayList;
import java.util.List;
import org.apache.beam.sdk.coders.ListCoder;
import org.apache.beam.sdk.coders.VarIntCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;

public class BatchRecordsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  @Test
  public void everyRecordLandsInExactlyOneListOfAtMostMaxSize() {
    List<Integer> numbers = new ArrayList<>();
    for (int i = 0; i < 1_000; i++) {
      numbers.add(i);
    }
    PCollection<List<Integer>> lists =
        p.apply(Create.of(numbers))
            .apply(BatchRecords.<Integer>create().withMaxSize(64))
            .setCoder(ListCoder.of(VarIntCoder.of()));

    PAssert.that(lists)
        .satisfies(
            all -> {
              List<Integer> seen = new ArrayList<>();
              all.forEach(
                  list -> {
                    assertThat(list.size(), greaterThan(0));
                    assertThat(list.size(), lessThanOrEqualTo(64));
                    seen.addAll(list);
                  });
              assertThat(seen, containsInAnyOrder(numbers.toArray(new Integer[0])));
              return null;
            });
    p.run().waitUntilFinish();
  }

  @Test
  public void emptyInputGivesNoLists() {
    PCollection<List<Integer>> lists =
        p.apply(Create.empty(VarIntCoder.of()))
            .apply(BatchRecords.create())
            .setCoder(ListCoder.of(VarIntCoder.of()));
    PAssert.that(lists).empty();
    p.run().waitUntilFinish();
  }

  @Test(expected = IllegalArgumentException.class)
  public void rejectsANonPositiveMaxSize() {
    BatchRecords.create().withMaxSize(0);
  }

  @Test
  public void avroBytesRoundTripsRecordsInOrder() {
    List<CustomerRecord> records =
        List.of(customer("17850", 5288.63), customer("12346", 0.5), customer("Ωmega-1", 1e12));
    AvroBytes<CustomerRecord> avro = AvroBytes.of(CustomerRecord.class);
    assertThat(avro.decode(avro.encode(records)), equalTo(records));
    assertThat(avro.decode(avro.encode(List.of())), empty());
  }
}
