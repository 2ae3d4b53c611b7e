// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.sink;

import io.segflow.pipelines.common.ExitCode;
import io.segflow.pipelines.common.Secrets;
import io.segflow.pipelines.common.SegflowException;
import io.segflow.pipelines.output.RunManifest;
import io.segflow.pipelines.report.ReportData;
import io.segflow.schemas.CustomerRecord;
import io.segflow.schemas.SegmentRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.List;

/**
 * A finished output folder read back for the database load: its as-of date and customer count
 * (manifest.json) and its segment profiles. Its customers are streamed in id order ({@link
 * #forEachCustomer}), never held: a load's memory does not grow with the run.
 */
public record PublishedRun(
    Path dir, LocalDate asOf, long expectedCustomers, List<SegmentRecord> segments) {

  /** What the load does with each customer; may fail with the database's error. */
  public interface CustomerSink {
    void accept(CustomerRecord customer) throws SQLException;
  }

  /** Reads {@code dir}; a folder without manifest.json is not a Segflow output (exit code 3). */
  public static PublishedRun read(Path dir) throws IOException {
    Path manifestFile = dir.resolve(RunManifest.FILE);
    if (!Files.isRegularFile(manifestFile)) {
      throw new SegflowException(
          ExitCode.INPUT,
          Secrets.redact(dir.toString())
              + " is not a Segflow output folder (no "
              + RunManifest.FILE
              + ")");
    }
    RunManifest manifest = RunManifest.read(dir);
    if (manifest.asOf() == null) {
      throw new SegflowException(ExitCode.INPUT, manifestFile + " has no as_of_date");
    }
    return new PublishedRun(
        dir,
        manifest.asOf(),
        manifest.customers() == null ? -1 : manifest.customers(),
        ReportData.readSegments(dir));
  }

  /**
   * Hands every customer to {@code sink} in id order, streaming the part files; checks that each
   * has the run's as-of date and that the count is the manifest's.
   *
   * @return the number of customers
   */
  public long forEachCustomer(CustomerSink sink) throws IOException, SQLException {
    long[] seen = {0};
    try {
      SortedCustomers.forEach(
          dir,
          expectedCustomers,
          c -> {
            if (!asOf.equals(c.getAsOfDate())) {
              throw new SegflowException(
                  ExitCode.INPUT,
                  "customer "
                      + c.getCustomerId()
                      + " has as_of_date "
                      + c.getAsOfDate()
                      + " but the run's manifest says "
                      + asOf
                      + "; the output folder is not one run");
            }
            try {
              sink.accept(c);
            } catch (SQLException e) {
              throw new SinkFailure(e);
            }
            seen[0]++;
          });
    } catch (SinkFailure f) {
      throw f.sqlCause;
    }
    return seen[0];
  }

  /** Carries the sink's SQLException through the customer stream's plain Consumer. */
  private static final class SinkFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;
    private final transient SQLException sqlCause;

    SinkFailure(SQLException cause) {
      super(cause);
      this.sqlCause = cause;
    }
  }
}
