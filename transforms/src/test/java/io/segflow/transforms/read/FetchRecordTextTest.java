// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.containsString;
import static org.junit.Assert.assertThrows;

import io.segflow.schemas.RejectedRecord;
import io.segflow.transforms.Fixtures;
import io.segflow.transforms.rows.RejectReason;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.zip.GZIPOutputStream;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class FetchRecordTextTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private static final String HEART =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom";
  // A quoted description with a line break: one record on two physical lines (3 and 4).
  private static final String TWO_LINES =
      "536365,71053,\"WHITE METAL\nLANTERN\",6,2010-12-01 08:26:00,3.39,17850,United Kingdom";
  // A quote inside an unquoted field is text, not the start of a quoted field.
  private static final String STRAY_QUOTE =
      "536365,22752,SET 7 BABUSHKA \"NESTING BOXES,2,2010-12-01 08:26:00,7.65,17850,United Kingdom";
  private static final String CREAM =
      "536365,84406B,CREAM CUPID HEARTS COAT HANGER,8,2010-12-01 08:26:00,2.75,17850,United Kingdom";

  private static SortedMap<Long, String> wanted(long... lines) {
    TreeMap<Long, String> m = new TreeMap<>();
    for (long l : lines) {
      m.put(l, "message " + l);
    }
    return m;
  }

  private static List<String> found(Path file, SortedMap<Long, String> wanted) throws IOException {
    return FetchRecordText.reread(
            file.toString(), StandardCharsets.UTF_8, wanted, RejectReason.DUPLICATE_ROW)
        .records()
        .stream()
        .map(r -> r.getLineNumber() + "|" + r.getRawLine() + "|" + r.getMessage())
        .toList();
  }

  @Test
  public void readsTheWantedRecordsByTheLineTheyStartOn() throws IOException {
    String text = String.join("\n", Fixtures.HEADER, HEART, TWO_LINES, STRAY_QUOTE, CREAM) + "\n";
    Path plain = tmp.getRoot().toPath().resolve("in.csv");
    Files.writeString(plain, text);
    Path gz = tmp.getRoot().toPath().resolve("in.csv.gz");
    try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(gz))) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
    for (Path file : List.of(plain, gz)) {
      assertThat(
          found(file, wanted(3, 5, 6)),
          contains(
              "3|" + TWO_LINES + "|message 3",
              "5|" + STRAY_QUOTE + "|message 5",
              "6|" + CREAM + "|message 6"));
      assertThat(found(file, wanted(6)), contains("6|" + CREAM + "|message 6"));
    }
    // Windows line ends: the text stops before the \r, as the reader cuts it.
    Path crlf = tmp.getRoot().toPath().resolve("crlf.csv");
    Files.writeString(crlf, text.replace("\n", "\r\n"));
    assertThat(
        found(crlf, wanted(3, 6)),
        contains(
            "3|" + TWO_LINES.replace("\n", "\r\n") + "|message 3", "6|" + CREAM + "|message 6"));
    List<RejectedRecord> records =
        FetchRecordText.reread(
                plain.toString(), StandardCharsets.UTF_8, wanted(2), RejectReason.DUPLICATE_ROW)
            .records();
    assertThat(records.get(0).getSourceFile().toString(), containsString("in.csv"));
    assertThat(records.get(0).getReason().toString(), containsString("duplicate_row"));
  }

  @Test
  public void aFileThatNoLongerHasAWantedLineIsAnErrorNamingIt() throws IOException {
    Path file = tmp.getRoot().toPath().resolve("short.csv");
    Files.writeString(file, Fixtures.HEADER + "\n" + HEART + "\n");
    IOException e = assertThrows(IOException.class, () -> found(file, wanted(2, 9)));
    assertThat(
        e.getMessage(),
        containsString(
            "input file " + file + " changed while Segflow read it: no record starts on line 9"));
  }
}
