// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.segflow.pipelines.run.TargetStatus;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code segflow status OUTPUT}: published, running or failed, for a scheduler's sensor. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    description = {
      "Tells the state of an output folder (or partition, or partitioned root): running (and "
          + "which process holds its lock), failed (the last run's failed checks or error), "
          + "published, or absent; with the published run's as-of date, counts and timings.",
      "Exit code 0 whatever the state; read the state from the output (--json for programs)."
    })
final class StatusCommand implements Callable<Integer> {
  @Parameters(paramLabel = "OUTPUT", description = "The output folder given to --output.")
  Path output;

  @Option(names = "--json", description = "One JSON object on stdout.")
  boolean json;

  @Override
  public Integer call() throws Exception {
    ObjectNode s = TargetStatus.of(output);
    if (json) {
      System.out.println(
          new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(s));
    } else {
      print(s, "", System.out);
    }
    return 0;
  }

  private static void print(JsonNode s, String indent, PrintStream out) {
    out.printf("%s%s: %s%n", indent, s.path("target").asText(), s.path("state").asText());
    JsonNode h = s.path("holder");
    if (!h.isMissingNode()) {
      out.printf(
          "%s  held by pid %s on %s since %s: %s%n",
          indent,
          h.path("pid").asText(),
          h.path("host").asText(),
          h.path("started_at").asText(),
          h.path("command").asText());
    }
    JsonNode last = s.path("last_run");
    if ("failed".equals(s.path("state").asText())) {
      out.printf(
          "%s  last run (%s) ended %s with exit code %d%s%n",
          indent,
          last.path("command").asText(),
          last.path("finished_at").asText(),
          last.path("exit_code").asInt(),
          last.has("error") ? ": " + last.path("error").asText() : "");
      if (last.has("failed_folder")) {
        out.printf("%s  its output is kept in %s%n", indent, last.path("failed_folder").asText());
      }
    }
    JsonNode p = s.path("published");
    if (!p.isMissingNode()) {
      out.printf(
          "%s  published: as of %s, finished %s; %,d rows read, %,d used, %,d rejected; %,d "
              + "customers; %.1f s%n",
          indent,
          p.path("as_of_date").asText(),
          p.path("finished_at").asText(),
          p.path("rows").path("read").asLong(),
          p.path("rows").path("used").asLong(),
          p.path("rows").path("rejected").asLong(),
          p.path("customers").asLong(),
          p.path("timings_ms").path("total").asLong() / 1000.0);
    }
    for (JsonNode part : s.path("partitions")) {
      print(part, indent + "  ", out);
    }
  }
}
