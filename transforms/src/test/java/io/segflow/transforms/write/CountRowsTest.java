// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static io.segflow.transforms.write.AvroFiles.customer;
import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;

import io.segflow.schemas.CustomerRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RawBlock;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.LocalDate;
import org.apache.beam.sdk.extensions.avro.coders.AvroCoder;
import org.apache.beam.sdk.testing.PAssert;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.Flatten;
import org.apache.beam.sdk.transforms.View;
import org.apache.beam.sdk.values.PCollection;
import org.apache.beam.sdk.values.PCollectionList;
import org.apache.beam.sdk.values.PCollectionView;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class CountRowsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final String ROW =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";

  @Test
  public void countsRowsReadUsedRejectedByReasonCustomersAndTheAsOfDay() throws IOException {
    RawBlock read1 = Fixtures.raw("/data/a.csv", ROW, ROW, ROW);
    RawBlock read2 = Fixtures.raw("/data/b.csv", ROW, ROW);
    TransactionBlock used1 = Fixtures.rows("/data/a.csv", ROW, ROW);
    TransactionBlock used2 = Fixtures.rows("/data/b.csv", ROW);
    RejectedBlock rejected1 =
        new RejectedBlock.Builder()
            .add("/data/a.csv", 4, ROW, RejectReason.BAD_QUANTITY, "q")
            .add("/data/b.csv", 7, "", RejectReason.BLANK_LINE, "empty line")
            .build();
    RejectedBlock rejected2 =
        new RejectedBlock.Builder()
            .add("/data/b.csv", 3, ROW, RejectReason.BAD_QUANTITY, "q")
            .build();
    PCollectionView<Long> asOf =
        p.apply("AsOf", Create.of(LocalDate.of(2011, 12, 10).toEpochDay()))
            .apply(View.asSingleton());
    PCollection<CustomerRecord> customers =
        p.apply(
            "Customers",
            Create.of(customer("12347", 1), customer("12680", 2), customer("14911", 3))
                .withCoder(AvroCoder.specific(CustomerRecord.class)));
    String countsFile = new File(tmp.getRoot(), "counts.tsv").getPath();
    PCollection<String> written =
        PCollectionList.of(
                CountRows.read(
                    p.apply("Read", Create.of(read1, read2).withCoder(RawBlock.Coder.of()))))
            .and(
                CountRows.used(
                    p.apply(
                        "Used", Create.of(used1, used2).withCoder(TransactionBlock.Coder.of()))))
            .and(
                CountRows.rejected(
                    p.apply(
                        "Rejected",
                        Create.of(rejected1, rejected2).withCoder(RejectedBlock.Coder.of()))))
            .and(CountRows.customers(customers))
            .and(CountRows.asOf(p, asOf))
            .apply(Flatten.pCollections())
            .apply(CountRows.writeTotals(countsFile));
    PAssert.that(written).containsInAnyOrder(countsFile);
    p.run();
    assertThat(
        Files.readString(new File(countsFile).toPath(), StandardCharsets.UTF_8),
        is(
            """
            as_of_epoch_day\t15318
            customers\t3
            rejected.bad_quantity\t2
            rejected.blank_line\t1
            rows_read\t5
            rows_used\t3
            """));
  }
}
