// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.write;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import org.junit.Test;

public class SpreadsheetSafeTest {
  @Test
  public void formulaTriggersGetALeadingApostrophe() {
    for (String dangerous :
        new String[] {"=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\t=1", "\r=1"}) {
      assertThat(dangerous, SpreadsheetSafe.cell(dangerous), equalTo("'" + dangerous));
    }
  }

  @Test
  public void ordinaryTextIsLeftAlone() {
    assertThat(SpreadsheetSafe.cell("High-value loyal"), equalTo("High-value loyal"));
    assertThat(SpreadsheetSafe.cell("United Kingdom"), equalTo("United Kingdom"));
    assertThat(SpreadsheetSafe.cell("a=b"), equalTo("a=b"));
    assertThat(SpreadsheetSafe.cell(""), equalTo(""));
    assertThat(SpreadsheetSafe.cell(null), nullValue());
  }

  @Test
  public void csvFieldsAreNeutralisedAndQuoted() {
    assertThat(SpreadsheetSafe.csvField("=1,2"), equalTo("\"'=1,2\""));
    assertThat(SpreadsheetSafe.csvField("say \"hi\""), equalTo("\"say \"\"hi\"\"\""));
    assertThat(SpreadsheetSafe.csvField("two\nlines"), equalTo("\"two\nlines\""));
    assertThat(SpreadsheetSafe.csvField("plain"), equalTo("plain"));
    assertThat(SpreadsheetSafe.csvField(null), equalTo(""));
  }
}
