// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/** Hostile inputs of the input model: each a fatal message (exit 3) or a reason code. */
public class InputModelErrorsTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path file(String name, String... lines) throws IOException {
    Path p = tmp.getRoot().toPath().resolve(name);
    Files.write(p, List.of(lines));
    return p;
  }

  /** The output folder of the last {@link #run}. */
  private Path output;

  private CliRun run(Path input, String... args) {
    output = tmp.getRoot().toPath().resolve("out" + System.nanoTime());
    List<String> all =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--quiet",
                "--no-segmentation"));
    all.addAll(List.of(args));
    return CliRun.of(all.toArray(new String[0]));
  }

  @Test
  public void aMappingToAColumnThatDoesNotExistStopsNamingTheClosestHeaders() throws IOException {
    Path in = file("orders.csv", "customer_name,order_date,revenue", "Ann,2011-01-02,10");
    CliRun r =
        run(
            in,
            "--column",
            "customer_id=customer",
            "--column",
            "invoice_date=order_date",
            "--column",
            "amount=revenue");
    assertThat(r.toString(), r.exitCode(), is(3));
    assertThat(r.err(), containsString("Column 'customer' (mapped as customer_id) not found"));
    assertThat(r.err(), containsString("Closest names: [customer_name]"));
    CliRun unmapped = run(in, "--column", "customer_id=customer_name");
    assertThat(unmapped.exitCode(), is(3));
    assertThat(unmapped.err(), containsString("Required column invoice_date"));
    assertThat(unmapped.err(), containsString("Closest names: [order_date]"));
  }

  @Test
  public void anAmountAndAUnitPriceBothMappedTheAmountWinsAndTheRunSaysSo() throws IOException {
    Path in =
        file(
            "receipts.csv",
            "basket,household,day,quantity,unit_price,sales_value",
            "b1,h1,2011-01-02,2,1.50,3.00",
            "b1,h1,2011-01-02,3,2.00,5.40");
    CliRun r =
        run(
            in,
            "--column",
            "customer_id=household",
            "--column",
            "invoice_no=basket",
            "--column",
            "invoice_date=day",
            "--column",
            "amount=sales_value",
            "--as-of",
            "2011-01-10");
    assertThat(r.toString(), r.exitCode(), is(0));
    assertThat(r.err(), containsString("amount is the money (the row's total)"));
    CustomerRecord c = SegflowOutput.read(output).customers.get(0);
    assertThat(c.getMonetary(), is(8.40));
    assertThat(c.getTotalQuantity(), is(5L));
    assertThat(c.getFrequency(), is(1));
  }

  @Test
  public void badAmountsBlankIdsAndFarDatesAreRejectedWithTheirReasons() throws IOException {
    Path in =
        file(
            "orders.csv",
            "customer,day,value",
            "Ann,20110102,10.00",
            "Ann,20110103,",
            "Ann,20110104,ten",
            "   ,20110105,4.00",
            "Bob,22110105,4.00",
            "Bob,19600105,4.00",
            "Bob,20110106,0");
    CliRun r =
        run(
            in,
            "--column",
            "customer_id=customer",
            "--column",
            "invoice_date=day",
            "--column",
            "amount=value",
            "--date-format",
            "yyyyMMdd");
    assertThat(r.toString(), r.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(output);
    assertThat(out.rejectedReasonCounts().get("bad_amount"), is(2L));
    assertThat(out.rejectedReasonCounts().get("missing_customer_id"), is(1L));
    assertThat(out.rejectedReasonCounts().get("bad_date"), is(2L));
    assertThat(out.rejectedReasonCounts().get("non_positive_price"), is(1L));
    assertThat(out.rowsUsed(), is(1L));
  }

  @Test
  public void dayFirstSlashDatesAreReadDayFirstAndUndecidableOnesStopTheRun() throws IOException {
    Path uk =
        file(
            "uk.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "1,A,x,1,01/12/2010 08:26,2.00,17850.0,United Kingdom",
            "2,A,x,1,13/12/2010 08:26,2.00,17850,United Kingdom");
    CliRun r = run(uk, "--as-of", "2010-12-20");
    assertThat(r.toString(), r.exitCode(), is(0));
    CustomerRecord c = SegflowOutput.read(output).customers.get(0);
    assertThat(c.getCustomerId(), is("17850"));
    assertThat(c.getFirstPurchase().toLocalDate().toString(), is("2010-12-01"));
    assertThat(c.getRecencyDays(), is(7));

    Path either =
        file(
            "either.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "1,A,x,1,01/12/2010 08:26,2.00,17850,United Kingdom",
            "2,A,x,1,02/11/2010 08:26,2.00,17850,United Kingdom");
    CliRun ambiguous = run(either);
    assertThat(ambiguous.toString(), ambiguous.exitCode(), is(3));
    assertThat(ambiguous.err(), containsString("--date-format 'd/M/yyyy H:mm'"));

    Path mixed =
        file(
            "mixed.csv",
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "1,A,x,1,13/12/2010 08:26,2.00,17850,United Kingdom",
            "2,A,x,1,12/13/2010 08:26,2.00,17850,United Kingdom");
    CliRun contradictory = run(mixed);
    assertThat(contradictory.exitCode(), is(3));
    assertThat(contradictory.err(), containsString("contradict each other"));
  }

  /**
   * The run decides the order at the first date that reads one way only and does not read the dates
   * before the run any further; a date far below, or in a later file, that reads only the other way
   * still stops the run with exit 3, naming the first date of each kind, and nothing is published.
   * A date that reads neither way is a bad_date row and does not stop the run.
   */
  @Test
  public void slashDatesThatContradictAfterTheOrderIsDecidedStillStopTheRun() throws IOException {
    String header =
        "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country";
    List<String> usLines = new ArrayList<>(List.of(header));
    for (int i = 0; i < 3000; i++) {
      usLines.add(
          i
              + ",A,x,1,"
              + (i < 10 ? "12/1/2010" : "12/13/2010")
              + " 08:26,2.00,"
              + (17850 + i % 7)
              + ",United Kingdom");
    }
    Path us = tmp.getRoot().toPath().resolve("us.csv");
    Files.write(us, usLines);
    CliRun clean = run(us);
    assertThat(clean.toString(), clean.exitCode(), is(0));

    List<String> lines = new ArrayList<>(usLines);
    lines.add(2500, "9000,A,x,1,40/40/2010 08:26,2.00,17850,United Kingdom");
    Path oneBad = tmp.getRoot().toPath().resolve("bad.csv");
    Files.write(oneBad, lines);
    CliRun badDate = run(oneBad);
    assertThat(badDate.toString(), badDate.exitCode(), is(0));
    assertThat(SegflowOutput.read(output).rejectedReasonCounts().get("bad_date"), is(1L));

    lines.add(2800, "9001,A,x,1,25/12/2010 08:26,2.00,17850,United Kingdom");
    Path mixed = tmp.getRoot().toPath().resolve("mixed-far.csv");
    Files.write(mixed, lines);
    CliRun far = run(mixed);
    assertThat(far.toString(), far.exitCode(), is(3));
    assertThat(
        far.err(),
        containsString(
            "'25/12/2010 08:26' can only be day first, '12/13/2010 08:26' only month first"));
    assertThat(Files.exists(output), is(false));

    Path uk = file("uk.csv", header, "1,A,x,1,25/12/2010 08:26,2.00,17850,United Kingdom");
    CliRun twoFiles = run(Path.of(us + "," + uk));
    assertThat(twoFiles.toString(), twoFiles.exitCode(), is(3));
    assertThat(twoFiles.err(), containsString("contradict each other"));
    assertThat(Files.exists(output), is(false));
  }

  @Test
  public void aFeatureWithoutItsColumnCannotBeChosenAndAnUnknownZoneIsAUsageError()
      throws IOException {
    Path in = file("orders.csv", "customer,day,value", "Ann,2011-01-02,10.00", "Bob,2011-01-03,5");
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                in.toString(),
                "--output",
                tmp.getRoot().toPath().resolve("seg").toString(),
                "--quiet",
                "--column",
                "customer_id=customer",
                "--column",
                "invoice_date=day",
                "--column",
                "amount=value",
                "--features",
                "recency_days,frequency,monetary,total_quantity"));
    CliRun chosen = CliRun.of(args.toArray(new String[0]));
    assertThat(chosen.toString(), chosen.exitCode(), is(3));
    assertThat(
        chosen.err(),
        containsString(
            "segmentation feature 'total_quantity' cannot be computed: the input has no quantity"));
    CliRun zone =
        run(
            in,
            "--column",
            "customer_id=customer",
            "--column",
            "invoice_date=day",
            "--column",
            "amount=value",
            "--timezone",
            "Mars/Olympus");
    assertThat(zone.exitCode(), is(2));
    assertThat(zone.err(), containsString("is not a known time zone"));
  }
}
