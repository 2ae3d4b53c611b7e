// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.output;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the JSON files of an output are written and read: indented by Jackson's default pretty
 * printer, one final line feed; readers ignore fields they do not know, so outputs written by other
 * versions still load.
 */
public final class OutputJson {
  /** The mapper every output JSON file is written with. */
  public static final ObjectMapper MAPPER =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private OutputJson() {}

  /** {@code value} as the bytes of an output JSON file. */
  public static byte[] bytes(Object value) throws IOException {
    return (MAPPER.writeValueAsString(value) + "\n").getBytes(StandardCharsets.UTF_8);
  }

  public static void write(Path file, Object value) throws IOException {
    Files.write(file, bytes(value));
  }

  public static <T> T read(Path file, Class<T> type) throws IOException {
    return MAPPER.readValue(file.toFile(), type);
  }
}
