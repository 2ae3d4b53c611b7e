// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.transforms.read;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.Assert.assertThrows;

import io.segflow.transforms.parse.CsvFields;
import java.util.Arrays;
import java.util.List;
import org.junit.Test;

/**
 * The reader's settings and the CSV rendering of rows; reading from a real server is tested in the
 * pipelines module (JdbcInputRunTest), against PostgreSQL.
 */
public class ReadTransactionTableTest {
  @Test
  public void aTableNameIsAPlainIdentifierAndAQueryIsWrappedAsTheSource() {
    assertThat(
        ReadTransactionTable.create().fromTable("shop.sales").sourceSql(),
        equalTo("SELECT * FROM shop.sales"));
    assertThat(
        ReadTransactionTable.create().fromTable("shop.sales").sourceName(), equalTo("shop.sales"));
    ReadTransactionTable q = ReadTransactionTable.create().fromQuery(" SELECT a FROM b ;\n");
    assertThat(q.sourceSql(), equalTo("SELECT a FROM b"));
    assertThat(q.sourceName(), equalTo("query"));
    for (String bad : List.of("sales; DROP TABLE x", "\"Sales\"", "a.b.c", "")) {
      IllegalArgumentException e =
          assertThrows(
              IllegalArgumentException.class, () -> ReadTransactionTable.create().fromTable(bad));
      assertThat(e.getMessage(), containsString("give a query instead"));
    }
    assertThrows(
        IllegalArgumentException.class, () -> ReadTransactionTable.create().fromQuery(" ; "));
  }

  @Test
  public void settingsAreChecked() {
    assertThrows(
        IllegalArgumentException.class, () -> ReadTransactionTable.create().withFetchSize(0));
    assertThrows(
        IllegalArgumentException.class, () -> ReadTransactionTable.create().withBlockSize(0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadTransactionTable.create().withPartitions("id", 0));
    assertThrows(
        IllegalArgumentException.class,
        () -> ReadTransactionTable.create().withPartitions("t.id", 4));
    assertThrows(IllegalStateException.class, () -> ReadTransactionTable.create().sourceSql());
  }

  @Test
  public void rowsAreRenderedAsCsvRecordsThatSplitBackIntoTheSameValues() {
    String[] row = {
      "536365", null, "HAND WARMER, \"UNION\" JACK", "multi\nline", " spaced ", "", "a\rb"
    };
    String line = CsvLine.join(row);
    assertThat(
        line,
        equalTo(
            "536365,,\"HAND WARMER, \"\"UNION\"\" JACK\",\"multi\nline\", spaced ,," + "\"a\rb\""));
    assertThat(
        CsvFields.split(line),
        equalTo(
            Arrays.asList(
                "536365",
                "",
                "HAND WARMER, \"UNION\" JACK",
                "multi\nline",
                " spaced ",
                "",
                "a\rb")));
  }

  @Test
  public void rowsAreOrderedByEveryColumn() {
    assertThat(TableColumns.orderByAll(3), equalTo(" ORDER BY 1, 2, 3"));
  }
}
