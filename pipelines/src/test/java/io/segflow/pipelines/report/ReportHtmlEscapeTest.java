// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.report;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import org.junit.Test;

/** Escaping of data strings in the report. */
public class ReportHtmlEscapeTest {
  @Test
  public void escapesMarkupAndQuotes() {
    assertThat(
        Html.esc("<script>alert(1)</script> \"a\" 'b' & c"),
        equalTo("&lt;script&gt;alert(1)&lt;/script&gt; &quot;a&quot; &#39;b&#39; &amp; c"));
    assertThat(Html.esc(null), equalTo(""));
    assertThat(Html.esc("Café – ok"), equalTo("Café – ok"));
  }

  @Test
  public void embeddedJsonCannotCloseItsScript() {
    String json = Html.scriptJson("{\"name\":\"</script><script>alert(1)</script> & <!--\"}");
    assertThat(json, not(containsString("<")));
    assertThat(json, not(containsString(">")));
    assertThat(json, not(containsString("&")));
    assertThat(json, containsString("\\u003c/script\\u003e"));
  }

  @Test
  public void numbersUseTheRootLocale() {
    assertThat(Html.num(12345.678, 1), equalTo("12,345.7"));
    assertThat(Html.num(Double.NaN, 1), equalTo("–"));
  }
}
