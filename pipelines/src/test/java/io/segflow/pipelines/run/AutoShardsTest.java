// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.run;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.segflow.transforms.read.RecordFormat;
import java.util.List;
import org.junit.Test;

/** How many shards a run picks from the size of its inputs. */
public class AutoShardsTest {
  private static InputInspector.InputFile file(long bytes, boolean gzip) {
    return new InputInspector.InputFile("/data/f" + bytes, bytes, gzip, List.of("InvoiceNo"));
  }

  @Test
  public void smallInputsWriteOnePartFile() {
    // the full Online Retail file: 7 MB of gzip (~45 MB of text)
    assertThat(SegflowRun.autoOutputShards(List.of(file(7_000_000, true))), equalTo(1));
  }

  @Test
  public void largeInputsWriteOnePartPer256Megabytes() {
    // 100M generated rows: eight files of ~1.05 GB
    List<InputInspector.InputFile> files =
        java.util.Collections.nCopies(8, file(1_050_000_000L, false));
    assertThat(SegflowRun.autoOutputShards(files), equalTo(32));
  }

  @Test
  public void compressedInputsAreCountedAtTheirGuessedTextSize() {
    assertThat(SegflowRun.autoOutputShards(List.of(file(100L << 20, true))), equalTo(4));
    assertThat(SegflowRun.autoCustomerShards(List.of(file(100L << 20, true))), equalTo(13));
  }

  @Test
  public void parquetGetsTheShardsOfTheSameRowsAsGzipCsv() {
    // the Online Retail file ten times over: 98.9 MB of gzip CSV, 40.0 MB of DuckDB's Parquet
    List<InputInspector.InputFile> gzip = List.of(file(98_856_663L, true));
    List<InputInspector.InputFile> parquet =
        List.of(
            new InputInspector.InputFile(
                "/data/x10.parquet",
                39_955_900L,
                false,
                List.of("InvoiceNo"),
                RecordFormat.PARQUET));
    assertThat(SegflowRun.autoOutputShards(gzip), equalTo(3));
    assertThat(SegflowRun.autoOutputShards(parquet), equalTo(3));
    assertThat(SegflowRun.autoCustomerShards(gzip), equalTo(12));
    assertThat(SegflowRun.autoCustomerShards(parquet), equalTo(12));
  }
}
