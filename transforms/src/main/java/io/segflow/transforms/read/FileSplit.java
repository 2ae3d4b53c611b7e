// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.io.Serializable;

/**
 * The part of an input file that one worker reads: a whole CSV or Avro file, or a run of whole row
 * groups of a Parquet file, so that one large Parquet file spreads over workers as several files
 * would (a gzip CSV file cannot be split).
 *
 * @param file the file
 * @param firstRecord the 1-based number in the file of the split's first record
 * @param startByte where the split's first row group starts (0 for a whole file)
 * @param endByte where its last row group ends ({@link Long#MAX_VALUE} for a whole file)
 */
public record FileSplit(String file, long firstRecord, long startByte, long endByte)
    implements Serializable {

  public static FileSplit whole(String file) {
    return new FileSplit(file, 1, 0, Long.MAX_VALUE);
  }

  public boolean isWhole() {
    return startByte == 0 && endByte == Long.MAX_VALUE;
  }
}
