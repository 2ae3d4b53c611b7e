// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.parse;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;

import java.util.ArrayList;
import java.util.List;
import org.junit.Test;

public class CsvFieldsTest {
  @Test
  public void splitsAPlainRecord() {
    assertThat(
        CsvFields.split(
            "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,"
                + "2010-12-01 08:26:00,2.55,17850,United Kingdom"),
        contains(
            "536365",
            "85123A",
            "WHITE HANGING HEART T-LIGHT HOLDER",
            "6",
            "2010-12-01 08:26:00",
            "2.55",
            "17850",
            "United Kingdom"));
  }

  @Test
  public void aQuotedFieldKeepsItsCommasAndLosesItsQuotes() {
    assertThat(
        CsvFields.split("536381,82567,\"AIRLINE LOUNGE,METAL SIGN\",2"),
        contains("536381", "82567", "AIRLINE LOUNGE,METAL SIGN", "2"));
  }

  @Test
  public void doubledQuotesInsideQuotesAreOneQuote() {
    assertThat(
        CsvFields.split("536477,22041,\"RECORD FRAME 7\"\" SINGLE SIZE \",48"),
        contains("536477", "22041", "RECORD FRAME 7\" SINGLE SIZE ", "48"));
    assertThat(
        CsvFields.split("\"CHARLIE+LOLA\"\"EXTREMELY BUSY\"\" SIGN\",6"),
        contains("CHARLIE+LOLA\"EXTREMELY BUSY\" SIGN", "6"));
    assertThat(CsvFields.split("\"\"\"\""), contains("\""));
  }

  @Test
  public void aQuotedFieldMayHoldLineBreaks() {
    assertThat(CsvFields.split("1,\"two\r\nlines\",x"), contains("1", "two\r\nlines", "x"));
  }

  @Test
  public void emptyFieldsAreKept() {
    assertThat(CsvFields.split(""), contains(""));
    assertThat(CsvFields.split(","), contains("", ""));
    assertThat(
        CsvFields.split("536414,22139,,56,2010-12-01 11:52:00,0.0,,United Kingdom"),
        contains("536414", "22139", "", "56", "2010-12-01 11:52:00", "0.0", "", "United Kingdom"));
    assertThat(CsvFields.split("a,\"\","), contains("a", "", ""));
  }

  @Test
  public void aQuoteInsideAnUnquotedFieldIsAnOrdinaryCharacter() {
    assertThat(CsvFields.split("22041,12\" RULER,2"), contains("22041", "12\" RULER", "2"));
  }

  @Test
  public void textAfterAClosingQuoteStaysInTheField() {
    assertThat(CsvFields.split("\"ab\"cd,e"), contains("abcd", "e"));
  }

  @Test
  public void clearsTheOutputListFirst() {
    List<String> out = new ArrayList<>(List.of("stale", "values", "here"));
    CsvFields.split("a,b", out);
    assertThat(out, contains("a", "b"));
  }
}
