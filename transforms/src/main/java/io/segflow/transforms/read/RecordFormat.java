// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import java.util.Locale;

/** How an input file is encoded: CSV text, or records of a Parquet or Avro file. */
public enum RecordFormat {
  CSV,
  PARQUET,
  AVRO;

  /**
   * The format of {@code path}: {@code configured} when it names one ({@code csv}, {@code parquet},
   * {@code avro}), otherwise (null, blank or {@code auto}) decided by the extension: {@code
   * .parquet}, {@code .avro}, anything else is CSV.
   *
   * @throws IllegalArgumentException for a configured value that is none of these
   */
  public static RecordFormat of(String configured, String path) {
    if (configured != null && !configured.isBlank() && !configured.equalsIgnoreCase("auto")) {
      return switch (configured.strip().toLowerCase(Locale.ROOT)) {
        case "csv" -> CSV;
        case "parquet" -> PARQUET;
        case "avro" -> AVRO;
        default ->
            throw new IllegalArgumentException(
                "input format '" + configured + "' is not one of auto, csv, parquet, avro");
      };
    }
    String name = path.toLowerCase(Locale.ROOT);
    if (name.endsWith(".parquet")) {
      return PARQUET;
    }
    if (name.endsWith(".avro")) {
      return AVRO;
    }
    return CSV;
  }

  /** Whether the file holds typed records rather than text. */
  public boolean isRecords() {
    return this != CSV;
  }

  public String key() {
    return name().toLowerCase(Locale.ROOT);
  }
}
