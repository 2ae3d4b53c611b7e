// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;

import io.segflow.pipelines.testing.CliRun;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.ClassRule;
import org.junit.Test;
import org.junit.rules.TemporaryFolder;

/**
 * A secret carried in an input location (here a folder named token=..., as signed or credentialled
 * URLs do) never reaches stdout, stderr or the manifest, on success or failure.
 */
public class SecretsRunTest {
  @ClassRule public static final TemporaryFolder TMP = new TemporaryFolder();
  private static final String SECRET = "s3cr3t-Zq81";

  @Test
  public void aSecretInTheInputPathIsNeverPrintedOrWritten() throws Exception {
    Path dir = TMP.newFolder("token=" + SECRET).toPath();
    Path input = dir.resolve("orders.csv");
    Files.copy(
        Path.of("..", "run-configs", "sample", "online_retail_sample.csv.gz"),
        dir.resolve("orders.csv.gz"));
    Path out = TMP.getRoot().toPath().resolve("out");
    CliRun ok =
        CliRun.of(
            "run",
            "--input",
            dir.resolve("orders.csv.gz").toString(),
            "--output",
            out.toString(),
            "--no-segmentation");
    assertThat(ok.toString(), ok.exitCode(), equalTo(0));
    assertThat(ok.out(), not(containsString(SECRET)));
    assertThat(ok.err(), not(containsString(SECRET)));
    String manifest = Files.readString(out.resolve("manifest.json"));
    assertThat(manifest, not(containsString(SECRET)));
    assertThat(
        "the location is still recognisable", manifest, containsString("token=***/orders.csv.gz"));

    CliRun missing =
        CliRun.of(
            "run",
            "--input",
            input.toString(),
            "--output",
            TMP.getRoot().toPath().resolve("out2").toString());
    assertThat(missing.exitCode(), equalTo(3));
    assertThat(missing.err(), not(containsString(SECRET)));
  }
}
