// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.migrate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.run.ExitCode;
import io.segflow.pipelines.run.OutputPublisher;
import io.segflow.pipelines.run.Secrets;
import io.segflow.pipelines.run.SegflowException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code segflow migrate}: reads two published runs, computes the migration and publishes its files
 * the way a run publishes (staging folder, {@code _SUCCESS} last, atomic rename). Every file but
 * manifest.json is byte-identical when the same two runs are compared again.
 */
public final class MigrationRun {
  static final String TRANSITIONS_JSON = "transitions.json";
  static final String TRANSITIONS_CSV = "transitions.csv";
  static final String FORECAST_JSON = "forecast.json";
  private static final ObjectMapper PRETTY =
      new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

  private MigrationRun() {}

  /** What was published where. */
  public record Result(Path output, Migration migration) {}

  public static Result execute(
      Path from, Path to, String output, int periods, boolean overwrite, Duration waitForLock) {
    RunFolder earlier = RunFolder.read(from, "--from");
    RunFolder later = RunFolder.read(to, "--to");
    Path target = Path.of(output).toAbsolutePath().normalize();
    requireApart(target, earlier.dir(), "--from");
    requireApart(target, later.dir(), "--to");
    Migration migration = Migration.compute(earlier, later, periods);
    try (OutputPublisher publisher =
        OutputPublisher.prepare(target.toString(), overwrite, waitForLock)) {
      try {
        write(publisher.staging(), migration);
        publisher.publish();
      } catch (IOException e) {
        publisher.discard();
        throw new SegflowException(ExitCode.INTERNAL, "could not write the migration: " + e, e);
      } catch (RuntimeException e) {
        publisher.discard();
        throw e;
      }
      return new Result(publisher.target(), migration);
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

  private static void write(Path dir, Migration g) throws IOException {
    List<String> outputs = new ArrayList<>();
    json(dir.resolve(TRANSITIONS_JSON), MigrationJson.transitions(g));
    outputs.add(TRANSITIONS_JSON);
    Files.writeString(
        dir.resolve(TRANSITIONS_CSV), TransitionsCsv.render(g), StandardCharsets.UTF_8);
    outputs.add(TRANSITIONS_CSV);
    json(dir.resolve(FORECAST_JSON), MigrationJson.forecast(g));
    outputs.add(FORECAST_JSON);
    outputs.add(CustomerMoves.write(dir, CustomerMoves.of(g.from(), g.to())));
    Files.writeString(
        dir.resolve(MigrationReport.FILE), MigrationReport.render(g), StandardCharsets.UTF_8);
    outputs.add(MigrationReport.FILE);
    json(dir.resolve(OutputPublisher.MANIFEST), MigrationJson.manifest(g, outputs));
  }

  private static void json(Path file, ObjectNode node) throws IOException {
    Files.writeString(file, PRETTY.writeValueAsString(node) + "\n", StandardCharsets.UTF_8);
  }
}
