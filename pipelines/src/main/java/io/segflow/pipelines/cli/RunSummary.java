// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.run.SegflowRun;
import java.io.PrintStream;
import java.util.Map;

/** The short report printed at the end of a run. */
final class RunSummary {
  private RunSummary() {}

  static void print(SegflowRun.Result r, PrintStream out) {
    SegflowRun.Counts c = r.counts();
    out.printf("Segflow run complete: %s%n", r.output());
    out.printf("  rows read      %,12d%n", c.rowsRead());
    out.printf("  rows used      %,12d%n", c.rowsUsed());
    out.printf("  rows rejected  %,12d%n", c.rowsRejected());
    for (Map.Entry<String, Long> e : c.rejectedByReason().entrySet()) {
      out.printf("    %-24s %,10d%n", e.getKey(), e.getValue());
    }
    out.printf("  customers      %,12d   (as of %s)%n", c.customers(),
        r.manifest().path("as_of_date").asText());
    out.printf("  time           %,12.1f s%n", r.manifest().path("timings_ms").path("total").asLong() / 1000.0);
  }
}
