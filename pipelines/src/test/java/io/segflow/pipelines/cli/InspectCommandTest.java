// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.is;

import io.segflow.pipelines.testing.CliRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.Rule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

public class InspectCommandTest {
  static final Path ORDERS = Path.of("src/test/resources/fixtures/inputs/rfm_data_orders.csv.gz");

  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  @Test
  public void showsTheLayoutMappingFeaturesAndFirstParsedRows() {
    CliRun r =
        CliRun.of(
            "inspect",
            "--input",
            ORDERS.toString(),
            "--column",
            "customer_id=customer_id",
            "--column",
            "invoice_date=order_date",
            "--column",
            "amount=revenue");
    assertThat(r.toString(), r.exitCode(), is(0));
    assertThat(r.out(), containsString("format:       CSV, 1 file(s)"));
    assertThat(
        r.out(), containsString("one row per order (no order id); money = amount 'revenue'"));
    assertThat(r.out(), containsString("invoice_date  <- order_date"));
    assertThat(r.out(), containsString("absent:     total_quantity (the input has no quantity"));
    // the first data row of the file: Brion Stark, 2004-12-20, 32
    assertThat(r.out(), containsString("Brion Stark"));
    assertThat(r.out(), containsString("2004-12-20T00:00"));
    assertThat(r.out(), containsString("32.00"));
    assertThat(r.out(), containsString("would stop a run: nothing found"));
  }

  @Test
  public void whatWouldStopARunIsShownWithTheRunsExitCode() throws IOException {
    CliRun missing = CliRun.of("inspect", "--input", ORDERS.toString());
    assertThat(missing.exitCode(), is(3));
    assertThat(missing.out(), containsString("would stop a run (exit 3): Required column"));
    assertThat(missing.out(), containsString("Closest names: [order_date]"));

    Path either = tmp.getRoot().toPath().resolve("either.csv");
    Files.write(
        either,
        List.of(
            "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country",
            "1,A,x,1,01/12/2010 08:26,2.00,17850,United Kingdom"));
    CliRun ambiguous = CliRun.of("inspect", "--input", either.toString());
    assertThat(ambiguous.exitCode(), is(3));
    assertThat(ambiguous.out(), containsString("--date-format"));
  }
}
