// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.config.ConfigException;
import io.segflow.pipelines.config.ConfigLoader;
import io.segflow.pipelines.config.DatabaseOutput;
import io.segflow.pipelines.config.DatabaseOutputConfig;
import io.segflow.pipelines.config.Durations;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.pipelines.sink.PostgresSink;
import io.segflow.pipelines.sink.PublishedRun;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code segflow load-db --from RUN_DIR}: loads a published run into the output database again. */
@Command(
    name = "load-db",
    mixinStandardHelpOptions = true,
    description = {
      "Loads the customers and segment profiles of a published Segflow output folder "
          + "into PostgreSQL (output.database), replacing its as-of partition in one transaction. "
          + "Safe to repeat: the tables end up the same.",
      "The database settings come from --config, else from the run's manifest.json; the "
          + "password only from output.database.password_env or password_file."
    })
final class LoadDbCommand implements Callable<Integer> {
  @Option(
      names = "--from",
      required = true,
      paramLabel = "RUN_DIR",
      description = "A published Segflow output folder.")
  Path from;

  @Option(
      names = {"-c", "--config"},
      paramLabel = "FILE",
      description = "Run config whose output.database section to use (default: the run's own).")
  Path config;

  @Option(
      names = "--wait-for-lock",
      paramLabel = "DURATION",
      description =
          "When another load of the same as-of partition is running, wait up to this long "
              + "(90s, 30m) instead of exiting with code 5 at once.")
  String waitForLock;

  /** Accepted only to be refused with the safe alternatives. */
  @Option(
      names = {"--password", "--db-password"},
      hidden = true)
  String password;

  @Override
  public Integer call() throws IOException {
    if (password != null) {
      throw new ConfigException(
          "--password: passwords are not accepted on the command line "
              + "(other users and shell histories see them); set output.database.password_env or "
              + "password_file in the run config");
    }
    if (!Files.isRegularFile(from.resolve(RunManifest.FILE))) {
      throw new SegflowException(
          ExitCode.INPUT,
          from + " is not a published Segflow output " + "folder (no " + RunManifest.FILE + ")");
    }
    DatabaseOutput db = DatabaseOutput.of(databaseConfig());
    PostgresSink.Loaded loaded =
        PostgresSink.load(
            PublishedRun.read(from), db, Durations.parse("--wait-for-lock", waitForLock));
    System.out.println("loaded " + from + " into " + db.target().describe() + ": " + loaded);
    return 0;
  }

  private DatabaseOutputConfig databaseConfig() throws IOException {
    if (config != null) {
      DatabaseOutputConfig c = ConfigLoader.load(config).output.database;
      if (c == null) {
        throw new ConfigException(config + " has no output.database section");
      }
      return c;
    }
    ObjectMapper json = new ObjectMapper();
    JsonNode section = RunManifest.read(from).config().path("output").path("database");
    if (!section.isObject()) {
      throw new ConfigException(
          "the run in "
              + from
              + " was made without output.database; give "
              + "--config FILE with an output.database section");
    }
    return json.treeToValue(section, DatabaseOutputConfig.class);
  }
}
