// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.output.LockFile;
import io.segflow.pipelines.output.OutputStatus;
import io.segflow.pipelines.output.RunManifest;
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
    OutputStatus s = TargetStatus.of(output);
    if (json) {
      System.out.println(s.json());
    } else {
      print(s, "", System.out);
    }
    return 0;
  }

  private static void print(OutputStatus s, String indent, PrintStream out) {
    out.printf("%s%s: %s%n", indent, s.target(), s.state());
    LockFile h = s.holder();
    if (h != null) {
      out.printf(
          "%s  held by pid %s on %s since %s: %s%n",
          indent, text(h.pid()), text(h.host()), text(h.startedAt()), text(h.command()));
    }
    LockFile last = s.lastRun() == null ? LockFile.empty() : s.lastRun();
    if (OutputStatus.FAILED.equals(s.state())) {
      out.printf(
          "%s  last run (%s) ended %s with exit code %d%s%n",
          indent,
          text(last.command()),
          text(last.finishedAt()),
          last.exitCode() == null ? 0 : last.exitCode(),
          last.error() != null ? ": " + last.error() : "");
      if (last.failedFolder() != null) {
        out.printf("%s  its output is kept in %s%n", indent, last.failedFolder());
      }
    }
    OutputStatus.Published p = s.published();
    if (p != null) {
      RunManifest.Rows rows =
          p.rows() == null ? new RunManifest.Rows(0, 0, 0, null, null) : p.rows();
      out.printf(
          "%s  published: as of %s, finished %s; %,d rows read, %,d used, %,d rejected; %,d "
              + "customers; %.1f s%n",
          indent,
          text(p.asOf()),
          text(p.finishedAt()),
          rows.read(),
          rows.used(),
          rows.rejected(),
          p.customers() == null ? 0 : p.customers(),
          p.phaseMillis("total") / 1000.0);
    }
    if (s.partitions() != null) {
      for (OutputStatus part : s.partitions()) {
        print(part, indent + "  ", out);
      }
    }
  }

  /** A field as the plain listing shows it: empty when absent. */
  private static String text(Object value) {
    return value == null ? "" : value.toString();
  }
}
