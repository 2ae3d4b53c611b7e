// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.rows.RejectReason;
import io.segflow.transforms.rows.RejectedBlock;
import io.segflow.transforms.rows.TransactionBlock;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.apache.beam.sdk.testing.TestPipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.transforms.SerializableComparator;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteRejectedRowsTest {
  @Rule public final transient TestPipeline p = TestPipeline.create();
  @Rule public final transient TemporaryFolder tmp = new TemporaryFolder();

  private static final Comparator<RejectedRecord> FILE_THEN_LINE =
      Comparator.comparing(RejectedRecord::getSourceFile)
          .thenComparingLong(RejectedRecord::getLineNumber);

  /**
   * Rejected rows as the row stages make them: raw text copied as bytes from parsed rows (one of
   * them not valid UTF-8, as a mis-declared Latin-1 file gives), non-ASCII text, file names that
   * sort differently as bytes and as strings, lines far apart so that parts get several files.
   */
  private static List<RejectedBlock> blocks() {
    byte[] latin1 =
        "581492,23144,5,2011-12-09 10:03:00,0.83,,Caf\u00e9".getBytes(StandardCharsets.ISO_8859_1);
    TransactionBlock parsed =
        TransactionBlock.builder()
            .addUtf8(
                "/data/\uff41.csv",
                7,
                latin1,
                0,
                latin1.length,
                0,
                6,
                7,
                12,
                5,
                0,
                0.83,
                -1,
                -1,
                -1,
                -1,
                1,
                2)
            .addUtf8(
                "/data/\uD83D\uDE00.csv",
                70_001,
                latin1,
                0,
                20,
                0,
                6,
                7,
                12,
                5,
                0,
                0.83,
                -1,
                -1,
                -1,
                -1,
                3,
                4)
            .build();
    RejectedBlock.Builder fromRows = new RejectedBlock.Builder();
    fromRows.addRow(parsed, 0, RejectReason.MISSING_CUSTOMER_ID, "CustomerID is empty");
    fromRows.addRow(parsed, 1, RejectReason.MISSING_CUSTOMER_ID, "CustomerID is empty");
    List<RejectedBlock> out = new ArrayList<>();
    out.add(fromRows.build());
    for (int k = 0; k < 6; k++) {
      RejectedBlock.Builder b = new RejectedBlock.Builder();
      for (int i = 0; i < 50; i++) {
        String file = "/data/part" + ((k + i) % 3) + (i % 7 == 0 ? "\u00e9" : "") + ".csv";
        long line = 2 + 90_000L * i + 13L * k;
        b.add(
            file,
            line,
            i % 5 == 0 ? "" : "536365,85123A,WHITE HANGING HEART \u2665," + i,
            i % 2 == 0 ? RejectReason.CANCELLATION : RejectReason.DUPLICATE_ROW,
            "row " + i + " of block " + k);
      }
      out.add(b.build());
    }
    return out;
  }

  private void writeBoth(String name, int shards) {
    List<RejectedBlock> blocks = blocks();
    PCollection<RejectedBlock> in =
        p.apply(name, Create.of(blocks).withCoder(RejectedBlock.Coder.of()));
    in.apply(
        "general " + name,
        WriteSortedAvro.of(
                RejectedRecord.class,
                RejectedBlock.Coder.of(),
                RejectedBlock::records,
                RejectedBlock::of,
                r -> 31 * r.getSourceFile().hashCode() + Long.hashCode(r.getLineNumber() >>> 16),
                (SerializableComparator<RejectedRecord>) (a, b) -> FILE_THEN_LINE.compare(a, b))
            .to(new File(tmp.getRoot(), "general-" + name).getPath())
            .withShards(shards));
    in.apply(
        "rows " + name,
        WriteRejectedRows.create()
            .to(new File(tmp.getRoot(), "rows-" + name).getPath())
            .withShards(shards));
  }

  @Test
  public void writesTheBytesOfTheGeneralWriterInOneAndInSeveralParts() throws IOException {
    writeBoth("one", 1);
    writeBoth("three", 3);
    p.run().waitUntilFinish();
    for (String name : List.of("one", "three")) {
      File general = new File(tmp.getRoot(), "general-" + name);
      File rows = new File(tmp.getRoot(), "rows-" + name);
      assertThat(AvroFiles.names(rows), is(AvroFiles.names(general)));
      int total = 0;
      for (String part : AvroFiles.names(general)) {
        assertThat(
            name + "/" + part,
            Files.readAllBytes(new File(rows, part).toPath()),
            is(Files.readAllBytes(new File(general, part).toPath())));
        total += AvroFiles.read(new File(rows, part), RejectedRecord.class).size();
      }
      assertThat(total, is(2 + 6 * 50));
    }
    assertThat(AvroFiles.names(new File(tmp.getRoot(), "rows-three")).size(), is(3));
  }

  @Test
  public void invalidUtf8IsWrittenAsItsDecodedString() throws IOException {
    p.apply(Create.of(blocks().get(0)).withCoder(RejectedBlock.Coder.of()))
        .apply(WriteRejectedRows.create().to(tmp.getRoot().getPath()));
    p.run().waitUntilFinish();
    List<RejectedRecord> read =
        AvroFiles.read(new File(tmp.getRoot(), "part-00000-of-00001.avro"), RejectedRecord.class);
    RejectedRecord latin1 = read.get(1); // "/data/\uff41.csv" sorts after the emoji as a String
    assertThat(latin1.getLineNumber(), is(7L));
    assertThat(latin1.getRawLine(), is(blocks().get(0).records().get(0).getRawLine()));
    assertThat(latin1.getRawLine().endsWith("Caf\ufffd"), is(true));
  }

  @Test
  public void needsADirectoryAndPositiveShards() {
    assertThrows(IllegalArgumentException.class, () -> WriteRejectedRows.create().withShards(0));
    PCollection<RejectedBlock> in =
        TestPipeline.create().apply(Create.of(blocks().get(0)).withCoder(RejectedBlock.Coder.of()));
    assertThrows(IllegalStateException.class, () -> in.apply(WriteRejectedRows.create()));
  }
}
