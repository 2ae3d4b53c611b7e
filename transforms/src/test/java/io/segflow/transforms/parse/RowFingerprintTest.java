// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;

import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.Test;

public class RowFingerprintTest {
  private static String of(String... fields) {
    RowFingerprint f = new RowFingerprint().reset();
    for (String s : fields) {
      f.add(s);
    }
    return f.hi() + "/" + f.lo();
  }

  @Test
  public void aStringAndItsUtf8BytesHashAlike() {
    for (String s :
        List.of(
            "",
            "17850",
            "WHITE HANGING HEART T-LIGHT HOLDER",
            "CAFÉ CRÈME",
            "Ελλάδα",
            "emoji 😀 ok",
            "exactly8",
            "sixteen bytes!!!")) {
      byte[] padded = ("xx" + s + "yy").getBytes(StandardCharsets.UTF_8);
      RowFingerprint bytes = new RowFingerprint().reset().addUtf8(padded, 2, padded.length - 2);
      assertThat(s, bytes.hi() + "/" + bytes.lo(), is(of(s)));
    }
  }

  @Test
  public void fieldBoundariesNullsPaddingAndEveryByteCount() {
    Set<String> seen = new HashSet<>();
    List<List<String>> rows =
        List.of(
            List.of("ab", "c"),
            List.of("a", "bc"),
            List.of("abc", ""),
            List.of("a"),
            List.of("a\0"),
            List.of("a\0\0\0\0\0\0\0"),
            List.of("a\0\0\0\0\0\0\0\0"),
            List.of(""),
            List.of("", ""),
            List.of("12345678", "9"),
            List.of("123456789", ""),
            List.of("123456780"),
            List.of("023456789"));
    for (List<String> r : rows) {
      assertThat(r.toString(), seen.add(of(r.toArray(new String[0]))), is(true));
    }
    String nul = new RowFingerprint().reset().add(null).hi() + "";
    assertThat(nul, not(new RowFingerprint().reset().add("").hi() + ""));
  }
}
