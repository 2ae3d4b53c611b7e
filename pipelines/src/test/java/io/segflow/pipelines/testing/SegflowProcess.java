// SPDX-License-Identifier: GPL-3.0-or-later
package io.segflow.pipelines.testing;

import io.segflow.pipelines.cli.SegflowCli;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.zip.GZIPOutputStream;

/**
 * {@code segflow} in a JVM of its own (the test classpath), for tests of concurrent or killed runs.
 */
public final class SegflowProcess {
  private SegflowProcess() {}

  /** Starts {@code segflow ARGS}; stdout and stderr go to {@code log}. */
  public static Process start(Path log, String... args) throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> cmd =
        new ArrayList<>(
            List.of(
                java,
                "-Xmx1g",
                "-cp",
                System.getProperty("java.class.path"),
                SegflowCli.class.getName()));
    cmd.addAll(List.of(args));
    return new ProcessBuilder(cmd).redirectErrorStream(true).redirectOutput(log.toFile()).start();
  }

  /**
   * A gzipped Online-Retail-shaped CSV of {@code rows} lines over 4,000 customers, invoices dated
   * through 2011: large enough that a run takes a while.
   */
  public static Path bigInput(Path f, int rows) throws IOException {
    try (Writer w =
        new OutputStreamWriter(
            new GZIPOutputStream(Files.newOutputStream(f)), StandardCharsets.UTF_8)) {
      w.write(
          "InvoiceNo,StockCode,Description,Quantity,InvoiceDate,UnitPrice,CustomerID,Country\n");
      for (int i = 0; i < rows; i++) {
        int customer = 12_000 + i % 4_000;
        w.write(
            (500_000 + i / 5)
                + ",S"
                + (i % 997)
                + ",ITEM "
                + (i % 997)
                + ","
                + (1 + i % 12)
                + ",2011-"
                + String.format("%02d-%02d", 1 + i % 12, 1 + i % 28)
                + " 10:00:00,"
                + (0.5 + (i % 40) / 4.0)
                + ","
                + customer
                + ",United Kingdom\n");
      }
    }
    return f;
  }

  /** Waits up to {@code seconds} for {@code condition}; false when it never held. */
  public static boolean await(BooleanSupplier condition, int seconds) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() > deadline) {
        return false;
      }
      Thread.sleep(50);
    }
    return true;
  }
}
