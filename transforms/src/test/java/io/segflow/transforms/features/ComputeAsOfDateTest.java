// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.features;

import static io.segflow.transforms.Fixtures.HEADER;

import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.TransactionBlock;
import java.time.LocalDate;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.DoFn;
import org.apache.beam.sdk.transforms.ParDo;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;

public class ComputeAsOfDateTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();

  /** Emits the view's value once. */
  static final class ReadViewFn extends DoFn<Integer, Long> {
    private final PCollectionView<Long> view;

    ReadViewFn(PCollectionView<Long> view) {
      this.view = view;
    }

    @ProcessElement
    public void process(ProcessContext c) {
      c.output(c.sideInput(view));
    }
  }

  private PCollection<Long> valueOf(PCollectionView<Long> view) {
    return p.apply("One", Create.of(0))
        .apply("ReadView", ParDo.of(new ReadViewFn(view)).withSideInputs(view));
  }

  private PCollection<TransactionBlock> rows(TransactionBlock... blocks) {
    return p.apply(
        "Rows", Create.of(java.util.List.of(blocks)).withCoder(TransactionBlock.Coder.of()));
  }

  @Test
  public void derivedIsTheDayAfterTheLastInvoiceOverAllBlocks() {
    // Last invoice 2011-12-09 12:55 (in the second block): as of 2011-12-10, epoch day 15,318.
    PCollectionView<Long> asOf =
        rows(CustomerFixture.fileB(), CustomerFixture.fileA()).apply(ComputeAsOfDate.create());
    PAssert.that(valueOf(asOf)).containsInAnyOrder(15_318L);
    p.run();
  }

  @Test
  public void anInvoiceAtMidnightStillGivesTheNextDay() {
    TransactionBlock midnight =
        Fixtures.rows(
            Fixtures.raw(
                "/data/x.csv",
                HEADER,
                2,
                "581587,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-09 00:00:00,4.95,12680,France",
                "581586,22138,BAKING SET 9 PIECE RETROSPOT ,3,2011-12-08 23:59:59,4.95,12680,France"));
    PAssert.that(valueOf(rows(midnight).apply(ComputeAsOfDate.create())))
        .containsInAnyOrder(15_318L);
    p.run();
  }

  @Test
  public void withFixedDateIgnoresTheData() {
    PCollectionView<Long> asOf =
        rows(CustomerFixture.fileA())
            .apply(ComputeAsOfDate.create().withFixedDate(LocalDate.of(2012, 1, 1)));
    PAssert.that(valueOf(asOf)).containsInAnyOrder(15_340L); // 15,309 (2011-12-01) + 31
    p.run();
  }

  @Test
  public void withFixedDateNullDerivesTheDate() {
    PCollectionView<Long> asOf =
        rows(CustomerFixture.fileB())
            .apply(
                ComputeAsOfDate.create()
                    .withFixedDate(LocalDate.of(2012, 1, 1))
                    .withFixedDate(null));
    PAssert.that(valueOf(asOf)).containsInAnyOrder(15_318L);
    p.run();
  }
}
