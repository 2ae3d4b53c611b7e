// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.cli;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.pipelines.report.HtmlReport;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code segflow report OUTPUT_DIR}: rebuilds report.html in an existing output folder. */
@Command(
    name = "report",
    mixinStandardHelpOptions = true,
    description =
        "Rebuilds report.html (a self-contained HTML report) in an existing Segflow "
            + "output folder from its manifest.json, model.json, comparison.json, segments/ and "
            + "customers/.")
final class ReportCommand implements Callable<Integer> {
  @Parameters(
      index = "0",
      paramLabel = "OUTPUT_DIR",
      description = "A finished Segflow output folder.")
  Path dir;

  @Override
  public Integer call() {
    if (!Files.isRegularFile(dir.resolve(RunManifest.FILE))) {
      throw new SegflowException(
          ExitCode.INPUT,
          Secrets.redact(dir.toString())
              + " is not a Segflow output folder (no "
              + RunManifest.FILE
              + ")");
    }
    try {
      Path file = HtmlReport.write(dir);
      System.out.println("wrote " + Secrets.redact(file.toString()));
      return 0;
    } catch (IOException e) {
      throw new SegflowException(ExitCode.INTERNAL, "could not write the report: " + e, e);
    }
  }
}
