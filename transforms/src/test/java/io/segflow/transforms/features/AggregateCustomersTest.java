// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.rows.TransactionBlock;
import java.util.HashMap;
import java.util.Map;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableFunction;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;

public class AggregateCustomersTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  private PCollection<TransactionBlock> grouped(Pipeline pipeline) {
    return pipeline
        .apply(
            Create.of(CustomerFixture.fileB(), CustomerFixture.fileA())
                .withCoder(TransactionBlock.Coder.of()))
        .apply(GroupRowsByCustomer.create().withShards(2));
  }

  private static SerializableFunction<Iterable<CustomerRecord>, Void> theFixtureCustomers() {
    return records -> {
      Map<String, CustomerRecord> byId = new HashMap<>();
      for (CustomerRecord c : records) {
        assertThat("one record per customer", byId.put(c.getCustomerId(), c) == null, is(true));
      }
      assertThat(byId.keySet(), is(java.util.Set.of("12347", "12680", "14911")));
      CustomerFixture.assertCustomer12347(byId.get("12347"));
      CustomerFixture.assertCustomer12680(byId.get("12680"));
      CustomerFixture.assertCustomer14911(byId.get("14911"));
      return null;
    };
  }

  @Test
  public void oneRecordPerCustomerWithHandComputedFeatures() {
    PCollection<TransactionBlock> rows = grouped(p);
    PCollectionView<Long> asOf =
        rows.apply(ComputeAsOfDate.create().withFixedDate(CustomerFixture.AS_OF));
    PAssert.that(rows.apply(AggregateCustomers.create().withAsOf(asOf)))
        .satisfies(theFixtureCustomers());
    p.run();
  }

  @Test
  public void theDerivedAsOfDateIsTheDayAfterTheLastInvoice() {
    // The last invoice is on 2011-12-09, so the derived as-of date is the fixture's 2011-12-10.
    PCollection<TransactionBlock> rows = grouped(p);
    PCollectionView<Long> asOf = rows.apply(ComputeAsOfDate.create());
    PAssert.that(rows.apply(AggregateCustomers.create().withAsOf(asOf)))
        .satisfies(theFixtureCustomers());
    p.run();
  }

  @Test
  public void needsAnAsOfDate() {
    assertThrows(IllegalArgumentException.class, () -> AggregateCustomers.create().withAsOf(null));
    Pipeline unrun = Pipeline.create();
    PCollection<TransactionBlock> rows = grouped(unrun);
    assertThrows(IllegalStateException.class, () -> rows.apply(AggregateCustomers.create()));
  }
}
