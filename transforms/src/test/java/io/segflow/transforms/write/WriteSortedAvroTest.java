// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.rows.RejectedBlock;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import org.apache.beam.sdk.Pipeline;
import org.apache.beam.sdk.transforms.Create;
import org.apache.beam.sdk.values.PCollection;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class WriteSortedAvroTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final List<RejectedRecord> RECORDS =
      List.of(
          new RejectedRecord("/data/b.csv", 2L, "", "blank_line", "empty line"),
          new RejectedRecord(
              "/data/a.csv",
              9L,
              "C536379,D,Discount,-1,2010-12-01 09:41:00,27.5,14527," + "United Kingdom",
              "cancellation",
              "InvoiceNo C536379 is a cancellation"));

  private static byte[] bytes(List<RejectedRecord> records, String name) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    WriteSortedAvro.write(RejectedRecord.getClassSchema(), records, out, name);
    return out.toByteArray();
  }

  @Test
  public void partNamesCountFromZeroWithFiveDigits() {
    assertThat(WriteSortedAvro.partName(0, 3), is("part-00000-of-00003.avro"));
    assertThat(WriteSortedAvro.partName(41, 100), is("part-00041-of-00100.avro"));
  }

  @Test
  public void writeGivesAReadableFileInTheOrderGiven() throws IOException {
    File f = tmp.newFile("part-00000-of-00001.avro");
    Files.write(f.toPath(), bytes(RECORDS, f.getName()));
    assertThat(AvroFiles.read(f, RejectedRecord.class), is(RECORDS));
  }

  @Test
  public void anEmptyListGivesAValidEmptyFile() throws IOException {
    File f = tmp.newFile("part-00001-of-00002.avro");
    Files.write(f.toPath(), bytes(List.of(), f.getName()));
    assertThat(AvroFiles.read(f, RejectedRecord.class), is(List.of()));
  }

  @Test
  public void theSameRecordsAndNameGiveTheSameBytes() throws IOException {
    assertThat(
        bytes(RECORDS, "part-00000-of-00001.avro"),
        is(bytes(List.copyOf(RECORDS), "part-00000-of-00001.avro")));
    // The sync marker comes from the name: another file name, other bytes.
    assertThat(
        bytes(RECORDS, "part-00000-of-00001.avro"),
        is(not(bytes(RECORDS, "part-00000-of-00002.avro"))));
  }

  /** Rejected rows in one part, by line number, with no directory yet. */
  private static WriteSortedAvro<RejectedBlock, RejectedRecord> byLine() {
    return WriteSortedAvro.of(
        RejectedRecord.class,
        RejectedBlock.Coder.of(),
        RejectedBlock::records,
        RejectedBlock::of,
        r -> 0,
        (a, b) -> Long.compare(a.getLineNumber(), b.getLineNumber()));
  }

  @Test
  public void withShardsMustBePositive() {
    WriteSortedAvro<RejectedBlock, RejectedRecord> w = byLine();
    assertThrows(IllegalArgumentException.class, () -> w.withShards(0));
    assertThrows(IllegalArgumentException.class, () -> w.withShards(-1));
  }

  @Test
  public void needsADirectory() {
    WriteSortedAvro<RejectedBlock, RejectedRecord> noDirectory = byLine();
    PCollection<RejectedBlock> in =
        Pipeline.create()
            .apply(Create.of(RejectedBlock.of(RECORDS)).withCoder(RejectedBlock.Coder.of()));
    assertThrows(IllegalStateException.class, () -> in.apply(noDirectory));
  }
}
