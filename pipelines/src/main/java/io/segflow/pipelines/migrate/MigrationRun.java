// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.output.OutputPublisher;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * {@code segflow migrate}: reads two published runs, computes the migration of each segmentation
 * asked for ({@link Segmentation}) and publishes their files the way a run publishes (staging
 * folder, {@code _SUCCESS} last, atomic rename). Every file but manifest.json is byte-identical
 * when the same two runs are compared again.
 */
public final class MigrationRun {
  static final String TRANSITIONS_JSON = "transitions.json";
  static final String TRANSITIONS_CSV = "transitions.csv";
  static final String FORECAST_JSON = "forecast.json";
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MigrationRun() {}

  /** What was published where: one migration per segmentation, in the order asked for. */
  public record Result(Path output, List<Migration> migrations) {}

  public static Result execute(
      Path from,
      Path to,
      List<Segmentation> segmentations,
      String output,
      int periods,
      boolean overwrite,
      Duration waitForLock) {
    RunCustomers earlier = RunCustomers.read(from, "--from", true);
    RunCustomers later = RunCustomers.read(to, "--to", true);
    List<Migration> migrations = new ArrayList<>();
    for (Segmentation s : segmentations) {
      migrations.add(
          switch (s) {
            case CLUSTER ->
                Migration.compute(
                    s, RunFolder.clusters(earlier), RunFolder.clusters(later), periods);
            case RFM -> {
              Map<String, Integer> ids = RfmSegmentIds.of(earlier, later);
              yield Migration.compute(
                  s, RunFolder.rfm(earlier, ids), RunFolder.rfm(later, ids), periods);
            }
          });
    }
    Path target = Path.of(output).toAbsolutePath().normalize();
    requireApart(target, earlier.dir(), "--from");
    requireApart(target, later.dir(), "--to");
    try (OutputPublisher publisher =
        OutputPublisher.prepare(target.toString(), overwrite, waitForLock)) {
      try {
        write(publisher.staging(), migrations);
        publisher.publish();
      } catch (IOException e) {
        publisher.discard();
        throw new SegflowException(ExitCode.INTERNAL, "could not write the migration: " + e, e);
      } catch (RuntimeException e) {
        publisher.discard();
        throw e;
      }
      return new Result(publisher.target(), List.copyOf(migrations));
    }
  }

  /**
   * Publishing replaces the output folder whole: it must not hold a run (which would be deleted)
   * nor sit inside one (a rerun of that run would delete it).
   */
  private static void requireApart(Path output, Path run, String flag) {
    if (run.startsWith(output) || output.startsWith(run)) {
      throw new SegflowException(
          ExitCode.OUTPUT,
          "--output "
              + Secrets.redact(output.toString())
              + (run.startsWith(output) ? " holds " : " is inside ")
              + "the "
              + flag
              + " run "
              + Secrets.redact(run.toString())
              + "; write the migration to a folder of its own");
    }
  }

  /** Each migration's files under its segmentation's prefix, then the report and manifest. */
  private static void write(Path dir, List<Migration> migrations) throws IOException {
    List<String> outputs = new ArrayList<>();
    for (Migration g : migrations) {
      String prefix = g.segmentation().prefix();
      Path d = Files.createDirectories(dir.resolve(prefix.isEmpty() ? "." : prefix)).normalize();
      json(d.resolve(TRANSITIONS_JSON), MigrationJson.transitions(g));
      outputs.add(prefix + TRANSITIONS_JSON);
      Files.writeString(
          d.resolve(TRANSITIONS_CSV), TransitionsCsv.render(g), StandardCharsets.UTF_8);
      outputs.add(prefix + TRANSITIONS_CSV);
      json(d.resolve(FORECAST_JSON), MigrationJson.forecast(g));
      outputs.add(prefix + FORECAST_JSON);
      outputs.add(prefix + CustomerMoves.write(d, CustomerMoves.of(g.from(), g.to())));
    }
    Files.writeString(
        dir.resolve(MigrationReport.FILE),
        MigrationReport.render(migrations),
        StandardCharsets.UTF_8);
    outputs.add(MigrationReport.FILE);
    json(dir.resolve(OutputPublisher.MANIFEST), MigrationJson.manifest(migrations, outputs));
  }

  private static void json(Path file, ObjectNode node) throws IOException {
    Files.writeString(file, PRETTY.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
  }
}
