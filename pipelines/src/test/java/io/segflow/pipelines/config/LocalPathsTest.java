// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.config;

import static org.hamcrest.MatcherAssert.assertThat;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import java.nio.file.Path;
import java.util.List;
import org.junit.Test;

/**
 * Inputs reach a Flink cluster's TaskManagers as absolute paths: their working folder is not the
 * client's.
 */
public class LocalPathsTest {
  private static final Path CWD = Path.of(System.getProperty("user.dir"));

  @Test
  public void relativeFilesAndGlobsAreResolvedAgainstTheWorkingFolder() {
    assertThat(
        LocalPaths.absolute("data/online_retail.csv.gz"),
        equalTo(CWD.resolve("data/online_retail.csv.gz").toString()));
    assertThat(
        LocalPaths.absolute("./gen/../gen/transactions-*.csv"),
        equalTo(CWD.resolve("gen/transactions-*.csv").toString()));
  }

  @Test
  public void absolutePathsAndUrlsAreKept() {
    assertThat(LocalPaths.absolute("/srv/exports/2011-*.csv"), equalTo("/srv/exports/2011-*.csv"));
    assertThat(
        LocalPaths.absolute("gs://bucket/exports/*.csv"), equalTo("gs://bucket/exports/*.csv"));
    assertThat(LocalPaths.absolute("file:///srv/a.csv"), equalTo("file:///srv/a.csv"));
  }

  @Test
  public void theRunPlanCarriesAbsoluteInputs() {
    SegflowConfig c = new SegflowConfig();
    c.input.paths = List.of("in.csv", "s3://b/in.csv");
    c.output.path = "out";
    assertThat(
        RunPlan.of(c).input().paths(), contains(CWD.resolve("in.csv").toString(), "s3://b/in.csv"));
  }
}
