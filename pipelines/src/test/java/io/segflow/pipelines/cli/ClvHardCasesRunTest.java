// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.is;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
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

/**
 * Data that cannot identify a CLV model give a run that says so and succeeds: no repeat buyers, one
 * customer; bad CLV settings stop the run before it reads anything.
 */
public class ClvHardCasesRunTest {
  @Rule public final TemporaryFolder tmp = new TemporaryFolder();

  private Path csv(String name, List<String> rows) throws IOException {
    Path file = tmp.getRoot().toPath().resolve(name);
    List<String> lines = new ArrayList<>();
    lines.add("customer_id,invoice_date,amount");
    lines.addAll(rows);
    Files.write(file, lines);
    return file;
  }

  private CliRun run(Path input, Path output, String... extra) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "run",
                "--input",
                input.toString(),
                "--output",
                output.toString(),
                "--no-segmentation",
                "--no-report",
                "--as-of",
                "2024-07-01"));
    args.addAll(List.of(extra));
    return CliRun.of(args.toArray(new String[0]));
  }

  @Test
  public void noRepeatBuyersLeaveClvEmptyWithANoteAndTheRunSucceeds() throws IOException {
    List<String> rows = new ArrayList<>();
    for (int i = 0; i < 40; i++) {
      // one purchase day each (two orders on that day count once), spread over the half-year
      String day = String.format("2024-%02d-%02d", 1 + i % 6, 1 + i % 28);
      rows.add("C" + i + "," + day + ",10.50");
      rows.add("C" + i + "," + day + ",4.50");
    }
    Path output = tmp.getRoot().toPath().resolve("once");
    CliRun run = run(csv("once.csv", rows), output);
    assertThat(run.toString(), run.exitCode(), is(0));
    SegflowOutput out = SegflowOutput.read(output);
    JsonNode clv = out.json("clv.json");
    assertThat(clv.path("gamma_gamma").path("status").asText(), equalTo("NOT_FITTED"));
    assertThat(clv.path("gamma_gamma").path("p").isNull(), is(true));
    assertThat(clv.path("note").asText(), containsString("Gamma-Gamma not fitted"));
    assertThat(clv.path("note").asText(), containsString("clv are empty"));
    assertThat(run.out(), containsString("note: "));
    assertThat(run.out(), containsString("Gamma-Gamma not fitted"));
    assertThat(out.customers.size(), is(40));
    for (CustomerRecord c : out.customers) {
      assertThat(c.getPurchaseDays(), is(1));
      assertThat(c.getFirstDaySpend(), is(15.0));
      assertThat(c.getClv(), nullValue());
      assertThat(c.getExpectedAvgOrderValue(), nullValue());
      // Never bought again: alive with probability 1 under BG/NBD (no chance yet to drop out).
      assertThat(c.getPAlive(), is(1.0));
    }
  }

  @Test
  public void oneCustomerOnlyIsFittedAndItsStatusReported() throws IOException {
    Path output = tmp.getRoot().toPath().resolve("one");
    CliRun run =
        run(
            csv(
                "one.csv",
                List.of(
                    "A,2024-01-03,20", "A,2024-02-10,35", "A,2024-03-22,15", "A,2024-05-30,40")),
            output);
    assertThat(run.toString(), run.exitCode(), is(0));
    JsonNode clv = SegflowOutput.read(output).json("clv.json");
    JsonNode bg = clv.path("bg_nbd");
    assertThat(bg.path("customers").asLong(), is(1L));
    // One history cannot pin down four parameters: reported as not converged, with the reason,
    // in clv.json and in the summary.
    assertThat(bg.path("status").asText(), equalTo("NOT_CONVERGED"));
    assertThat(bg.path("note").asText(), not(equalTo("")));
    assertThat(clv.path("note").asText(), containsString("BG/NBD did not converge"));
    assertThat(run.out(), containsString("NOT_CONVERGED (1 customers)"));
    assertThat(run.out(), containsString("note: BG/NBD did not converge"));
    CustomerRecord a = SegflowOutput.read(output).customers.get(0);
    assertThat(a.getPurchaseDays(), is(4));
    assertThat(a.getFirstDaySpend(), is(20.0));
    assertThat(a.getPAlive(), notNullValue());
  }

  @Test
  public void noClvLeavesTheFieldsEmptyAndWritesNoClvJson() throws IOException {
    Path output = tmp.getRoot().toPath().resolve("off");
    CliRun run =
        run(csv("off.csv", List.of("A,2024-01-03,20", "A,2024-02-10,35")), output, "--no-clv");
    assertThat(run.toString(), run.exitCode(), is(0));
    assertThat(Files.exists(output.resolve("clv.json")), is(false));
    CustomerRecord a = SegflowOutput.read(output).customers.get(0);
    assertThat(a.getPAlive(), nullValue());
    assertThat(a.getClv(), nullValue());
    assertThat(a.getPurchaseDays(), is(2));
    assertThat(run.out(), not(containsString("Predicted customer value")));
  }

  @Test
  public void badSettingsStopWithExitTwoNamingTheKey() throws IOException {
    Path input = csv("bad.csv", List.of("A,2024-01-03,20"));
    CliRun unit = run(input, tmp.getRoot().toPath().resolve("b1"), "--clv-time-unit", "month");
    assertThat(unit.toString(), unit.exitCode(), is(2));
    assertThat(unit.err(), containsString("clv.time_unit (--clv-time-unit)"));
    CliRun horizon = run(input, tmp.getRoot().toPath().resolve("b2"), "--clv-horizon-days", "0");
    assertThat(horizon.toString(), horizon.exitCode(), is(2));
    assertThat(horizon.err(), containsString("clv.horizon_days (--clv-horizon-days)"));
    Path config = tmp.getRoot().toPath().resolve("margin.yaml");
    Files.writeString(config, "clv:\n  margin: 1.5\n");
    CliRun margin = run(input, tmp.getRoot().toPath().resolve("b3"), "--config", config.toString());
    assertThat(margin.toString(), margin.exitCode(), is(2));
    assertThat(margin.err(), containsString("clv.margin"));
    assertThat(Files.exists(tmp.getRoot().toPath().resolve("b1")), is(false));
  }
}
