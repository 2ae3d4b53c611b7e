// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.empty;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.lessThan;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import org.junit.Before;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * Fatal problems: each must end with its documented exit code, one message on stderr that names the
 * problem and the fix, and nothing published (no output folder, no staging folder beside it).
 */
public class FatalErrorsTest {
  static final String HEADER =
      "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n";
  static final String GOOD_ROW =
      "536365,85123A,WHITE HANGING HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,2.55,17850,United Kingdom\n";

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path good;
  private Path output;

  @Before
  public void goodInput() throws IOException {
    good = write("good.csv", HEADER + GOOD_ROW);
    output = tmp.getRoot().toPath().resolve("out");
  }

  private Path write(String name, String text) throws IOException {
    Path p = tmp.getRoot().toPath().resolve(name);
    Files.writeString(p, text, StandardCharsets.UTF_8);
    return p;
  }

  private CliRun run(String... extra) {
    String[] args = new String[extra.length + 3];
    args[0] = "run";
    args[1] = "--output";
    args[2] = output.toString();
    System.arraycopy(extra, 0, args, 3, extra.length);
    return CliRun.of(args);
  }

  private void assertFailed(CliRun r, int exitCode) {
    assertThat(r.toString(), r.exitCode(), equalTo(exitCode));
    assertThat("output folder after a failed run", Files.exists(output), is(false));
    assertThat(SegflowOutput.leftoversBeside(output), is(empty()));
    assertThat("no Java stack trace for a user error", r.err(), not(containsString("\tat ")));
  }

  /** Case-insensitive "contains any of". */
  private static org.hamcrest.Matcher<String> mentions(String... alternatives) {
    StringBuilder regex = new StringBuilder("(?is).*(");
    for (int i = 0; i < alternatives.length; i++) {
      regex.append(i == 0 ? "" : "|").append(java.util.regex.Pattern.quote(alternatives[i]));
    }
    return matchesPattern(regex.append(").*").toString());
  }

  @Test
  public void missingInputFileIsExit3NamingThePath() {
    Path missing = tmp.getRoot().toPath().resolve("no-such-file.csv");
    CliRun r = run("--input", missing.toString());
    assertFailed(r, 3);
    assertThat(r.segflowErrors(), containsString("no-such-file.csv"));
    assertThat(r.segflowErrors(), mentions("matches no file", "does not exist", "not found"));
    assertThat(
        "the fix: check the path", r.segflowErrors(), mentions("check the path", "working folder"));
  }

  @Test
  public void globMatchingNothingIsExit3NamingTheGlob() throws IOException {
    Files.createDirectories(tmp.getRoot().toPath().resolve("exports"));
    String glob = tmp.getRoot().toPath().resolve("exports").resolve("*.csv").toString();
    CliRun r = run("--input", glob);
    assertFailed(r, 3);
    assertThat(r.segflowErrors(), containsString(glob));
    assertThat(r.segflowErrors(), mentions("matches no file", "no file"));
  }

  @Test
  public void fileWithoutCustomerIdColumnIsExit3NamingColumnHeaderAndMapping() throws IOException {
    Path f =
        write(
            "renamed.csv",
            """
            InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,Client_Number,Country
            536365,85123A,HEART,6,2010-12-01 08:26:00,2.55,17850,United Kingdom
            """);
    CliRun r = run("--input", f.toString());
    assertFailed(r, 3);
    String msg = r.segflowErrors();
    assertThat("names the column", msg, containsString("CustomerID"));
    assertThat("shows the header found", msg, containsString("Client_Number"));
    assertThat("names the file", msg, containsString("renamed.csv"));
    assertThat("names the mapping key", msg, containsString("input.columns.customer_id"));
  }

  private Path binaryFile() throws IOException {
    byte[] bytes = new byte[64 * 1024];
    new Random(7).nextBytes(bytes);
    Path f = tmp.getRoot().toPath().resolve("export.csv");
    Files.write(f, bytes);
    return f;
  }

  @Test
  public void binaryFileIsExit3NamingTheFile() throws IOException {
    Path f = binaryFile();
    CliRun r = run("--input", f.toString());
    assertFailed(r, 3);
    assertThat(r.segflowErrors(), containsString("export.csv"));
  }

  @Test
  public void binaryFileMessageSaysItIsNotTextAndStaysShort() throws IOException {
    Path f = binaryFile();
    CliRun r = run("--input", f.toString());
    assertFailed(r, 3);
    String msg = r.segflowErrors();
    assertThat(msg, mentions("binary", "not a text", "not text", "not a CSV", "compressed"));
    assertThat("message length", msg.length(), lessThan(1000));
    assertThat("no undecodable bytes echoed", msg, not(containsString("\uFFFD")));
    assertThat(
        "no column-mapping advice for a file that is not CSV",
        msg,
        not(containsString("input.columns")));
  }

  @Test
  public void unknownConfigKeyIsExit2NamingTheKey() throws IOException {
    Path config = write("typo.yaml", "input:\n  encodng: UTF-8\n");
    CliRun r = run("--config", config.toString(), "--input", good.toString());
    assertFailed(r, 2);
    assertThat(r.segflowErrors(), containsString("input.encodng"));
    assertThat(r.segflowErrors(), containsString("typo.yaml"));
    assertThat("lists the valid keys", r.segflowErrors(), containsString("encoding"));
  }

  @Test
  public void badValueTypeIsExit2NamingTheKeyAndValue() throws IOException {
    Path config = write("type.yaml", "input:\n  block_size: lots\n");
    CliRun r = run("--config", config.toString(), "--input", good.toString());
    assertFailed(r, 2);
    assertThat(r.segflowErrors(), containsString("input.block_size"));
    assertThat(r.segflowErrors(), containsString("lots"));
  }

  @Test
  public void badAsOfDateIsExit2ShowingTheExpectedForm() {
    CliRun r = run("--input", good.toString(), "--as-of", "2011-13-01");
    assertFailed(r, 2);
    assertThat(r.segflowErrors(), containsString("2011-13-01"));
    assertThat(r.segflowErrors(), containsString("--as-of"));
    assertThat(r.segflowErrors(), containsString("yyyy-MM-dd"));
  }

  @Test
  public void unknownOutlierMethodIsExit2ListingTheMethods() throws IOException {
    Path config = write("outliers.yaml", "outliers:\n  transaction:\n    method: iqrr\n");
    CliRun r = run("--config", config.toString(), "--input", good.toString());
    assertFailed(r, 2);
    assertThat(r.segflowErrors(), containsString("outliers.transaction"));
    assertThat(r.segflowErrors(), containsString("iqrr"));
    assertThat(r.segflowErrors(), containsString("zscore"));
  }

  @Test
  public void unknownEncodingIsExit2SuggestingKnownOnes() {
    CliRun r = run("--input", good.toString(), "--encoding", "LATIN-99");
    assertFailed(r, 2);
    assertThat(r.segflowErrors(), containsString("LATIN-99"));
    assertThat(r.segflowErrors(), containsString("UTF-8"));
  }

  @Test
  public void inputWhoseEveryRowIsCancelledIsExit4() throws IOException {
    Path f =
        write(
            "cancelled.csv",
            HEADER
                + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom\n"
                + "C536383,35004C,SET OF 3 COLOURED FLYING DUCKS,-1,2010-12-01 09:49:00,4.65,15311,United Kingdom\n"
                + "C536391,22556,PLASTERS IN TIN CIRCUS PARADE,-12,2010-12-01 10:24:00,1.65,17548,United Kingdom\n");
    CliRun r = run("--input", f.toString(), "--no-segmentation");
    assertFailed(r, 4);
    assertThat(r.segflowErrors(), mentions("no usable rows"));
    assertThat("says why the rows went", r.segflowErrors(), containsString("cancellation"));
    assertThat(r.segflowErrors(), containsString("3"));
  }

  @Test
  public void inputWhoseEveryRowIsRejectedIsExit4WithSegmentationToo() throws IOException {
    Path f =
        write(
            "rejected.csv",
            HEADER
                + "536365,85123A,HEART T-LIGHT HOLDER,6,2010-12-01 08:26:00,0,17850,United Kingdom\n"
                + "C536379,D,Discount,-1,2010-12-01 09:41:00,27.50,14527,United Kingdom\n"
                + "536366,22633,HAND WARMER UNION JACK,6,2010-12-01 08:28:00,1.85,,United Kingdom\n");
    CliRun r = run("--input", f.toString());
    assertFailed(r, 4);
    assertThat(r.segflowErrors(), mentions("no usable rows"));
    assertThat(
        "names the way to see the reasons", r.segflowErrors(), containsString("--no-segmentation"));
  }
}
