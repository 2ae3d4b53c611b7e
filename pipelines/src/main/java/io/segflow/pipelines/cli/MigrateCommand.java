// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.Durations;
import io.segflow.pipelines.migrate.Migration;
import io.segflow.pipelines.migrate.MigrationRun;
import io.segflow.pipelines.migrate.Segmentation;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segflow migrate}: who moved between the segments of two runs, and where that leads. */
@Command(
    name = "migrate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Compares the segments of two published runs (folders with _SUCCESS) customer by "
          + "customer. Writes transitions.json and transitions.csv (the transition matrix with a "
          + "'new' row and a 'gone' column), moves/ (one CustomerMove per customer, Avro), "
          + "forecast.json (segment sizes for the next periods from the Markov chain of the observed "
          + "transitions), migration.html, manifest.json and _SUCCESS to the output folder.",
      "Segments are compared by id as given. --segments rfm compares the customers' RFM "
          + "segments (by name) instead, --segments both compares both; the RFM segments' files "
          + "go under rfm/."
    })
final class MigrateCommand implements Callable<Integer> {
  static final int MAX_PERIODS = 120;

  @Option(
      names = "--from",
      paramLabel = "RUN",
      required = true,
      description = "The earlier run's output folder.")
  Path from;

  @Option(
      names = "--to",
      paramLabel = "RUN",
      required = true,
      description = "The later run's output folder.")
  Path to;

  @Option(
      names = {"-o", "--output"},
      paramLabel = "DIR",
      required = true,
      description = "Output folder; replaced atomically on success.")
  String output;

  @Option(
      names = "--segments",
      paramLabel = "cluster|rfm|both",
      defaultValue = "cluster",
      description =
          "Which segments to compare: the clustering's segment ids (cluster, the default), the RFM "
              + "rule table's segments (rfm, files under rfm/), or both.")
  String segments;

  @Option(
      names = "--forecast-periods",
      paramLabel = "N",
      defaultValue = "3",
      description =
          "Periods (each as long as the time between the two runs) to forecast (default 3).")
  int periods;

  @Option(
      names = "--overwrite",
      description = "Replace a non-empty output folder that is not a Segflow output.")
  boolean overwrite;

  @Option(
      names = "--wait-for-lock",
      paramLabel = "DURATION",
      description =
          "When another run is writing the same output, wait up to this long (90s, 30m) "
              + "instead of exiting with code 5 at once.")
  String waitForLock;

  @Override
  public Integer call() {
    if (periods < 1 || periods > MAX_PERIODS) {
      throw new ConfigException(
          "--forecast-periods must be between 1 and " + MAX_PERIODS + ", got " + periods);
    }
    List<Segmentation> segmentations = Segmentation.parse(segments);
    MigrationRun.Result result =
        MigrationRun.execute(
            from,
            to,
            segmentations,
            output,
            periods,
            overwrite,
            Durations.parse("--wait-for-lock", waitForLock));
    Migration first = result.migrations().get(0);
    if (first.periodDays() <= 0) {
      // Allowed (e.g. comparing two methods on one date), but more often swapped arguments.
      System.err.printf(
          "segflow: warning: --from is as of %s, not before --to (as of %s): the "
              + "forecast's periods have no length or dates%n",
          first.from().asOfDate(), first.to().asOfDate());
    }
    MigrateSummary.print(result, System.out);
    return 0;
  }
}
