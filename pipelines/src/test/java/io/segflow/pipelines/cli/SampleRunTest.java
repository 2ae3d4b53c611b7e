// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThan;

import io.segflow.pipelines.testing.CliRun;
import io.segflow.pipelines.testing.OutputAssertions;
import io.segflow.pipelines.testing.RetailOracle;
import io.segflow.pipelines.testing.SegflowOutput;
import io.segflow.schemas.CustomerRecord;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.Map;
import org.junit.BeforeClass;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * The shipped sample through the shipped demo config (input and output redirected), checked
 * customer by customer against {@link RetailOracle}; then the same run again for determinism.
 */
public class SampleRunTest {
  static final Path SAMPLE = Path.of("../run-configs/sample/online_retail_sample.csv.gz");
  static final Path DEMO_CONFIG = Path.of("../run-configs/demo.yaml");

  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();

  private static Path output;
  private static CliRun run;

  @BeforeClass
  public static void runDemo() {
    output = TMP.getRoot().toPath().resolve("demo");
    run = demoRun(output);
  }

  private static CliRun demoRun(Path out, String... extra) {
    String[] args = {
      "run",
      "--config",
      DEMO_CONFIG.toString(),
      "--input",
      SAMPLE.toString(),
      "--output",
      out.toString()
    };
    String[] all = Arrays.copyOf(args, args.length + extra.length);
    System.arraycopy(extra, 0, all, args.length, extra.length);
    return CliRun.of(all);
  }

  @Test
  public void demoRunMatchesTheOracleCustomerByCustomer() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    SegflowOutput out = SegflowOutput.read(output);
    OutputAssertions.assertCompleteAndConsistent(out);
    RetailOracle.Result expected = RetailOracle.compute(SAMPLE, null);
    OutputAssertions.assertMatchesOracle(out, expected);
    // The sample holds every line of the customers whose id is divisible by 16 (sample/README.md):
    // at most 270 of them, fewer if some only ever cancelled.
    assertThat(expected.customers().size(), lessThan(271));
    assertThat(expected.customers().size(), greaterThan(200));
    assertThat(expected.rowsRead(), equalTo(27_621L));
    for (String id : out.customersById().keySet()) {
      assertThat("customer id " + id + " of the sample", Integer.parseInt(id) % 16, equalTo(0));
    }
  }

  @Test
  public void sameRunTwiceGivesByteIdenticalAvroFiles() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    Path again = TMP.getRoot().toPath().resolve("demo-again");
    CliRun second = demoRun(again);
    assertThat(second.toString(), second.exitCode(), equalTo(0));
    assertSameAvroBytes(output, again);
  }

  @Test
  public void blockSizeAndCustomerShardsDoNotChangeTheOutput() {
    assertThat(run.toString(), run.exitCode(), equalTo(0));
    Path regrouped = TMP.getRoot().toPath().resolve("demo-regrouped");
    CliRun other = demoRun(regrouped, "--block-size", "997", "--customer-shards", "7");
    assertThat(other.toString(), other.exitCode(), equalTo(0));
    assertSameAvroBytes(output, regrouped);
  }

  /**
   * {@code --as-of} beats the config's {@code features.as_of}; rows on or after it are rejected as
   * {@code after_as_of} and recency counts from it.
   */
  @Test
  public void asOfFlagOverridesTheConfigAndCutsLaterRows() throws Exception {
    Path config = TMP.newFile("as-of.yaml").toPath();
    Files.writeString(config, "features:\n  as_of: 2011-12-31\n");
    Path out = TMP.getRoot().toPath().resolve("as-of");
    CliRun r =
        CliRun.of(
            "run",
            "--config",
            config.toString(),
            "--input",
            SAMPLE.toString(),
            "--output",
            out.toString(),
            "--as-of",
            "2011-06-01",
            "--no-segmentation");
    assertThat(r.toString(), r.exitCode(), equalTo(0));
    SegflowOutput result = SegflowOutput.read(out);
    OutputAssertions.assertCompleteAndConsistent(result);
    RetailOracle.Result expected = RetailOracle.compute(SAMPLE, LocalDate.of(2011, 6, 1));
    assertThat(expected.rejectedByReason().get("after_as_of"), greaterThan(1000L));
    OutputAssertions.assertMatchesOracle(result, expected);
    for (CustomerRecord c : result.customers) {
      assertThat(
          c.getLastPurchase().toLocalDate().isBefore(LocalDate.of(2011, 6, 1)), equalTo(true));
    }
  }

  private static void assertSameAvroBytes(Path a, Path b) {
    Map<String, byte[]> first = SegflowOutput.avroFiles(a);
    Map<String, byte[]> second = SegflowOutput.avroFiles(b);
    assertThat(second.keySet(), equalTo(first.keySet()));
    first.forEach(
        (name, bytes) ->
            assertThat(name + " differs", Arrays.equals(bytes, second.get(name)), equalTo(true)));
  }
}
