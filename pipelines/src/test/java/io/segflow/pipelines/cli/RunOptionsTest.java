// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.RejectedRecord;
import java.io.IOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Input options on small hand-made files (segmentation off: the features are checked). Expected
 * values are worked out in the comments. {@code --as-of} and config-vs-flag precedence on the
 * sample are in {@link SampleRunTest}.
 */
public class RunOptionsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path write(String name, String text, Charset charset) throws IOException {
    Path p = tmp.getRoot().toPath().resolve(name);
    Files.writeString(p, text, charset);
    return p;
  }

  private SegflowOutput runOk(String... args) {
    Path out = tmp.getRoot().toPath().resolve("out");
    String[] base = {"run", "--output", out.toString(), "--no-segmentation"};
    String[] all = Arrays.copyOf(base, base.length + args.length);
    System.arraycopy(args, 0, all, base.length, args.length);
    CliRun r = CliRun.of(all);
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    SegflowOutput output = SegflowOutput.read(out);
    OutputAssertions.assertCompleteAndConsistent(output);
    return output;
  }

  @Test
  public void columnFlagMapsARenamedColumnAndBeatsTheConfig() throws IOException {
    // Two id columns: the config maps customer_id to Client, the flag to Cust; the flag wins.
    Path f =
        write(
            "renamed.csv",
            """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Cust,Client,Country
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,111,999,United Kingdom
            536366,71053,LANTERN,2,2010-12-02 08:26:00,3.00,222,999,United Kingdom
            """,
            StandardCharsets.UTF_8);
    Path config =
        write(
            "columns.yaml",
            "input:\n  columns:\n    customer_id: Client\n",
            StandardCharsets.UTF_8);
    SegflowOutput out =
        runOk(
            "--config", config.toString(), "--input", f.toString(), "--column", "customer_id=Cust");
    Map<String, CustomerRecord> c = out.customersById();
    assertThat(c.keySet(), equalTo(Set.of("111", "222")));
    assertThat(c.get("111").getMonetary(), closeTo(15.30, 1e-9)); // 6 * 2.55
    assertThat(c.get("222").getMonetary(), closeTo(6.00, 1e-9)); // 2 * 3.00
  }

  @Test
  public void onlineRetailIiHeadersWorkWithoutMapping() throws IOException {
    Path f =
        write(
            "online_retail_II.csv",
            """
            Invoice,StockCode,Description,Quantity,InvoiceDate,Price,Customer ID,Country
            489434,85048,15CM CHRISTMAS GLASS BALL 20 LIGHTS,12,2009-12-01 07:45:00,6.95,13085.0,United Kingdom
            489434,79323P,PINK CHERRY LIGHTS,12,2009-12-01 07:45:00,6.75,13085.0,United Kingdom
            489435,22350,CAT BOWL ,12,2009-12-01 07:46:00,2.55,13085.0,United Kingdom
            489436,48173C,DOOR MAT BLACK FLOCK ,10,2009-12-03 09:06:00,5.95,13078.0,United Kingdom
            """,
            StandardCharsets.UTF_8);
    SegflowOutput out = runOk("--input", f.toString());
    assertThat(out.rowsRejected(), equalTo(0L));
    Map<String, CustomerRecord> c = out.customersById();
    assertThat(c.keySet(), equalTo(Set.of("13078", "13085")));
    // 13085: 12*6.95 + 12*6.75 + 12*2.55 = 83.40 + 81.00 + 30.60 = 195.00, two invoices.
    // As of 2009-12-04 (the day after the last invoice, 2009-12-03): recency 3.
    CustomerRecord a = c.get("13085");
    assertThat(a.getMonetary(), closeTo(195.00, 1e-9));
    assertThat(a.getFrequency(), equalTo(2));
    assertThat(a.getTotalQuantity(), equalTo(36L));
    assertThat(a.getRecencyDays(), equalTo(3));
    assertThat(a.getAvgBasketValue(), closeTo(97.50, 1e-9));
    // 13078: 10 * 5.95 = 59.50, recency 1.
    assertThat(c.get("13078").getMonetary(), closeTo(59.50, 1e-9));
    assertThat(c.get("13078").getRecencyDays(), equalTo(1));
  }

  @Test
  public void dateFormatFlagReadsDayFirstDates() throws IOException {
    // 1/2/2011 is 1 February, 13/2/2011 is 13 February; month-first would misread the first and
    // reject the second.
    Path f =
        write(
            "day_first.csv",
            FatalErrorsTest.HEADER
                + "600001,22423,REGENCY CAKESTAND 3 TIER,1,1/2/2011 9:30,12.75,20001,United Kingdom\n"
                + "600002,22423,REGENCY CAKESTAND 3 TIER,2,13/2/2011 10:00,12.75,20002,United Kingdom\n",
            StandardCharsets.UTF_8);
    SegflowOutput out = runOk("--input", f.toString(), "--date-format", "d/M/yyyy H:mm");
    assertThat(out.rowsRejected(), equalTo(0L));
    assertThat(out.manifest.path("as_of_date").asText(), equalTo("2011-02-14"));
    Map<String, CustomerRecord> c = out.customersById();
    assertThat(c.get("20001").getLastPurchase(), equalTo(LocalDateTime.of(2011, 2, 1, 9, 30)));
    assertThat(c.get("20001").getRecencyDays(), equalTo(13));
    assertThat(c.get("20002").getLastPurchase(), equalTo(LocalDateTime.of(2011, 2, 13, 10, 0)));
    assertThat(c.get("20002").getRecencyDays(), equalTo(1));
  }

  @Test
  public void latin1FileIsReadWithTheEncodingFlag() throws IOException {
    Path f =
        write(
            "latin1.csv",
            FatalErrorsTest.HEADER
                + "600010,22423,CRÈME BRÛLÉE SET,1,2011-03-01 10:00:00,5.00,20010,Österreich\n"
                + "600011,22424,TASSE À CAFÉ,4,2011-03-02 10:00:00,1.25,20011,Österreich\n",
            StandardCharsets.ISO_8859_1);
    SegflowOutput out = runOk("--input", f.toString(), "--encoding", "ISO-8859-1");
    assertThat(out.rowsRejected(), equalTo(0L));
    Map<String, CustomerRecord> c = out.customersById();
    assertThat(c.get("20010").getCountry(), equalTo("Österreich"));
    assertThat(c.get("20011").getCountry(), equalTo("Österreich"));
    assertThat(c.get("20011").getMonetary(), closeTo(5.00, 1e-9));
  }

  @Test
  public void twoFilesWithDifferentColumnOrdersAreOneDataSet() throws IOException {
    Path a =
        write(
            "a.csv",
            FatalErrorsTest.HEADER
                + "700001,10001,\"MUG, BLUE\",2,2011-05-01 10:00:00,1.50,30001,Germany\n"
                + "700002,10002,PLATE,1,2011-05-02 11:00:00,4.00,30002,France\n",
            StandardCharsets.UTF_8);
    Path b =
        write(
            "b.csv",
            """
            CustomerID,Country,InvoiceDate,InvoiceNo,Quantity,UnitPrice,StockCode,Description
            30001,Germany,2011-05-03 12:00:00,700003,3,2.00,10003,BOWL
            30001,Germany,2011-05-01 10:00:00,700001,2,1.50,10001,"MUG, BLUE"
            """,
            StandardCharsets.UTF_8);
    SegflowOutput out = runOk("--input", a.toString(), "--input", b.toString());
    assertThat(out.rowsRead(), equalTo(4L));
    assertThat(out.rowsUsed(), equalTo(3L));
    // b.csv line 3 is a.csv line 2 with its columns in another order: the same row.
    assertThat(out.rejected.size(), equalTo(1));
    RejectedRecord dup = out.rejected.get(0);
    assertThat(dup.getReason(), equalTo("duplicate_row"));
    assertThat(dup.getSourceFile(), endsWith("b.csv"));
    assertThat(dup.getLineNumber(), equalTo(3L));
    // 30001: invoices 700001 (a.csv) and 700003 (b.csv): 2*1.50 + 3*2.00 = 9.00, quantity 5;
    // as of 2011-05-04: recency 1, tenure 3.
    Map<String, CustomerRecord> c = out.customersById();
    CustomerRecord x = c.get("30001");
    assertThat(x.getFrequency(), equalTo(2));
    assertThat(x.getMonetary(), closeTo(9.00, 1e-9));
    assertThat(x.getTotalQuantity(), equalTo(5L));
    assertThat(x.getRecencyDays(), equalTo(1));
    assertThat(x.getTenureDays(), equalTo(3));
    assertThat(x.getDistinctProducts(), equalTo(2));
    assertThat(x.getCountry(), equalTo("Germany"));
    assertThat(c.get("30002").getMonetary(), closeTo(4.00, 1e-9));
    assertThat(c.get("30002").getRecencyDays(), equalTo(2));
    assertThat(x.getAsOfDate(), is(LocalDate.of(2011, 5, 4)));
  }
}
